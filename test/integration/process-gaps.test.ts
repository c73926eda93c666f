/**
 * Gaps a complaint team hits in its first week, each on the real stack (API, worker, dev server,
 * PostgreSQL) and asserted from the stored timeline and notifications: re-grading, the approval
 * ladder, one currency per proposal, progress updates while open, a late follow-up visit, duplicates,
 * notes after the end, and working-time reminders.
 */
import { and, asc, eq } from 'drizzle-orm';
import { complaints, notifications, timelineEvents } from '../../db/schema';
import { workingReminderAt } from '../../domain/deadlines';
import type { Role } from '../../domain/model';
import type { PolicyOverrides } from '../../domain/policy';
import { saveHistoryIfRecording } from '../support/histories';
import { eventually, startTestStack, useTestPolicy, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const usePolicy = (overrides: Partial<PolicyOverrides> = {}) => useTestPolicy(stack, overrides);

beforeEach(() => usePolicy());

const subOf = (role: Role) => (role === 'customer' ? 'cust-1' : `${role}-test`);

async function act(number: string, action: string, role: Role, body: unknown, sub?: string) {
  return stack.request('POST', `/complaints/${number}/${action}`, { role, sub: sub ?? (role === 'customer' ? subOf(role) : await stack.caseWorker(number, role)), body });
}

async function ok(number: string, action: string, role: Role, body: unknown, sub?: string) {
  const res = await act(number, action, role, body, sub);
  if (res.status !== 200) throw new Error(`${action} by ${role}: ${res.status} ${JSON.stringify(res.body)}`);
  // A complainant's answer carries their own view; the test follows the staff's state.
  return res.body.view ? (await read(number)).state : res.body.state;
}

async function read(number: string, role: Role = 'supervisor') {
  return (await stack.request('GET', `/complaints/${number}`, { role, sub: subOf(role) })).body;
}

async function fileComplaint(): Promise<string> {
  const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake() });
  expect(res.status).toBe(201);
  const number = res.body.number as string;
  await eventually(async () => (await read(number)).state.stage === 'acknowledged');
  return number;
}

async function events(number: string) {
  return stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number)).orderBy(asc(timelineEvents.seq));
}

async function inApp(number: string) {
  return stack.database.db.select().from(notifications).where(and(eq(notifications.complaintNumber, number), eq(notifications.channel, 'in_app'))).orderBy(asc(notifications.createdAt));
}

const simple = { category: 'service_attitude', severity: 'low', grade: 'simple', departmentId: 'customer_service' };
const complex = { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality' };
const findings = { facts: '加热元件虚焊', rootCause: '批次焊接不良', responsibility: 'company' };
const refund = (yuan: number, currency = 'CNY') => ({ type: 'refund', amountMinor: yuan * 100, currency });

async function toProposing(number: string) {
  await ok(number, 'triage', 'agent', complex, 'agent-li');
  await ok(number, 'findings', 'handler', findings, 'handler-chen');
}

describe('re-grading', () => {
  it('moves a simple case that needs investigating to investigation, reply clock from receipt, owner of the new department', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const triaged = await ok(number, 'triage', 'agent', simple, 'agent-li');
      expect(triaged).toMatchObject({ stage: 'resolving_on_spot', assigneeId: 'agent-li' });
      expect((await act(number, 'regrade', 'handler', { grade: 'complex', reason: 'x' })).status).toBe(403);
      const refused = await act(number, 'regrade', 'agent', { grade: 'simple', reason: 'no change' }, 'agent-li');
      expect(refused.status).toBe(400);
      const s = await ok(number, 'regrade', 'agent', { grade: 'major', severity: 'high', departmentId: 'quality', reason: '涉及安全隐患，需要调查' }, 'agent-li');
      expect(s).toMatchObject({ stage: 'investigating', grade: 'major', severity: 'high', departmentId: 'quality', assigneeId: 'handler-chen' });
      const reply = s.deadlines.find((d: { kind: string }) => d.kind === 'reply');
      expect(Date.parse(reply.dueAt)).toBe(Date.parse(s.receivedAt) + 120_000);
      // (The first response is still owed: nobody has answered the customer yet.)
      expect(s.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual(['firstResponse', 'progressUpdate', 'reply']);
      // And back from major to complex, with a reason; nothing else moves.
      const back = await ok(number, 'regrade', 'supervisor', { grade: 'complex', reason: '实验室确认无安全风险' }, 'sup-sun');
      expect(back).toMatchObject({ stage: 'investigating', grade: 'complex', assigneeId: 'handler-chen' });
      await saveHistoryIfRecording(number, 'regrade-to-investigation');
      await eventually(async () => (await events(number)).filter((e) => e.type === 'regraded').length === 2);
      const [first, second] = (await events(number)).filter((e) => e.type === 'regraded');
      expect(first).toMatchObject({ actorId: 'agent-li', actorRole: 'agent', reason: '涉及安全隐患，需要调查', stage: 'investigating' });
      expect(first.data).toMatchObject({ from: { grade: 'simple', severity: 'low', departmentId: 'customer_service', assigneeId: 'agent-li' }, to: { grade: 'major', severity: 'high', departmentId: 'quality', assigneeId: 'handler-chen' }, path: 'investigation' });
      expect(second).toMatchObject({ actorId: 'sup-sun', reason: '实验室确认无安全风险' });
      expect(second.data).toMatchObject({ from: { grade: 'major' }, to: { grade: 'complex' } });
      const assignment = (await inApp(number)).find((n) => n.kind === 'assignment' && n.recipientId === 'handler-chen');
      expect(assignment).toBeDefined();
    });
  });
});

describe('approval ladder', () => {
  it('goes supervisor → manager, then stays with the managers; every overdue approval is an SLA breach', async () => {
    usePolicy({ durations: { approval: { amount: 3, unit: 'seconds' } } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      const s = await ok(number, 'proposal', 'handler', { remedies: [refund(1000), { type: 'apology' }], message: '退款 1000 元并致歉' }, 'handler-chen');
      expect(s.proposal.approval.requiredRole).toBe('supervisor');
      await eventually(async () => (await events(number)).filter((e) => e.type === 'sla_breached').length === 2, 30_000);
      const after = await read(number);
      expect(after.state).toMatchObject({ stage: 'awaiting_approval', slaBreached: true, escalationLevel: 0 });
      expect(after.state.proposal.approval.requiredRole).toBe('manager');
      const types = (await events(number)).map((e) => e.type);
      expect(types).toContain('approval_overdue');
      expect(types).not.toContain('escalated');
      const breaches = (await events(number)).filter((e) => e.type === 'sla_breached');
      expect(breaches.map((b) => (b.data as { approverRole: string }).approverRole)).toEqual(['supervisor', 'manager']);
      const requests = (await inApp(number)).filter((n) => n.kind === 'approval_request');
      // First to the quality supervisor, then twice to the managers — never again to a supervisor.
      // The quality department has no manager: the request goes to every manager (the test desk's included, left out here).
      expect(requests.map((n) => n.recipientId).filter((id) => !id.endsWith('-test'))).toEqual(['sup-sun', 'mgr-zhang', 'mgr-zhang']);
      expect((await ok(number, 'approval', 'manager', { decision: 'approve', reason: '同意' }, 'mgr-zhang')).stage).toBe('negotiating');
      await saveHistoryIfRecording(number, 'approval-ladder');
    });
  });
});

describe('money in one currency', () => {
  it('refuses a proposal whose remedies mix currencies, naming the field, and writes nothing', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      const before = (await events(number)).length;
      const res = await act(number, 'proposal', 'agent', { remedies: [refund(150), refund(50, 'USD')], message: '退款' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'remedies.1.currency', message: 'must be CNY, the currency of the authority tiers' }]);
      expect(await events(number)).toHaveLength(before);
      expect((await read(number)).state.stage).toBe('proposing');
    });
  });
});

describe('progress updates while open', () => {
  it('are allowed while negotiating and executing, and the progress clock runs there', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      let s = await ok(number, 'proposal', 'handler', { remedies: [refund(100), { type: 'apology' }], message: '退款 100 元并致歉' }, 'handler-chen');
      expect(s.stage).toBe('negotiating');
      expect(s.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual(['customerResponse', 'progressUpdate']);
      s = await ok(number, 'progress-updates', 'handler', { message: '等待您确认方案' }, 'handler-chen');
      s = await ok(number, 'customer-response', 'customer', { accept: true });
      expect(s.stage).toBe('executing');
      expect(s.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual(['execution', 'progressUpdate']);
      await ok(number, 'progress-updates', 'handler', { message: '退款已提交财务' }, 'handler-chen');
      s = await ok(number, 'execution', 'handler', { proof: '退款完成' }, 'handler-chen');
      expect(s.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['satisfaction']);
      const sent = (await events(number)).filter((e) => e.type === 'progress_update_sent').map((e) => e.stage);
      expect(sent).toEqual(['negotiating', 'executing']);
      expect((await inApp(number)).filter((n) => n.kind === 'progress_update' && n.recipientType === 'customer')).toHaveLength(2);
    });
  });
});

describe('a late follow-up visit', () => {
  it('is the visiting agent’s breach: their supervisor is told, the case is not breached, the customer hears nothing', async () => {
    usePolicy({ durations: { followUpDelay: { amount: 1, unit: 'seconds' }, followUpVisit: { amount: 3, unit: 'seconds' } } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await ok(number, 'triage', 'agent', simple, 'agent-li');
      await ok(number, 'on-spot-resolution', 'agent', { remedies: [{ type: 'apology' }], note: '当面致歉' }, 'agent-li');
      await ok(number, 'satisfaction', 'customer', { score: 1 });
      await eventually(async () => (await events(number)).some((e) => e.type === 'follow_up_overdue'), 30_000);
      const s = (await read(number)).state;
      expect(s).toMatchObject({ stage: 'follow_up', slaBreached: false, escalationLevel: 0 });
      const types = (await events(number)).map((e) => e.type);
      expect(types).not.toContain('escalated');
      expect(types).not.toContain('sla_breached');
      const overdue = (await events(number)).find((e) => e.type === 'follow_up_overdue')!;
      expect(overdue.internal).toBe(true);
      const breachNotices = (await inApp(number)).filter((n) => n.kind === 'sla_breach');
      expect(breachNotices.map((n) => n.recipientId).sort()).toEqual([s.followUp.assigneeId, 'sup-wang'].sort());
      expect((await inApp(number)).filter((n) => n.recipientType === 'customer' && n.kind === 'escalation_notice')).toEqual([]);
      const [row] = await stack.database.db.select().from(complaints).where(eq(complaints.number, number));
      expect(row.slaBreached).toBe(false);
      // The visit can still be recorded.
      expect((await ok(number, 'follow-up', 'agent', { reached: true, satisfied: true }, s.followUp.assigneeId)).stage).toBe('closed');
      await saveHistoryIfRecording(number, 'late-follow-up-visit');
    });
  });
});

describe('duplicates', () => {
  it('keep the link to an existing complaint, shown on both reads; an unknown number is refused', async () => {
    await stack.withWorker(async () => {
      const original = await fileComplaint();
      const repeat = await fileComplaint();
      const unknown = await act(repeat, 'closure', 'supervisor', { outcome: 'duplicate', reason: '重复', duplicateOf: 'CMP-20000101-999999' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.fields).toEqual([{ path: 'body.duplicateOf', message: 'no complaint has this number' }]);
      const missing = await act(repeat, 'closure', 'supervisor', { outcome: 'duplicate', reason: '重复' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['duplicateOf']);
      const closed = await ok(repeat, 'closure', 'supervisor', { outcome: 'duplicate', reason: '与原投诉重复', duplicateOf: original });
      expect(closed).toMatchObject({ stage: 'closed', outcome: 'duplicate', duplicateOf: original });
      await eventually(async () => (await read(original)).duplicates?.includes(repeat));
      expect((await read(repeat)).state.duplicateOf).toBe(original);
      const closedEvent = (await events(repeat)).find((e) => e.type === 'closed')!;
      expect(closedEvent.data).toMatchObject({ outcome: 'duplicate', duplicateOf: original });
      await saveHistoryIfRecording(repeat, 'closed-as-duplicate');
    });
  });
});

describe('after the end', () => {
  it('takes case reviews and staff notes on a closed complaint whose workflow has completed, keeping the sequence contiguous', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await ok(number, 'closure', 'supervisor', { outcome: 'invalid', reason: '非本公司产品' });
      // Closed as invalid: no reopen window, so the workflow completes.
      await eventually(async () => (await stack.client.workflow.getHandle(number).describe()).status.name === 'COMPLETED');
      const review = await act(number, 'notes', 'supervisor', { text: '复盘：受理前应先核对订单来源', kind: 'review' }, 'sup-wang');
      expect(review.status).toBe(200);
      expect(review.body.state.stage).toBe('closed');
      expect((await act(number, 'notes', 'agent', { text: '已告知客户联系厂家', internal: true }, 'agent-li')).status).toBe(200);
      expect((await act(number, 'notes', 'customer', { text: '还是想投诉' })).status).toBe(409);
      const all = await events(number);
      expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i));
      expect(all.slice(-2).map((e) => [e.type, e.actorId, e.internal])).toEqual([
        ['case_review', 'sup-wang', true],
        ['note', 'agent-li', true],
      ]);
    });
  });
});

describe('working-time reminders', () => {
  it('fall at 75 % of the working time of a working-time clock, inside working hours', async () => {
    usePolicy({ version: 'working-days', durations: { reply: { amount: 7, unit: 'workingDays' } } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const s = await ok(number, 'triage', 'agent', complex, 'agent-li');
      const reply = s.deadlines.find((d: { kind: string }) => d.kind === 'reply');
      const calendar = stack.policy.current.calendar;
      const start = Date.parse(s.receivedAt);
      expect(Date.parse(reply.remindAt)).toBe(workingReminderAt(calendar, start, Date.parse(reply.dueAt), 0.75));
      // Inside working hours on a working day (09:00–18:00, UTC+8).
      const local = new Date(Date.parse(reply.remindAt) + 8 * 3_600_000);
      const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
      expect(minutes).toBeGreaterThanOrEqual(9 * 60);
      expect(minutes).toBeLessThanOrEqual(18 * 60);
      expect([0, 6]).not.toContain(local.getUTCDay());
    });
  });
});
