/**
 * Clocks the law sets, on the real stack (API, worker, dev server, PostgreSQL): a banking complaint and
 * a complaint transferred by the market regulator (12315), each with its legal clocks beside the
 * internal ones, and the two deliberate re-plans (a holiday notice, a new policy version). Every
 * expectation of a due time is computed with the same domain functions from the calendar the stack
 * runs on, so the test holds on any day it runs.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { auditLog, complaints, notifications, timelineEvents } from '../../db/schema';
import { localDateOf, type CalendarYear } from '../../domain/calendar';
import { planLegalClocks, type LegalClockFacts } from '../../domain/legal-clocks';
import { legalDueAfterStops } from '../../domain/legal-periods';
import { regimeVersionFor, type LegalRegimeId } from '../../domain/legal-regimes';
import type { Role } from '../../domain/model';
import type { PolicyOverrides } from '../../domain/policy';
import { SAVED_QUERIES } from '../../workflows/operator-queries';
import { saveHistoryIfRecording } from '../support/histories';
import { eventually, SECONDS_POLICY, startTestStack, useTestPolicy, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const usePolicy = (overrides: Partial<PolicyOverrides> = {}) => useTestPolicy(stack, overrides);

beforeEach(() => usePolicy({ legal: { complianceContacts: ['quality-test'] } }));

const DAY = 86_400_000;
const cal = () => stack.policy.current.calendar;
/** Local days of the organisation (cn-mainland is UTC+8); the refusal table is built before the stack starts. */
const dayOffset = (days: number) => new Date(Date.now() + days * DAY + 480 * 60_000).toISOString().slice(0, 10);
const today = () => dayOffset(0);

async function act(number: string, action: string, role: Role, body: unknown, sub?: string) {
  return stack.request('POST', `/complaints/${number}/${action}`, { role, sub: sub ?? (role === 'customer' ? 'cust-1' : await stack.caseWorker(number, role)), body });
}

async function ok(number: string, action: string, role: Role, body: unknown, sub?: string) {
  const res = await act(number, action, role, body, sub);
  if (res.status !== 200) throw new Error(`${action} by ${role}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.state;
}

async function read(number: string, role: Role = 'supervisor', sub = role === 'customer' ? 'cust-1' : `${role}-test`) {
  return (await stack.request('GET', `/complaints/${number}`, { role, sub })).body;
}

async function events(number: string) {
  return stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number)).orderBy(asc(timelineEvents.seq));
}

async function inApp(number: string, kind: string) {
  return stack.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.complaintNumber, number), eq(notifications.channel, 'in_app'), eq(notifications.kind, kind as never)));
}

async function file(body: Record<string, unknown>): Promise<string> {
  const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake(body) });
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  const number = res.body.number as string;
  await eventually(async () => (await read(number)).state.stage === 'acknowledged');
  return number;
}

type Legal = { kind: 'legal'; regime: string; clock: string; binding: boolean; dueAt?: string; stopped: boolean; missed: boolean; extensions: string[]; ended?: { onTime: boolean } };
const legalClock = (state: { deadlines: { kind: string }[] }, clock: string) => state.deadlines.find((d) => d.kind === 'legal' && (d as Legal).clock === clock) as Legal | undefined;

function plan(regime: LegalRegimeId, facts: LegalClockFacts) {
  const version = regimeVersionFor(regime, localDateOf(cal(), facts.receivedAtMs))!;
  return planLegalClocks(cal(), version, facts, stack.policy.current.legal!.warnings);
}

/**
 * The early-warning share that puts a complaint's first warning `leadMs` from now, given when it was
 * received: the test then watches the warning fire on its durable timer.
 */
function warningShareFor(regime: LegalRegimeId, receivedAtMs: number, leadMs: number): number {
  const due = plan(regime, { receivedAtMs }).find((c) => c.kind === 'binding')!.dueAtMs!;
  return (Date.now() + leadMs - receivedAtMs) / (due - receivedAtMs);
}

describe('intake refuses legal facts it cannot count from', () => {
  it.each([
    ['a receipt in the future', { receivedAt: new Date(Date.now() + 2 * DAY).toISOString() }, 'body.receivedAt'],
    ['a receipt older than 60 days', { receivedAt: new Date(Date.now() - 61 * DAY).toISOString() }, 'body.receivedAt'],
    ['a transfer without the regulator’s date', { regime: 'cn-samr-transfer', regulator: { reference: 'SH-12315-1' } }, 'body.regulator.dueDate'],
    ['a transfer without its reference', { regime: 'cn-samr-transfer', regulator: { dueDate: dayOffset(10) } }, 'body.regulator.reference'],
    ['a regulator’s date before the receipt', { regime: 'cn-samr-transfer', regulator: { reference: 'SH-1', dueDate: dayOffset(-3) } }, 'body.regulator.dueDate'],
    ['a regulator’s transfer without a regime', { regulator: { reference: 'SH-1', dueDate: dayOffset(3) } }, 'body.regime'],
    ['an unknown regime', { regime: 'cn-everything' }, 'body.regime'],
  ])('%s → 400 naming the field', async (_label, body, path) => {
    const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake(body) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
  });

  it('takes the receipt time from staff only', async () => {
    const res = await stack.request('POST', '/complaints', { role: 'customer', sub: 'cust-1', body: validIntake({ receivedAt: new Date(Date.now() - DAY).toISOString() }) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('body.receivedAt');
  });
});

describe('a banking complaint', () => {
  it('counts from the real receipt, warns the right people, is not stopped by the internal pause, extends with the customer told, and ends on the decision', async () => {
    await stack.withWorker(async () => {
      const receivedAtMs = Date.now() - 7 * DAY;
      const share = warningShareFor('cn-banking-insurance', receivedAtMs, 10_000);
      usePolicy({ legal: { warnings: [share, 0.99], complianceContacts: ['quality-test'] } });
      const number = await file({ channel: 'letter', regime: 'cn-banking-insurance', receivedAt: new Date(receivedAtMs).toISOString() });
      const expected = plan('cn-banking-insurance', { receivedAtMs })[0]!;

      // The intake recorded who entered the receipt time, and the clock counts from it.
      const received = (await events(number))[0]!;
      expect(received.data).toMatchObject({ companyReceivedAt: new Date(receivedAtMs).toISOString(), receivedAtEnteredBy: 'agent-li', regime: 'cn-banking-insurance' });
      let state = (await read(number)).state;
      expect(legalClock(state, 'decision')).toMatchObject({ regime: 'cn-banking-insurance', binding: true, dueAt: new Date(expected.dueAtMs!).toISOString(), lastDay: expected.lastDay, stopped: false, missed: false });
      expect(state.legal).toMatchObject({ regime: 'cn-banking-insurance', version: '2020-03-01', receivedAt: new Date(receivedAtMs).toISOString() });
      const [row] = await stack.database.db.select().from(complaints).where(eq(complaints.number, number));
      expect(row).toMatchObject({ regime: 'cn-banking-insurance', legalMissed: false });
      expect(row!.legalDueAt?.toISOString()).toBe(new Date(expected.dueAtMs!).toISOString());

      // The internal pause stops the company's clocks, not the law's.
      await ok(number, 'triage', 'agent', { category: 'price_dispute', severity: 'medium', grade: 'complex', departmentId: 'quality' }, 'agent-li');
      state = await ok(number, 'pause', 'handler', { reason: '等待客户提供银行流水' });
      expect(state.deadlines.filter((d: { kind: string }) => d.kind !== 'legal').every((d: { paused: boolean }) => d.paused)).toBe(true);
      expect(legalClock(state, 'decision')).toMatchObject({ stopped: false, dueAt: new Date(expected.dueAtMs!).toISOString() });

      // The first warning fires on its durable timer: to the owner, the department's supervisors and the compliance contact.
      const warning = await eventually(async () => (await events(number)).find((e) => e.type === 'legal_deadline_warning'), 30_000);
      expect(warning.data).toMatchObject({ regime: 'cn-banking-insurance', clockId: 'decision', percent: Math.round(share * 100) });
      expect(warning.occurredAt.getTime()).toBeGreaterThanOrEqual(expected.warnAtMs[0]!);
      const warned = (await inApp(number, 'legal_deadline_warning')).map((n) => n.recipientId).sort();
      expect(warned).toEqual(['handler-chen', 'quality-test', 'sup-sun']);

      // The regime allows no stop of this clock; a stop is refused naming the reason.
      const stop = await act(number, 'legal-clock-stops', 'handler', { clock: 'decision', reason: 'testing', note: '送检' });
      expect(stop.status).toBe(400);
      expect(stop.body.error.fields[0].path).toBe('reason');

      // Extensions: the complex one by the handler, the customer told; the special one needs a senior officer.
      expect((await act(number, 'legal-clock-extensions', 'handler', { clock: 'decision', extension: 'special', reason: 'x', customerMessage: 'x' })).body.error.fields[0].path).toBe('extension');
      const untold = await act(number, 'legal-clock-extensions', 'handler', { clock: 'decision', extension: 'complex', reason: '需调取三家机构的交易记录' });
      expect(untold.status).toBe(400);
      expect(untold.body.error.fields[0].path).toBe('customerMessage');
      state = await ok(number, 'legal-clock-extensions', 'handler', { clock: 'decision', extension: 'complex', reason: '需调取三家机构的交易记录', customerMessage: '因需向多家机构调取交易记录，处理期限延长至30日。' });
      const extended = plan('cn-banking-insurance', { receivedAtMs, extensions: [{ clockId: 'decision', extensionId: 'complex' }] })[0]!;
      expect(legalClock(state, 'decision')).toMatchObject({ extensions: ['complex'], dueAt: new Date(extended.dueAtMs!).toISOString() });
      expect(extended.dueAtMs! - expected.dueAtMs!).toBeGreaterThanOrEqual(14 * DAY);
      const told = await eventually(async () => (await inApp(number, 'legal_extension'))[0]);
      expect(told).toMatchObject({ recipientType: 'customer' });
      expect(told.bodyText).toContain('处理期限延长至30日');
      expect((await act(number, 'legal-clock-extensions', 'supervisor', { clock: 'decision', extension: 'special', reason: '特别复杂', customerMessage: '再延长30日' }, 'sup-sun')).status).toBe(403);
      state = await ok(number, 'legal-clock-extensions', 'manager', { clock: 'decision', extension: 'special', reason: '涉及司法鉴定，情况特别复杂', customerMessage: '经高级管理人员批准，处理期限再延长30日。' }, 'manager-test');
      const special = plan('cn-banking-insurance', { receivedAtMs, extensions: [{ clockId: 'decision', extensionId: 'complex' }, { clockId: 'decision', extensionId: 'special' }] })[0]!;
      expect(legalClock(state, 'decision')).toMatchObject({ extensions: ['complex', 'special'], dueAt: new Date(special.dueAtMs!).toISOString() });
      await eventually(async () => (await inApp(number, 'legal_extension')).length === 2);

      // Operators find it in the Temporal UI by its legal date (the saved query), not before it is near.
      const listed = async (query: string) => {
        const numbers: string[] = [];
        for await (const wf of stack.client.workflow.list({ query: `${query} AND WorkflowId = "${number}"` })) numbers.push(wf.workflowId);
        return numbers;
      };
      await eventually(async () => (await listed(SAVED_QUERIES.legalDueWithin3Days.query(new Date(special.dueAtMs! - DAY)))).length === 1);
      expect(await listed(SAVED_QUERIES.legalDueWithin3Days.query(new Date()))).toEqual([]);

      // The complainant's page says by when the law wants an answer.
      const mine = await read(number, 'customer');
      expect(mine.promised.legalAnswerBy).toMatchObject({ by: new Date(special.dueAtMs!).toISOString(), lastDay: special.lastDay, regime: 'cn-banking-insurance' });
      expect(mine.history.map((h: { what: string }) => h.what)).toContain('处理期限依法延长');

      // A proposal is the decision told: the legal clock ends, on time.
      await ok(number, 'resumption', 'handler', {});
      await ok(number, 'findings', 'handler', { facts: '重复扣费', rootCause: '系统批处理重复', responsibility: 'company' });
      state = await ok(number, 'proposal', 'handler', { remedies: [{ type: 'apology' }], message: '退还重复扣费并致歉' });
      expect(state.stage).toBe('negotiating');
      expect(legalClock(state, 'decision')?.ended).toMatchObject({ onTime: true, by: 'decision_told' });
      const ended = (await events(number)).find((e) => e.type === 'legal_clock_ended')!;
      expect(ended.data).toMatchObject({ regime: 'cn-banking-insurance', clockId: 'decision', onTime: true });
      await eventually(async () => (await stack.database.db.select().from(complaints).where(eq(complaints.number, number)))[0]?.legalDueAt === null);
      await saveHistoryIfRecording(number, 'legal-clocks-banking-1.1');
    });
  });
});

describe('a complaint transferred by the market regulator', () => {
  it('misses the regulator’s date (recorded, told, reported), shows the regulator’s periods as context, and moves the mediation period by a testing stop', async () => {
    usePolicy();
    await stack.withWorker(async () => {
      const receivedAtMs = Date.now() - 5 * DAY;
      const number = await file({
        channel: 'regulator_transfer',
        regime: 'cn-samr-transfer',
        receivedAt: new Date(receivedAtMs).toISOString(),
        regulator: { reference: 'SH-12315-2026-0042', office: '上海市浦东新区市场监督管理局', dueDate: dayOffset(-2) },
      });

      // Due two days ago: missed at once, recorded, told to the department's people and (no contact configured) the managers.
      const missed = await eventually(async () => (await events(number)).find((e) => e.type === 'legal_deadline_missed'));
      expect(missed.data).toMatchObject({ regime: 'cn-samr-transfer', clockId: 'regulatorReply' });
      const told = (await inApp(number, 'legal_deadline_missed')).map((n) => n.recipientId).sort();
      expect(told).toEqual(expect.arrayContaining(['mgr-zhang', 'manager-test']));
      await eventually(async () => (await stack.database.db.select().from(complaints).where(eq(complaints.number, number)))[0]?.legalMissed === true);

      let state = (await read(number)).state;
      expect(state.legal).toMatchObject({ regulatorReference: 'SH-12315-2026-0042', regulatorOffice: '上海市浦东新区市场监督管理局' });
      expect(legalClock(state, 'regulatorReply')).toMatchObject({ binding: true, missed: true });
      expect(legalClock(state, 'regulatorAcceptance')).toMatchObject({ binding: false });
      expect(legalClock(state, 'regulatorMediation')).toBeUndefined();

      // The regulator accepted it today: its mediation period (45 working days) appears, for context.
      await ok(number, 'triage', 'agent', { category: 'compliance', severity: 'high', grade: 'major', departmentId: 'quality' }, 'agent-li');
      expect((await act(number, 'regulator-acceptance', 'handler', { acceptedOn: dayOffset(3) })).body.error.fields[0].path).toBe('acceptedOn');
      state = await ok(number, 'regulator-acceptance', 'handler', { acceptedOn: today() });
      const mediation = legalClock(state, 'regulatorMediation')!;
      expect(mediation).toMatchObject({ binding: false, stopped: false });

      // Testing time is not counted: stopped, the due time is unknown; resumed, it moves by the working days the stop touched.
      expect((await act(number, 'legal-clock-stops', 'handler', { clock: 'regulatorMediation', reason: 'customer_unreachable', note: 'x' })).status).toBe(400);
      state = await ok(number, 'legal-clock-stops', 'handler', { clock: 'regulatorMediation', reason: 'testing', note: '样品送第三方检测' });
      expect(legalClock(state, 'regulatorMediation')).toMatchObject({ stopped: true });
      expect(legalClock(state, 'regulatorMediation')!.dueAt).toBeUndefined();
      state = await ok(number, 'legal-clock-resumptions', 'handler', { note: '检测报告已出' , clock: 'regulatorMediation' });
      const stopRecord = state.legal.stops[0];
      expect(stopRecord).toMatchObject({ clockId: 'regulatorMediation', reason: 'testing', note: '样品送第三方检测' });
      const acceptedAt = Date.parse(state.legal.regulatorAcceptedAt);
      const moved = legalDueAfterStops(cal(), acceptedAt, { length: 45, unit: 'workingDays' }, [{ fromMs: Date.parse(stopRecord.from), toMs: Date.parse(stopRecord.to) }]);
      expect(legalClock(state, 'regulatorMediation')!.dueAt).toBe(new Date(moved.dueAtMs).toISOString());
      if (moved.dueAtMs !== Date.parse(mediation.dueAt!)) expect(moved.dueAtMs).toBeGreaterThan(Date.parse(mediation.dueAt!));

      // Reported: one regime with a late clock, beside the banking one met on time (if it ran first).
      const report = (await stack.request('GET', '/reports/summary', { role: 'manager', sub: 'manager-test' })).body;
      const samr = report.legal.find((r: { regime: string }) => r.regime === 'cn-samr-transfer');
      expect(samr).toMatchObject({ late: 1, onTime: 0, onTimeRate: { value: 0, part: 0, whole: 1 } });

      // Lists find complaints under a regime, and the missed ones.
      const list = (await stack.request('GET', '/complaints?regime=cn-samr-transfer&legalMissed=true', { role: 'manager', sub: 'manager-test' })).body;
      expect(list.items.map((c: { number: string }) => c.number)).toContain(number);
      await saveHistoryIfRecording(number, 'legal-clocks-regulator-transfer-1.1');
    });
  });
});

describe('re-planning', () => {
  const workingReply: Partial<PolicyOverrides> = { durations: { ...SECONDS_POLICY.durations, reply: { amount: 7, unit: 'workingDays' } } };

  it('a holiday notice moves an open complaint’s working-day deadline in that year, on its timeline and in the audit', async () => {
    usePolicy(workingReply);
    await stack.withWorker(async () => {
      const number = await file({});
      const state = await ok(number, 'triage', 'agent', { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality' }, 'agent-li');
      const reply = state.deadlines.find((d: { kind: string }) => d.kind === 'reply');
      // A working day between tomorrow and the reply's due day becomes a holiday.
      const dueDay = localDateOf(cal(), Date.parse(reply.dueAt));
      const year = dueDay.slice(0, 4);
      const original = (await stack.request('GET', '/admin/calendars/cn-mainland', { role: 'admin', sub: 'admin-test' })).body.years[year] as CalendarYear;
      let holiday: string | undefined;
      for (let d = 1; d < 20 && !holiday; d++) {
        const day = dayOffset(d);
        if (day >= dueDay) break;
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        const isRest = original.holidays.some((h) => h.date === day) || ((weekday === 0 || weekday === 6) && !original.makeUpWorkdays.some((m) => m.date === day));
        if (day.startsWith(year) && !isRest) holiday = day;
      }
      expect(holiday).toBeDefined();
      const notice: CalendarYear = { ...original, source: `${original.source} + test notice`, holidays: [...original.holidays, { date: holiday!, name: '临时调整' }] };
      try {
        const put = await stack.request('PUT', `/admin/calendars/cn-mainland/${year}`, { role: 'admin', sub: 'admin-test', body: notice });
        expect(put.status).toBe(200);
        expect(put.body.replanned.complaints).toBeGreaterThanOrEqual(1);
        const replanned = await eventually(async () => (await events(number)).find((e) => e.type === 'deadlines_replanned'));
        expect(replanned).toMatchObject({ actorId: 'admin-test', internal: true });
        const moves = (replanned.data as { moves: { clock: string; from: string; to: string }[] }).moves;
        const move = moves.find((m) => m.clock === 'reply')!;
        expect(move.from).toBe(reply.dueAt);
        expect(Date.parse(move.to)).toBeGreaterThan(Date.parse(move.from));
        expect((replanned.data as { cause: string }).cause).toBe(`calendar cn-mainland ${year}`);
        const after = (await read(number)).state.deadlines.find((d: { kind: string }) => d.kind === 'reply');
        expect(after.dueAt).toBe(move.to);
        const [audit] = await stack.database.db.select().from(auditLog).where(eq(auditLog.action, 'complaints_replanned')).orderBy(desc(auditLog.id)).limit(1);
        expect(audit).toMatchObject({ actorId: 'admin-test', subject: `calendar cn-mainland/${year}` });
        expect((audit!.after as { numbers: string[] }).numbers).toContain(number);
        await saveHistoryIfRecording(number, 'holiday-notice-replan-1.1');
      } finally {
        await stack.request('PUT', `/admin/calendars/cn-mainland/${year}`, { role: 'admin', sub: 'admin-test', body: original });
      }
    });
  });

  it('an administrator re-plans a chosen complaint onto the current policy: a dry run lists the moves and changes nothing; the apply records who, when and why', async () => {
    usePolicy(workingReply);
    await stack.withWorker(async () => {
      const number = await file({});
      const triaged = await ok(number, 'triage', 'agent', { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality' }, 'agent-li');
      const before = triaged.deadlines.find((d: { kind: string }) => d.kind === 'reply');
      usePolicy({ version: 'test-replan-b', durations: { ...SECONDS_POLICY.durations, reply: { amount: 10, unit: 'workingDays' } } });

      const body = { complaints: [number, 'CMP-20000101-000001'], reason: '监管要求答复期限统一为10个工作日' };
      expect((await stack.request('POST', '/admin/replans', { role: 'supervisor', sub: 'sup-sun', body })).status).toBe(403);
      const bad = await stack.request('POST', '/admin/replans', { role: 'admin', sub: 'admin-test', body: { complaints: ['nope'], reason: 'x' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('body.complaints.0');

      const dry = await stack.request('POST', '/admin/replans', { role: 'admin', sub: 'admin-test', body });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ policyVersion: 'test-replan-b', dryRun: true });
      const preview = dry.body.complaints.find((c: { number: string }) => c.number === number);
      expect(preview).toMatchObject({ status: 'preview', policyVersion: { from: 'test-seconds', to: 'test-replan-b' } });
      const move = preview.moves.find((m: { clock: string }) => m.clock === 'reply');
      expect(move.from).toBe(before.dueAt);
      expect(Date.parse(move.to)).toBeGreaterThan(Date.parse(move.from) + 2 * DAY);
      expect(dry.body.complaints.find((c: { number: string }) => c.number !== number)).toMatchObject({ status: 'not_found' });
      expect((await read(number)).state).toMatchObject({ policyVersion: 'test-seconds' });
      expect((await events(number)).some((e) => e.type === 'deadlines_replanned')).toBe(false);

      const applied = await stack.request('POST', '/admin/replans', { role: 'admin', sub: 'admin-test', body: { ...body, dryRun: false } });
      expect(applied.status).toBe(200);
      expect(applied.body.complaints.find((c: { number: string }) => c.number === number)).toMatchObject({ status: 'replanned', moves: preview.moves });
      const state = (await read(number)).state;
      expect(state.policyVersion).toBe('test-replan-b');
      expect(state.deadlines.find((d: { kind: string }) => d.kind === 'reply').dueAt).toBe(move.to);
      const event = (await events(number)).find((e) => e.type === 'deadlines_replanned')!;
      expect(event).toMatchObject({ actorId: 'admin-test', reason: body.reason });
      expect(event.data).toMatchObject({ policyVersion: { from: 'test-seconds', to: 'test-replan-b' }, cause: 'policy' });
      const [audit] = await stack.database.db.select().from(auditLog).where(eq(auditLog.action, 'complaints_replanned')).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({ actorId: 'admin-test', subject: 'policy test-replan-b', reason: body.reason });
      expect(audit!.after).toMatchObject({ complaints: 2, replanned: 1, notRunning: 1 });

      // Applying again moves nothing: the complaint already runs under that version.
      const again = await stack.request('POST', '/admin/replans', { role: 'admin', sub: 'admin-test', body: { complaints: [number], reason: 'again', dryRun: false } });
      expect(again.body.complaints[0]).toMatchObject({ status: 'unchanged', moves: [] });
      await saveHistoryIfRecording(number, 'policy-replan-1.1');
    });
  });
});
