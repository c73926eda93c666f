import { contactNeedles, eraseFreeText, replaceNeedles } from '../../db/anonymise';
import { applyPolicyOverrides, defaultPolicy, policyForComplaint, policyOverridesSchema } from '../../domain/policy';
import { DEFAULT_RETENTION, ERASED_TEXT, PERSONAL_DATA_KIND_NAMES, retentionMs } from '../../domain/retention';
import { readCalendarFile } from '../../db/calendars';

describe('retention rules as data', () => {
  it('has a default period for every kind of personal data and every copy', () => {
    for (const kind of PERSONAL_DATA_KIND_NAMES) expect(retentionMs(DEFAULT_RETENTION.keep[kind])).toBeGreaterThan(0);
    expect(retentionMs(DEFAULT_RETENTION.keep.contact)).toBe(1095 * 86_400_000);
    expect(retentionMs(DEFAULT_RETENTION.copies.idempotencyAnswers)).toBe(86_400_000);
  });

  it('takes an operator’s overrides, refuses unknown keys and working-day units, and stays out of a complaint’s snapshot', () => {
    const base = defaultPolicy(readCalendarFile('cn-mainland'));
    const changed = applyPolicyOverrides(base, { retention: { keep: { messages: { amount: 90, unit: 'days' } }, dropContactKeys: true } });
    expect(changed.retention).toMatchObject({ keep: { messages: { amount: 90, unit: 'days' }, contact: DEFAULT_RETENTION.keep.contact }, dropContactKeys: true });
    expect(policyOverridesSchema.safeParse({ retention: { keep: { contact: { amount: 5, unit: 'workingDays' } } } }).success).toBe(false);
    expect(policyOverridesSchema.safeParse({ retention: { forever: true } }).success).toBe(false);
    expect(policyForComplaint(changed, Date.now())).not.toHaveProperty('retention');
  });
});

describe('erasing free text', () => {
  it('keeps codes, ids, times, numbers and the shape; erases words, addresses and long digit runs', () => {
    const data = { category: 'product_quality', number: 'CMP-20261127-000001', at: '2026-11-27T10:00:00.000Z', amountMinor: 5000, accepted: true, message: '退款 50 元给王小明', phone: '13800138000', uri: 'https://files.example.com/a.jpg', list: ['apology', '请联系我'] };
    expect(eraseFreeText(data)).toEqual({ category: 'product_quality', number: 'CMP-20261127-000001', at: '2026-11-27T10:00:00.000Z', amountMinor: 5000, accepted: true, message: ERASED_TEXT, phone: ERASED_TEXT, uri: ERASED_TEXT, list: ['apology', ERASED_TEXT] });
  });

  it('finds a person’s contact data however it is written, and replaces it anywhere in a value', () => {
    const needles = contactNeedles({ name: '王小明', phone: '+86 138 0013 8000', email: 'Xiaoming@Example.com', customerId: 'cust-1' });
    expect(needles).toEqual(expect.arrayContaining(['王小明', '+86 138 0013 8000', '13800138000', '138 0013 8000', '138-0013-8000', 'Xiaoming@Example.com', 'cust-1']));
    expect(replaceNeedles({ text: '请致电13800138000或138-0013-8000找王小明，邮件 xiaoming@example.com' }, needles)).toEqual({ text: `请致电${ERASED_TEXT}或${ERASED_TEXT}找${ERASED_TEXT}，邮件 ${ERASED_TEXT}` });
    // A one-character name would erase every occurrence of that character: names shorter than two are not searched for.
    expect(contactNeedles({ name: '王', phone: null, email: null, customerId: null })).toEqual([]);
  });
});
