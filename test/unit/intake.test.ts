import { fieldErrors, intakeSchema, productKeyOf } from '../../domain/intake';

const valid = {
  channel: 'hotline',
  complainant: { name: '李雷', phone: '13800138000' },
  subject: { productName: 'Phone  X', amountMinor: 100, currency: 'CNY' },
  description: '屏幕碎了',
};

function errorsOf(body: unknown): string[] {
  const parsed = intakeSchema.safeParse(body);
  return parsed.success ? [] : fieldErrors(parsed.error).map((e) => e.path);
}

describe('intake validation', () => {
  it('accepts a minimal valid intake and fills defaults', () => {
    const parsed = intakeSchema.parse(valid);
    expect(parsed.evidence).toEqual([]);
    expect(parsed.complainant.locale).toBe('zh-CN');
  });

  it('trims strings', () => {
    expect(intakeSchema.parse({ ...valid, description: '  坏了  ' }).description).toBe('坏了');
  });

  it.each([
    ['every channel of SPEC §3', ['hotline', 'web', 'app', 'email', 'social', 'store', 'letter', 'regulator_transfer']],
  ])('accepts %s', (_name, channels) => {
    for (const channel of channels) expect(errorsOf({ ...valid, channel })).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['no body', undefined, ['']],
    ['array body', [], ['']],
    ['missing channel', { ...valid, channel: undefined }, ['channel']],
    ['unknown channel', { ...valid, channel: 'fax' }, ['channel']],
    ['missing complainant', { ...valid, complainant: undefined }, ['complainant']],
    ['empty name', { ...valid, complainant: { name: '   ', phone: '13800138000' } }, ['complainant.name']],
    ['no phone nor e-mail', { ...valid, complainant: { name: 'A' } }, ['complainant.phone']],
    ['bad phone', { ...valid, complainant: { name: 'A', phone: 'call me' } }, ['complainant.phone']],
    ['bad e-mail', { ...valid, complainant: { name: 'A', email: 'a@' } }, ['complainant.email']],
    ['unknown locale', { ...valid, complainant: { name: 'A', phone: '13800138000', locale: 'fr' } }, ['complainant.locale']],
    ['missing description', { ...valid, description: undefined }, ['description']],
    ['blank description', { ...valid, description: ' ' }, ['description']],
    ['oversized description', { ...valid, description: 'x'.repeat(8001) }, ['description']],
    ['fractional amount', { ...valid, subject: { amountMinor: 1.5, currency: 'CNY' } }, ['subject.amountMinor']],
    ['negative amount', { ...valid, subject: { amountMinor: -1, currency: 'CNY' } }, ['subject.amountMinor']],
    ['amount as string', { ...valid, subject: { amountMinor: '100', currency: 'CNY' } }, ['subject.amountMinor']],
    ['lower-case currency', { ...valid, subject: { amountMinor: 1, currency: 'cny' } }, ['subject.currency']],
    ['amount without currency', { ...valid, subject: { amountMinor: 1 } }, ['subject.currency']],
    ['unknown subject field', { ...valid, subject: { colour: 'red' } }, ['subject']],
    ['unknown top-level field', { ...valid, urgent: true }, ['']],
    ['bad occurredAt', { ...valid, occurredAt: 'yesterday' }, ['occurredAt']],
    ['occurredAt without offset', { ...valid, occurredAt: '2026-11-20T10:00:00' }, ['occurredAt']],
    ['evidence not a list', { ...valid, evidence: 'photo' }, ['evidence']],
    ['evidence without uri', { ...valid, evidence: [{ note: 'x' }] }, ['evidence.0.uri']],
    ['evidence bad uri', { ...valid, evidence: [{ uri: 'not a uri' }] }, ['evidence.0.uri']],
    ['too much evidence', { ...valid, evidence: Array.from({ length: 21 }, () => ({ uri: 'https://x.example/1' })) }, ['evidence']],
    ['several problems at once', { channel: 'fax', description: '' }, ['channel', 'complainant', 'subject', 'description']],
  ])('rejects %s', (_name, body, paths) => {
    const errors = errorsOf(body);
    for (const path of paths) expect(errors).toContain(path);
  });
});

describe('product key for repeat detection', () => {
  it.each([
    [{ sku: 'RC-X1', productName: 'Rice cooker' }, 'sku:rc-x1'],
    [{ productName: 'Rice   Cooker X1' }, 'name:rice cooker x1'],
    [{}, undefined],
  ])('%j → %s', (subject, key) => {
    expect(productKeyOf(subject)).toBe(key);
  });
});
