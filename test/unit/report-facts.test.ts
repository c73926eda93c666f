import fs from 'node:fs';
import path from 'node:path';
import { parseCsv, toCsv } from '../../api/read/report-tables';
import { MAX_PERIOD_DAYS, productKeysFor, publicComplainantRef, resolvePeriod } from '../../api/read/report-queries';
import { KPI_NAMES, KPIS, kpiTargets, ratio } from '../../domain/kpis';
import { STAGES, type Stage } from '../../domain/model';
import { foldFacts, initialFacts, isStaffResponse, stageBit, type FactEvent } from '../../domain/report-facts';
import { createContactKeys, normaliseEmail, normalisePhone } from '../../runtime/contact-keys';

const t0 = Date.parse('2026-10-01T01:00:00Z');
const at = (hours: number) => new Date(t0 + hours * 3_600_000);
const ev = (type: FactEvent['type'], stage: Stage, hours: number, extra: Partial<FactEvent> = {}): FactEvent => ({ type, stage, actorId: 'system', actorRole: 'admin', internal: false, occurredAt: at(hours), data: {}, ...extra });
const staff = { actorId: 'h-1', actorRole: 'handler' };
const seconds = (f: ReturnType<typeof initialFacts>, s: Stage) => f.stageSeconds[STAGES.indexOf(s)];

describe('foldFacts', () => {
  it('starts received, nothing else', () => {
    const f = initialFacts(at(0));
    expect(f.stagesEntered).toBe(stageBit('received'));
    expect(f.stageSeconds.every((s) => s === null)).toBe(true);
  });

  it('times a stage from the first event in it to the first event in the next', () => {
    let f = foldFacts(initialFacts(at(0)), [ev('acknowledged', 'acknowledged', 0.5)], 'acknowledged');
    f = foldFacts(f, [ev('triaged', 'investigating', 2, staff)], 'investigating');
    expect(seconds(f, 'received')).toBe(1800);
    expect(seconds(f, 'acknowledged')).toBe(1.5 * 3600);
    expect(seconds(f, 'investigating')).toBeNull();
    expect(f.currentStage).toBe('investigating');
  });

  it('enters the batch’s final stage at its last event when no event was written in it', () => {
    let f = foldFacts(initialFacts(at(0)), [ev('follow_up_due', 'follow_up', 10)], 'follow_up');
    f = foldFacts(f, [ev('follow_up_recorded', 'follow_up', 12, staff)], 'closed');
    expect(seconds(f, 'follow_up')).toBe(2 * 3600);
    expect(f.currentStage).toBe('closed');
    expect(f.stageEnteredAt).toEqual(at(12));
  });

  it('sums the visits of a stage entered twice', () => {
    let f = foldFacts(initialFacts(at(0)), [ev('triaged', 'investigating', 0)], 'investigating');
    f = foldFacts(f, [ev('findings_recorded', 'proposing', 3)], 'proposing');
    f = foldFacts(f, [ev('reopened', 'investigating', 4)], 'investigating');
    f = foldFacts(f, [ev('findings_recorded', 'proposing', 9)], 'proposing');
    expect(seconds(f, 'investigating')).toBe(8 * 3600);
    expect(seconds(f, 'proposing')).toBe(3600);
  });

  it('counts breaches per stage once in the mask, and separates those after the closure', () => {
    const f = foldFacts(initialFacts(at(0)), [ev('sla_breached', 'received', 1), ev('sla_breached', 'received', 2), ev('closed', 'closed', 3, { data: { outcome: 'resolved' } }), ev('follow_up_due', 'follow_up', 4), ev('sla_breached', 'follow_up', 5)], 'follow_up');
    expect(f.breaches).toBe(3);
    expect(f.handlingBreaches).toBe(2);
    expect(f.stagesBreached).toBe(stageBit('received') | stageBit('follow_up'));
  });

  it('a reopen takes the closure back; the next closure stands', () => {
    let f = foldFacts(initialFacts(at(0)), [ev('closed', 'closed', 1, { data: { outcome: 'resolved' } })], 'closed');
    expect(f.closedAt).toEqual(at(1));
    f = foldFacts(f, [ev('reopened', 'investigating', 2)], 'investigating');
    expect(f.closedAt).toBeNull();
    expect(f.outcome).toBeNull();
    f = foldFacts(f, [ev('closed', 'closed', 5, { data: { outcome: 'unresolved' } })], 'closed');
    expect(f).toMatchObject({ closures: 2, reopens: 1, closedAt: at(5), outcome: 'unresolved' });
  });

  it('keeps the latest score and the first acknowledgement', () => {
    let f = foldFacts(initialFacts(at(0)), [ev('acknowledged', 'acknowledged', 1), ev('satisfaction_recorded', 'confirming', 2, { data: { score: 2 } })]);
    f = foldFacts(f, [ev('acknowledged', 'acknowledged', 3), ev('satisfaction_recorded', 'confirming', 4, { data: { score: 5 } })]);
    expect(f.satisfaction).toBe(5);
    expect(f.acknowledgedAt).toEqual(at(1));
  });

  it('does not change the facts it was given', () => {
    const start = initialFacts(at(0));
    const copy = JSON.stringify(start);
    foldFacts(start, [ev('triaged', 'investigating', 1), ev('escalated', 'investigating', 2)], 'investigating');
    expect(JSON.stringify(start)).toBe(copy);
  });

  it.each([
    ['a note to the customer by staff', ev('note', 'investigating', 1, staff), true],
    ['an internal note by staff', ev('note', 'investigating', 1, { ...staff, internal: true }), false],
    ['a note by the customer', ev('note', 'investigating', 1, { actorId: 'c', actorRole: 'customer' }), false],
    ['triage', ev('triaged', 'investigating', 1, staff), false],
    ['the automatic acknowledgement', ev('acknowledged', 'acknowledged', 1), false],
    ['a progress update', ev('progress_update_sent', 'investigating', 1, staff), true],
    ['a proposal', ev('proposal_sent', 'negotiating', 1, staff), true],
    ['a resolution on the spot', ev('resolved_on_spot', 'confirming', 1, staff), true],
    ['a closure by the system', ev('closed', 'closed', 1), false],
    ['a closure by staff', ev('closed', 'closed', 1, staff), true],
  ])('%s is an answer by a person: %s', (_label, event, expected) => {
    expect(isStaffResponse(event)).toBe(expected);
  });
});

describe('contact keys', () => {
  const keys = createContactKeys(Buffer.alloc(32, 1));
  it.each([
    ['13800000001', '13800000001'],
    ['+86 138-0000-0001', '13800000001'],
    ['0086 138 0000 0001', '13800000001'],
    ['86-13800000001', '13800000001'],
    ['(010) 6512-3456', '01065123456'],
    ['12', undefined],
    ['no digits', undefined],
  ])('phone %s normalises to %s', (raw, expected) => expect(normalisePhone(raw)).toBe(expected));
  it.each([
    [' Li.Wei@Example.COM ', 'li.wei@example.com'],
    ['x@y', 'x@y'],
    ['not an address', undefined],
  ])('e-mail %s normalises to %s', (raw, expected) => expect(normaliseEmail(raw)).toBe(expected));
  it('equal contacts give equal keys; the key shows no digits; another server key gives another key', () => {
    expect(keys.phone('+86 138 0000 0001')).toBe(keys.phone('13800000001'));
    expect(keys.phone('13800000001')).not.toMatch(/1380000/);
    expect(createContactKeys(Buffer.alloc(32, 2)).phone('13800000001')).not.toBe(keys.phone('13800000001'));
    expect(keys.email('A@B.cn')).toBe(keys.email('a@b.cn'));
    expect(keys.phone('1')).toBeUndefined();
  });
  it('reports name a complainant by customer id or an opaque reference', () => {
    expect(publicComplainantRef('customer:cust-1')).toBe('customer:cust-1');
    expect(publicComplainantRef(keys.phone('13800000001')!)).toMatch(/^phone#[A-Za-z0-9_-]{10}$/);
  });
});

describe('report periods', () => {
  const now = new Date('2026-11-24T05:00:00Z');
  it.each([
    [{}, '2026-10-25T05:00:00.000Z', '2026-11-24T05:00:00.000Z'],
    [{ from: '2026-10-01', to: '2026-10-31' }, '2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z'],
    [{ from: '2026-10-01', to: '2026-10-01' }, '2026-09-30T16:00:00.000Z', '2026-10-01T16:00:00.000Z'],
    [{ from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00+08:00' }, '2026-10-01T00:00:00.000Z', '2026-10-01T16:00:00.000Z'],
    [{ to: '2026-11-01' }, '2026-10-02T16:00:00.000Z', '2026-11-01T16:00:00.000Z'],
  ])('%j is %s – %s', (q, from, to) => {
    const p = resolvePeriod(q, now, 480);
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual([from, to]);
  });
  it('refuses an empty or too long period, naming the field', () => {
    expect(() => resolvePeriod({ from: '2026-10-02', to: '2026-10-01' }, now, 480)).toThrow(expect.objectContaining({ status: 400, extra: { fields: [expect.objectContaining({ path: 'query.to' })] } }));
    expect(() => resolvePeriod({ from: '2020-01-01', to: '2026-01-01' }, now, 480)).toThrow(expect.objectContaining({ status: 400, extra: { fields: [expect.objectContaining({ path: 'query.from' })] } }));
    expect(MAX_PERIOD_DAYS).toBeGreaterThan(365);
  });
  it('matches a product by name or SKU in any case and spacing', () => {
    expect(productKeysFor('Kettle K2')).toEqual(['name:kettle k2', 'sku:kettle k2']);
    expect(productKeysFor('KETTLE  k2')).toContain('name:kettle k2');
  });
});

describe('KPI definitions', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'kpis.md'), 'utf8');
  it.each(KPI_NAMES)('%s is defined in docs/kpis.md with its Chinese name', (name) => {
    expect(doc).toContain(`\`${name}\``);
    expect(doc).toContain(KPIS[name].zh);
  });
  it('targets come from the definitions', () => {
    expect(kpiTargets()).toMatchObject({ handlingRate: { atLeast: 0.9 }, satisfiedRate: { atLeast: 0.8 } });
  });
  it.each([
    [0, 0, null],
    [0, 5, 0],
    [5, 5, 1],
    [1, 3, 0.3333],
    [2, 3, 0.6667],
  ])('ratio(%d, %d) = %s', (part, whole, expected) => expect(ratio(part, whole)).toBe(expected));
  it('refuses a part larger than its whole', () => expect(() => ratio(4, 3)).toThrow(/exceeds 1/));
});

describe('CSV', () => {
  it('round-trips quotes, commas, line breaks and Chinese text; defuses formulas', () => {
    const table = { columns: ['a', 'b', 'c'], rows: [['逗号,引号"', 'line\r\nbreak', 3], [null, '=HYPERLINK("x")', -1.5], ['@SUM', true, 0]] };
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(csv)).toEqual([['a', 'b', 'c'], ['逗号,引号"', 'line\r\nbreak', '3'], ['', `'=HYPERLINK("x")`, '-1.5'], [`'@SUM`, 'true', '0']]);
  });
});
