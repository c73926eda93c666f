/**
 * The reference check of the reports (docs/kpis.md): 240 generated complaint histories covering every
 * path are written through the same recording path as the service (the intake's `storeIntake`, then
 * the `recordTransition` activity batch by batch, some batches twice as a retry would, after or racing the first attempt), and every
 * figure of `summaryReport` is compared with the same figure computed independently in TypeScript
 * from the event lists — for the period, with each filter, per day/week/month, per department and per
 * handler. Then hand-built cases pin each figure that was once wrong.
 */
import { storeIntake } from '../../api/write/intake';
import { reportQuerySchema, summaryReport, type Rate, type SummaryReport } from '../../api/read/report-queries';
import { createActivities } from '../../activities';
import { staff } from '../../db/schema';
import type { Intake } from '../../domain/intake';
import { ratio } from '../../domain/kpis';
import { STAGES } from '../../domain/model';
import { createNotificationService } from '../../notifications';
import { contactHashKey, createContactKeys } from '../../runtime/contact-keys';
import type { ComplaintProjection, RecordTransitionInput } from '../../workflows/types';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_PAYLOAD_KEY } from '../support/payload-key';
import { generateHistories, mulberry32, PATHS, type GenBatch, type GenComplaint } from '../support/report-histories';
import { referenceReport, type RefQuery } from '../support/report-reference';

const SEED = Number(process.env.REPORT_SEED ?? 20261124);
const COUNT = Number(process.env.REPORT_HISTORIES ?? 240);
const OFFSET = 480;
const local = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

let database: TestDatabase;
let activities: ReturnType<typeof createActivities>;
const contactKeys = createContactKeys(contactHashKey(TEST_PAYLOAD_KEY));

async function record(c: GenComplaint, retry: () => boolean): Promise<void> {
  const intake = {
    channel: c.channel,
    complainant: { name: 'Test', phone: c.phone, email: c.email, customerId: c.customerId, locale: 'zh-CN' },
    subject: { productName: c.productName, sku: c.sku },
    description: 'generated',
    evidence: [],
  } as unknown as Intake;
  await database.db.transaction((tx) => storeIntake(tx, { number: c.number, receivedAt: new Date(c.receivedAt), actor: { id: 'a-1', role: 'agent' }, intake, contactKeys, trackingSecretHash: null }));
  let seq = 0;
  let version = 0;
  for (const batch of c.batches) {
    version += 1;
    const input = transition(c, batch, seq, version);
    seq += batch.events.length;
    // Some batches are retried: after the first attempt, or racing it (an attempt that timed out
    // while its statement was still running). Either way each event is folded once.
    const again = retry();
    if (again && version % 2 === 0) {
      await Promise.all([activities.recordTransition(input), activities.recordTransition(input)]);
    } else {
      await activities.recordTransition(input);
      if (again) await activities.recordTransition(input);
    }
  }
}

function transition(c: GenComplaint, batch: GenBatch, seqBefore: number, version: number): RecordTransitionInput {
  const projection: ComplaintProjection = {
    stage: batch.stageAfter,
    category: batch.category,
    departmentId: batch.departmentId,
    assigneeId: batch.assigneeId,
    escalationLevel: 0,
    slaBreached: false,
    possiblySystemic: false,
    reopenCount: 0,
    stateVersion: version,
    lastTransitionAt: new Date(batch.events.at(-1)!.at).toISOString(),
  };
  return {
    complaintNumber: c.number,
    projection,
    events: batch.events.map((e, i) => ({
      id: `${c.number}:${seqBefore + i + 1}`,
      seq: seqBefore + i + 1,
      type: e.type,
      stage: e.stage,
      actor: e.actor,
      data: e.data,
      internal: e.internal,
      occurredAt: new Date(e.at).toISOString(),
      notifications: [],
    })),
  };
}

/** Every rate of a report, wherever it is. */
function ratesOf(value: unknown, out: Rate[] = []): Rate[] {
  if (value && typeof value === 'object') {
    if ('part' in value && 'whole' in value && 'value' in value) out.push(value as Rate);
    else for (const v of Object.values(value)) ratesOf(v, out);
  }
  return out;
}

const near = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(0.051 + Math.abs(expected) * 1e-9);
};

function compare(report: SummaryReport, expected: ReturnType<typeof referenceReport>, label: string): void {
  try {
    expect(report.figures).toEqual(expected.figures);
    expect(report.closed).toBe(expected.closed);
    for (const s of STAGES) {
      const a = report.stages[s];
      const e = expected.stages[s] as { entered: number; breachRate: Rate; timed: number; meanSeconds: number | null; p90Seconds: number | null };
      expect({ stage: s, entered: a.entered, breachRate: a.breachRate, timed: a.timed }).toEqual({ stage: s, entered: e.entered, breachRate: e.breachRate, timed: e.timed });
      near(a.meanSeconds, e.meanSeconds);
      near(a.p90Seconds, e.p90Seconds);
    }
    expect(report.trend).toEqual(expected.trend);
    expect(new Map(report.byDepartment.map(({ departmentId, ...b }) => [departmentId, b]))).toEqual(expected.byDepartment);
    expect(new Map(report.byStaff.map(({ staffId, name: _name, ...b }) => [staffId, b]))).toEqual(expected.byStaff);
    // Hot spots: the top ones, each with the reference's count; nothing bigger left out.
    for (const h of report.hotSpots) expect(h.complaints).toBe(expected.hotSpots.get(`${h.category}|${h.productKey}`));
    const smallestShown = Math.min(...report.hotSpots.map((h) => h.complaints));
    expect([...expected.hotSpots.values()].filter((n) => n > smallestShown).length).toBeLessThanOrEqual(report.hotSpots.length);
    expect(new Map(report.repeatProducts.map((p) => [p.productKey, p.complaints]))).toEqual(expected.repeatProducts);
    const people = (xs: { complaints: number; numbers: string[] }[]) => xs.map((x) => `${x.complaints}:${x.numbers.join(',')}`).sort();
    expect(people(report.repeatComplainants)).toEqual(people(expected.repeatPeople));
    for (const r of ratesOf(report)) expect(r.part).toBeLessThanOrEqual(r.whole);
  } catch (err) {
    throw new Error(`${label}: ${(err as Error).message}`);
  }
}

let histories: GenComplaint[];

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(staff).values(['h-1', 'h-2', 'h-3', 'h-4'].map((id, i) => ({ id, name: `处理人${i + 1}`, role: 'handler' as const, departmentId: 'dept-a' })));
  activities = createActivities({ db: database.db, notifications: createNotificationService({ db: database.db }) });
  histories = generateHistories(SEED, COUNT, local('2026-09-20'), local('2026-11-06'), 1);
  const retry = mulberry32(SEED + 1);
  for (const c of histories) await record(c, () => retry() < 0.1);
}, 180_000);

afterAll(async () => {
  await database?.close();
});

describe(`reference check over ${COUNT} generated histories (seed ${SEED})`, () => {
  it('covers every path', () => {
    const paths = new Set(histories.map((h) => h.path));
    expect([...paths].sort()).toEqual([...PATHS].sort());
    const types = new Set(histories.flatMap((h) => h.batches.flatMap((b) => b.events.map((e) => e.type))));
    for (const t of ['sla_breached', 'escalated', 'reopened', 'follow_up_recorded', 'withdrawn', 'proposal_rejected', 'proposal_rejected_by_approver', 'resolved_on_spot']) expect(types).toContain(t);
    const inPeriod = histories.filter((h) => h.receivedAt >= local('2026-10-01') && h.receivedAt < local('2026-11-01'));
    expect(inPeriod.length).toBeGreaterThanOrEqual(120);
  });

  const base = { from: '2026-10-01', to: '2026-10-31' };
  const CASES: { label: string; query: Record<string, string>; ref: Partial<RefQuery> }[] = [
    { label: 'October by day', query: { ...base }, ref: {} },
    { label: 'October by week', query: { ...base, interval: 'week' }, ref: { interval: 'week' } },
    { label: 'whole range by month, instants', query: { from: '2026-09-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00', interval: 'month' }, ref: { from: local('2026-09-01'), to: local('2026-12-01'), interval: 'month' } },
    { label: 'category', query: { ...base, category: 'logistics' }, ref: { category: 'logistics' } },
    { label: 'department', query: { ...base, departmentId: 'dept-b' }, ref: { departmentId: 'dept-b' } },
    { label: 'channel', query: { ...base, channel: 'hotline' }, ref: { channel: 'hotline' } },
    { label: 'product by name, any case', query: { ...base, product: 'kettle K2' }, ref: { productKeys: ['name:kettle k2'] } },
    { label: 'product by SKU', query: { ...base, product: 'Sku-9' }, ref: { productKeys: ['sku:sku-9'] } },
  ];
  it.each(CASES)('$label: every figure equals the reference', async ({ label, query, ref }) => {
    const report = await summaryReport(database.db, reportQuerySchema.parse({ ...query, top: '50' }));
    const expected = referenceReport(histories, { from: local('2026-10-01'), to: local('2026-11-01'), utcOffsetMinutes: OFFSET, interval: 'day', ...ref });
    expect(report.figures.volume).toBeGreaterThan(0);
    compare(report, expected, label);
  });

  it('finds people who complained by phone only, in different spellings, as one repeat complainant', async () => {
    const report = await summaryReport(database.db, reportQuerySchema.parse({ from: '2026-09-01', to: '2026-11-30', top: '50' }));
    const phoneOnly = histories.filter((h) => h.person === 'p-phone');
    expect(new Set(phoneOnly.map((h) => h.phone)).size).toBe(3);
    const found = report.repeatComplainants.find((r) => r.complaints === phoneOnly.length);
    expect(found?.complainant).toMatch(/^phone#/);
    expect(found?.customerId).toBeNull();
    // No contact data: neither the numbers typed nor their digits.
    expect(JSON.stringify(report)).not.toMatch(/13800000001|138-0000|li\.wei|example\.com/i);
  });

  it('a retried recording batch changes no figure (the facts fold each sequence number once)', async () => {
    const before = await summaryReport(database.db, reportQuerySchema.parse(base));
    const c = histories.find((h) => h.receivedAt >= local('2026-10-02') && h.batches.length > 3)!;
    let seq = 0;
    for (const [i, b] of c.batches.entries()) {
      await activities.recordTransition(transition(c, b, seq, i + 1));
      seq += b.events.length;
    }
    expect(await summaryReport(database.db, reportQuerySchema.parse(base))).toEqual(before);
  });
});

describe('figures that were once wrong, on hand-built histories', () => {
  const H = 3_600_000;
  const t0 = local('2025-03-03') + 9 * H;
  const sys = { id: 'system', role: 'admin' } as const;
  const cust = { id: 'customer', role: 'customer' } as const;
  const agent = { id: 'a-9', role: 'agent' } as const;
  const handler = { id: 'h-9', role: 'handler' } as const;
  const dims = { category: 'logistics' as const, departmentId: 'dept-z', assigneeId: 'h-9' };
  const ev = (type: GenBatch['events'][number]['type'], stage: GenBatch['events'][number]['stage'], at: number, actor: GenBatch['events'][number]['actor'] = sys, data = {}, internal = false) => ({ type, stage, actor, internal, at, data });
  let n = 900;
  const complaint = (batches: GenBatch[], extra: Partial<GenComplaint> = {}): GenComplaint => ({ number: `CMP-20250303-${String(++n).padStart(6, '0')}`, receivedAt: t0, channel: 'web', person: `x${n}`, batches, path: 'hand', ...extra });
  const ack = (at = t0 + 1000): GenBatch => ({ events: [ev('acknowledged', 'acknowledged', at)], stageAfter: 'acknowledged' });
  const period = { from: '2025-03-03', to: '2025-03-03' };

  const run = async (cases: GenComplaint[], query: Record<string, string> = {}) => {
    const fresh = await createTestDatabase();
    const saved = { database, activities };
    database = fresh;
    activities = createActivities({ db: fresh.db, notifications: createNotificationService({ db: fresh.db }) });
    try {
      for (const c of cases) await record(c, () => false);
      return await summaryReport(fresh.db, reportQuerySchema.parse({ ...period, ...query }));
    } finally {
      ({ database, activities } = saved);
      await fresh.close();
    }
  };

  it('breach rate per stage: two breaches in a stage entered twice count once, over the complaints that entered it', async () => {
    const twice = complaint([
      ack(),
      { events: [ev('triaged', 'investigating', t0 + H, agent)], stageAfter: 'investigating', ...dims },
      { events: [ev('sla_breached', 'investigating', t0 + 30 * H), ev('sla_breached', 'investigating', t0 + 40 * H)], stageAfter: 'investigating', ...dims },
      { events: [ev('findings_recorded', 'proposing', t0 + 50 * H, handler)], stageAfter: 'proposing', ...dims },
      { events: [ev('reopened', 'investigating', t0 + 60 * H, cust)], stageAfter: 'investigating', ...dims },
      { events: [ev('sla_breached', 'investigating', t0 + 90 * H)], stageAfter: 'investigating', ...dims },
    ]);
    const clean = complaint([ack(), { events: [ev('triaged', 'investigating', t0 + H, agent)], stageAfter: 'investigating', ...dims }]);
    const r = await run([twice, clean]);
    expect(r.stages.investigating.breachRate).toEqual({ value: 0.5, part: 1, whole: 2 });
    expect(r.figures.slaBreachRate).toEqual({ value: 0.5, part: 1, whole: 2 });
  });

  it('reopen rate: a reopened case that is open again stays in the denominator (complaints ever closed)', async () => {
    const reopened = complaint([ack(), { events: [ev('closed', 'closed', t0 + 2 * H, agent, { outcome: 'resolved' })], stageAfter: 'closed' }, { events: [ev('reopened', 'investigating', t0 + 5 * H, cust)], stageAfter: 'investigating' }]);
    const closed = complaint([ack(), { events: [ev('closed', 'closed', t0 + 2 * H, agent, { outcome: 'resolved' })], stageAfter: 'closed' }]);
    const open = complaint([ack()]);
    const r = await run([reopened, closed, open]);
    expect(r.figures.reopenRate).toEqual({ value: 0.5, part: 1, whole: 2 });
    expect(r.closed).toBe(1);
  });

  it('time per stage: a batch that ends in a stage it wrote no event in (follow-up back to closed) is timed from that batch', async () => {
    const c = complaint([
      ack(t0 + 1000),
      { events: [ev('closed', 'closed', t0 + 10 * H, agent, { outcome: 'resolved' })], stageAfter: 'closed' },
      { events: [ev('follow_up_due', 'follow_up', t0 + 30 * H)], stageAfter: 'follow_up' },
      { events: [ev('follow_up_recorded', 'follow_up', t0 + 34 * H, agent)], stageAfter: 'closed' },
      { events: [ev('note', 'closed', t0 + 40 * H, handler, {}, true)], stageAfter: 'closed' },
    ]);
    const r = await run([c]);
    expect(r.stages.follow_up).toMatchObject({ entered: 1, timed: 1, meanSeconds: 4 * 3600 });
    // Closed from 10 h to 30 h, then again from 34 h (still there: that visit has not ended).
    expect(r.stages.closed).toMatchObject({ timed: 1, meanSeconds: 20 * 3600 });
    expect(r.stages.received).toMatchObject({ timed: 1, meanSeconds: 1 });
  });

  it('handling rate counts a closed case that is in its follow-up visit, and not one breached before closing', async () => {
    const inFollowUp = complaint([ack(), { events: [ev('closed', 'closed', t0 + 2 * H, agent, { outcome: 'resolved' })], stageAfter: 'closed' }, { events: [ev('follow_up_due', 'follow_up', t0 + 9 * H), ev('sla_breached', 'follow_up', t0 + 9 * H)], stageAfter: 'follow_up' }]);
    const lateClosed = complaint([ack(), { events: [ev('sla_breached', 'acknowledged', t0 + 25 * H)], stageAfter: 'acknowledged' }, { events: [ev('closed', 'closed', t0 + 26 * H, agent, { outcome: 'resolved' })], stageAfter: 'closed' }]);
    const r = await run([inFollowUp, lateClosed]);
    expect(r.figures.handlingRate).toEqual({ value: 0.5, part: 1, whole: 2 });
    expect(r.closed).toBe(2);
  });

  it('the 24-hour figures: acknowledgement is the acknowledgement, and triage is not an answer by a person', async () => {
    const triagedOnly = complaint([ack(), { events: [ev('triaged', 'investigating', t0 + H, agent)], stageAfter: 'investigating', ...dims }, { events: [ev('progress_update_sent', 'investigating', t0 + 30 * H, handler)], stageAfter: 'investigating', ...dims }]);
    const answered = complaint([ack(), { events: [ev('triaged', 'investigating', t0 + H, agent), ev('note', 'investigating', t0 + 2 * H, handler, {}, true)], stageAfter: 'investigating', ...dims }, { events: [ev('note', 'investigating', t0 + 3 * H, handler)], stageAfter: 'investigating', ...dims }]);
    const lateAck = complaint([ack(t0 + 25 * H)]);
    const r = await run([triagedOnly, answered, lateAck]);
    expect(r.figures.firstResponseWithin24hRate).toEqual({ value: 0.3333, part: 1, whole: 3 });
    expect(r.figures.acknowledgedWithin24hRate).toEqual({ value: 0.6667, part: 2, whole: 3 });
  });

  it('repeat complainants by phone without an account, and the product filter by name in any case', async () => {
    const a = complaint([ack()], { phone: '+86 139-1111-2222', productName: 'Air Fryer X' });
    const b = complaint([ack()], { phone: '13911112222', productName: 'air fryer  x', receivedAt: t0 + 500 });
    const c = complaint([ack()], { customerId: 'cust-5', productName: 'Other' });
    const r = await run([a, b, c], { product: 'AIR FRYER X' });
    expect(r.figures.volume).toBe(2);
    expect(r.repeatComplainants).toEqual([expect.objectContaining({ complaints: 2, customerId: null, numbers: [b.number, a.number] })]);
    expect(r.repeatProducts).toEqual([{ productKey: 'name:air fryer x', productName: expect.stringMatching(/air fryer/i), complaints: 2 }]);
  });

  it('no ratio can exceed 1: the helper refuses a part larger than its whole', () => {
    expect(() => ratio(3, 2)).toThrow(/exceeds 1/);
    expect(ratio(2, 2)).toBe(1);
    expect(ratio(0, 0)).toBeNull();
  });
});

