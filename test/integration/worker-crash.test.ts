/**
 * Killing the worker (SIGKILL) in the middle of a lifecycle and starting another loses nothing and
 * writes no timeline event or notification twice.
 */
import type { ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { notifications, timelineEvents } from '../../db/schema';
import { spawnWorker, stopProcess } from '../support/processes';
import { eventually, startTestStack, TEST_PAYLOAD_KEY, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
let worker: ChildProcess | undefined;

function startWorkerProcess(): Promise<ChildProcess> {
  return spawnWorker({ DATABASE_URL: stack.database.url, TASK_QUEUE: stack.taskQueue, PAYLOAD_ENCRYPTION_KEY: TEST_PAYLOAD_KEY.toString('base64') });
}

const kill = (child: ChildProcess) => stopProcess(child);

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  if (worker && worker.exitCode === null) await kill(worker);
  await stack?.close();
});

async function stage(number: string): Promise<string> {
  return (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state.stage;
}

it('survives a killed worker without losing or duplicating anything', async () => {
  worker = await startWorkerProcess();
  const created = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake() });
  const number = created.body.number as string;
  await eventually(async () => (await stage(number)) === 'acknowledged');
  const act = async (action: string, role: 'agent' | 'handler' | 'customer', body: unknown) =>
    stack.request('POST', `/complaints/${number}/${action}`, { role, sub: role === 'customer' ? 'cust-1' : await stack.caseWorker(number, role), body });

  expect((await act('triage', 'agent', { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality' })).status).toBe(200);

  // Kill the worker with no warning, then send the next action while no worker runs: it waits.
  await kill(worker);
  const findings = act('findings', 'handler', { facts: '虚焊', rootCause: '焊接', responsibility: 'company' });
  await new Promise((r) => setTimeout(r, 1_000));
  worker = await startWorkerProcess();
  expect((await findings).status).toBe(200);

  expect((await act('proposal', 'handler', { remedies: [{ type: 'refund', amountMinor: 10_000, currency: 'CNY' }, { type: 'apology' }], message: '退款 100 元并致歉' })).status).toBe(200);
  await kill(worker);
  worker = await startWorkerProcess();
  expect((await act('customer-response', 'customer', { accept: true })).status).toBe(200);
  expect((await act('execution', 'handler', { proof: 'R-1' })).status).toBe(200);
  await kill(worker);
  worker = await startWorkerProcess();
  expect((await act('satisfaction', 'customer', { score: 5 })).status).toBe(200);
  expect(await stage(number)).toBe('closed');

  const events = await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number)).orderBy(timelineEvents.seq);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  expect(events.map((e) => e.type)).toEqual([
    'received', 'acknowledged', 'triaged', 'findings_recorded', 'proposal_sent', 'proposal_accepted', 'execution_completed', 'satisfaction_recorded', 'closed',
  ]);
  const perKind = await stack.database.db
    .select({ kind: notifications.kind, channel: notifications.channel, recipient: notifications.recipientId, n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(eq(notifications.complaintNumber, number))
    .groupBy(notifications.kind, notifications.channel, notifications.recipientId);
  const customerInApp = perKind.filter((r) => r.channel === 'in_app' && r.recipient === 'cust-1');
  expect(customerInApp.find((r) => r.kind === 'acknowledgement')?.n).toBe(1);
  expect(customerInApp.find((r) => r.kind === 'proposal')?.n).toBe(1);
  expect(customerInApp.find((r) => r.kind === 'outcome')?.n).toBe(1);
});
