/**
 * A real team on the real stack: who gets the work (least loaded, skipping people away), whose clock
 * it is (reminders to approvers and visiting agents, not the proposer), escalation up the org chart,
 * and what each person finds in their queue. Asserted from the stored notifications and timeline.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { complaints, notifications, timelineEvents, type NewStaffRow } from '../../db/schema';
import type { Role } from '../../domain/model';
import { applyPolicyOverrides, defaultPolicy, type PolicyOverrides } from '../../domain/policy';
import { saveHistoryIfRecording } from '../support/histories';
import { eventually, SECONDS_POLICY, startTestStack, validIntake, type TestStack } from '../support/stack';

const person = (id: string, role: NewStaffRow['role'], departmentId: string, supervisorId: string | null = null): NewStaffRow => ({
  id,
  name: id,
  role,
  departmentId,
  supervisorId,
  email: null,
  preferences: { channels: ['in_app'] },
});

/** Two supervisors in `repairs`: `aaa-sup` sorts first (what the old alphabetical pick chose), `sup-r` is the handlers' own. */
const STAFF: NewStaffRow[] = [
  person('mgr-1', 'manager', 'hq'),
  person('aaa-sup', 'supervisor', 'repairs', 'mgr-1'),
  person('sup-r', 'supervisor', 'repairs', 'mgr-1'),
  person('rh1', 'handler', 'repairs', 'sup-r'),
  person('rh2', 'handler', 'repairs', 'sup-r'),
  person('rh3', 'handler', 'repairs', 'sup-r'),
  person('ag-r1', 'agent', 'repairs', 'sup-r'),
  person('ag-r2', 'agent', 'repairs', 'sup-r'),
  person('sup-s', 'supervisor', 'spares', 'mgr-1'),
  person('sh1', 'handler', 'spares', 'sup-s'),
  person('sh2', 'handler', 'spares', 'sup-s'),
  person('sh3', 'handler', 'spares', 'sup-s'),
  person('front-1', 'agent', 'front', 'sup-r'),
  person('sup-w', 'supervisor', 'workshop', 'mgr-1'),
  person('wh1', 'handler', 'workshop', 'sup-w'),
  person('wh2', 'handler', 'workshop', 'sup-w'),
  person('wh3', 'handler', 'workshop', 'sup-w'),
  person('admin', 'admin', 'hq'),
];

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(SECONDS_POLICY, { staff: STAFF });
});
afterAll(async () => {
  await stack?.close();
});

function usePolicy(durations: PolicyOverrides['durations'] = {}): void {
  stack.policy.current = applyPolicyOverrides(defaultPolicy(stack.policy.current.calendar), { ...SECONDS_POLICY, durations: { ...SECONDS_POLICY.durations, ...durations } });
}

async function ok(number: string, action: string, role: Role, body: unknown, sub: string) {
  const res = await stack.request('POST', `/complaints/${number}/${action}`, { role, sub, body });
  if (res.status !== 200) throw new Error(`${action} by ${sub}: ${res.status} ${JSON.stringify(res.body)}`);
  // A complainant's answer carries their own view; the test follows the staff's state.
  return res.body.view ? (await stack.request('GET', `/complaints/${number}`, { role: 'manager', sub: 'mgr-1' })).body.state : res.body.state;
}

async function fileComplaint(): Promise<string> {
  const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'front-1', body: validIntake() });
  expect(res.status).toBe(201);
  const number = res.body.number as string;
  await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'manager', sub: 'mgr-1' })).body.state.stage === 'acknowledged');
  return number;
}

const triage = (departmentId: string) => ({ category: 'product_quality', severity: 'medium', grade: 'complex', departmentId });

async function stored(number: string, kind: string) {
  return stack.database.db.select().from(notifications).where(and(eq(notifications.complaintNumber, number), eq(notifications.kind, kind as never), eq(notifications.channel, 'in_app'))).orderBy(asc(notifications.createdAt));
}

async function events(number: string, type: string) {
  return stack.database.db.select().from(timelineEvents).where(and(eq(timelineEvents.complaintNumber, number), eq(timelineEvents.type, type as never))).orderBy(asc(timelineEvents.seq));
}

async function work(sub: string, role: Role) {
  const res = await stack.request('GET', '/me/work', { role, sub });
  expect(res.status).toBe(200);
  return res.body as { items: { kind: string; dueAt: string | null; breached: boolean; complaint: { number: string } }[]; counts: Record<string, number> };
}

describe('clocks have owners', () => {
  it('an approval reminds and then escalates to the approvers, never the proposer; the approver sees it in /me/work', async () => {
    usePolicy({ approval: { amount: 4, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const triaged = await ok(number, 'triage', 'agent', triage('repairs'), 'ag-r1');
      const owner = triaged.assigneeId as string;
      await ok(number, 'findings', 'handler', { facts: 'f', rootCause: 'r', responsibility: 'company' }, owner);
      const s = await ok(number, 'proposal', 'handler', { remedies: [{ type: 'refund', amountMinor: 100_000, currency: 'CNY' }, { type: 'apology' }], message: '退款 1000 元并致歉' }, owner);
      expect(s.stage).toBe('awaiting_approval');
      const queue = await work('sup-r', 'supervisor');
      expect(queue.items.filter((i) => i.kind === 'approval').map((i) => i.complaint.number)).toEqual([number]);
      expect((await work('sup-s', 'supervisor')).items.some((i) => i.complaint.number === number)).toBe(false);
      expect((await work('mgr-1', 'manager')).items.some((i) => i.complaint.number === number && i.kind === 'approval')).toBe(true);
      await eventually(async () => (await events(number, 'approval_overdue')).length === 1, 20_000);
      const reminders = await stored(number, 'deadline_reminder');
      expect(reminders.length).toBeGreaterThan(0);
      expect(new Set(reminders.map((r) => r.recipientId))).toEqual(new Set(['aaa-sup', 'sup-r']));
      const requests = await stored(number, 'approval_request');
      // `repairs` has no manager: every manager is asked (the test desk's left out here).
      expect(requests.map((r) => r.recipientId).filter((id) => !id.endsWith('-test'))).toEqual(['aaa-sup', 'sup-r', 'mgr-1']);
      expect([...reminders, ...requests].some((r) => r.recipientId === owner)).toBe(false);
      await saveHistoryIfRecording(number, 'approval-owners');
    });
  });

  it('a missed reply deadline escalates to the owner’s own supervisor (supervisorId), not the first supervisor of the department', async () => {
    usePolicy({ reply: { amount: 4, unit: 'seconds' }, progressUpdate: { amount: 600, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const triaged = await ok(number, 'triage', 'agent', triage('repairs'), 'ag-r1');
      const owner = triaged.assigneeId as string;
      expect(['rh1', 'rh2', 'rh3']).toContain(owner);
      await eventually(async () => (await events(number, 'escalated')).length === 1, 20_000);
      const [escalated] = await events(number, 'escalated');
      expect(escalated.data).toMatchObject({ fromLevel: 0, toLevel: 1, assigneeId: 'sup-r', via: 'org_chart' });
      expect((await stored(number, 'escalation')).map((n) => n.recipientId)).toEqual(['sup-r']);
      expect((await stored(number, 'sla_breach')).map((n) => n.recipientId)).toEqual([owner]);
      const reminders = await stored(number, 'deadline_reminder');
      expect(reminders.map((n) => n.recipientId)).toEqual([owner]);
      await saveHistoryIfRecording(number, 'breach-escalates-up-the-org-chart');
    });
  });

  it('a follow-up visit goes to an agent of the department, who is reminded and finds it in /me/work', async () => {
    usePolicy({ followUpDelay: { amount: 1, unit: 'seconds' }, followUpVisit: { amount: 6, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const triaged = await ok(number, 'triage', 'agent', triage('repairs'), 'ag-r1');
      const owner = triaged.assigneeId as string;
      await ok(number, 'findings', 'handler', { facts: 'f', rootCause: 'r', responsibility: 'company' }, owner);
      await ok(number, 'proposal', 'handler', { remedies: [{ type: 'apology' }], message: '致歉' }, owner);
      await ok(number, 'customer-response', 'customer', { accept: true }, 'cust-1');
      await ok(number, 'execution', 'handler', { proof: 'done' }, owner);
      await ok(number, 'satisfaction', 'customer', { score: 1 }, 'cust-1');
      await eventually(async () => (await events(number, 'follow_up_due')).length === 1, 20_000);
      const [due] = await events(number, 'follow_up_due');
      const visitor = (due.data as { assigneeId: string }).assigneeId;
      expect(['ag-r1', 'ag-r2']).toContain(visitor);
      await eventually(async () => (await work(visitor, 'agent')).items.some((i) => i.kind === 'visit' && i.complaint.number === number));
      await eventually(async () => (await stored(number, 'deadline_reminder')).length > 0, 20_000);
      expect((await stored(number, 'deadline_reminder')).map((n) => n.recipientId)).toEqual([visitor]);
      expect((await stored(number, 'follow_up_task')).map((n) => n.recipientId)).toEqual([visitor]);
    });
  });

  it('task-force members find the case in their queue; /supervision/team shows each report’s load', async () => {
    usePolicy({ progressUpdate: { amount: 600, unit: 'seconds' }, reply: { amount: 1200, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const triaged = await ok(number, 'triage', 'agent', triage('repairs'), 'ag-r1');
      await ok(number, 'reassignment', 'supervisor', { assigneeId: triaged.assigneeId, taskForce: { leadId: triaged.assigneeId, memberIds: ['sh1', 'sh2'] }, reason: '跨部门专项组' }, 'sup-r');
      await eventually(async () => (await work('sh1', 'handler')).items.some((i) => i.kind === 'task_force' && i.complaint.number === number));
      const queue = await work('sh2', 'handler');
      expect(queue.counts.task_force).toBeGreaterThanOrEqual(1);
      const dues = queue.items.map((i) => i.dueAt).filter((d): d is string => d !== null);
      expect(dues).toEqual([...dues].sort());
      expect((await work('sh1', 'handler')).items.find((i) => i.complaint.number === number)?.kind).toBe('task_force');
      const team = await stack.request('GET', '/supervision/team', { role: 'supervisor', sub: 'sup-r' });
      expect(team.status).toBe(200);
      const ids = team.body.items.map((i: { staffId: string }) => i.staffId);
      expect(ids).toEqual(['ag-r1', 'ag-r2', 'front-1', 'rh1', 'rh2', 'rh3']);
      const mine = team.body.items.find((i: { staffId: string }) => i.staffId === triaged.assigneeId);
      expect(mine.openItems).toBeGreaterThanOrEqual(1);
    });
  });
});

describe('assignment by workload', () => {
  it('spreads 30 complaints 10/10/10 over three handlers, and 15/15/0 when one is away', async () => {
    // Long clocks: nothing breaches (and so moves) while the 60 complaints are being triaged.
    usePolicy({ progressUpdate: { amount: 3600, unit: 'seconds' }, reply: { amount: 7200, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const away = await stack.request('PUT', '/admin/staff/sh3', { role: 'admin', sub: 'admin', body: { name: 'sh3', role: 'handler', departmentId: 'spares', supervisorId: 'sup-s', awayFrom: new Date(Date.now() - 60_000).toISOString() } });
      expect(away.status).toBe(200);
      expect(away.body.awayFrom).not.toBeNull();
      const spread = async (department: string, handlers: string[]) => {
        const before = await loads(handlers);
        for (let i = 0; i < 30; i++) {
          const number = await fileComplaint();
          await ok(number, 'triage', 'agent', triage(department), 'ag-r1');
        }
        const after = await loads(handlers);
        return handlers.map((h) => after[h]! - before[h]!);
      };
      expect(await spread('workshop', ['wh1', 'wh2', 'wh3'])).toEqual([10, 10, 10]);
      expect(await spread('spares', ['sh1', 'sh2', 'sh3'])).toEqual([15, 15, 0]);
      const staffList = await stack.request('GET', '/admin/staff', { role: 'admin', sub: 'admin' });
      const sh3 = staffList.body.items.find((m: { id: string }) => m.id === 'sh3');
      expect(sh3).toMatchObject({ openItems: 0 });
      expect(staffList.body.items.find((m: { id: string }) => m.id === 'sh1').openItems).toBeGreaterThanOrEqual(15);
    });
  });
});

/** Open complaints each handler owns now, from the projection. */
async function loads(ids: string[]): Promise<Record<string, number>> {
  const rows = await stack.database.db.select({ assigneeId: complaints.assigneeId, stage: complaints.stage }).from(complaints).where(inArray(complaints.assigneeId, ids));
  return Object.fromEntries(ids.map((id) => [id, rows.filter((r) => r.assigneeId === id && r.stage !== 'closed').length]));
}
