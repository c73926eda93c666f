/**
 * A person's requests about their personal data (domain/data-requests.ts) on the real stack: made on
 * the tracking page without an account, they reach the complaint's handler with the 15-working-day
 * clock of the personal-information regime; an access request is answered with an export of
 * everything the service holds about the person (both their complaints), downloadable by them; a
 * deletion waits for their complaints to end and for no legal hold, tells them, and erases them from
 * every table. The clock's warning and miss fire on durable timers.
 */
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, complaints, dataRequests, notifications, staff } from '../../db/schema';
import type { DataRequestWorkflowInput } from '../../domain/data-requests';
import { columnsHolding } from '../support/database';
import { saveHistoryIfRecording } from '../support/histories';
import { eventually, SECONDS_POLICY, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
let handler: { id: string; departmentId: string };

beforeAll(async () => {
  stack = await startTestStack({ ...SECONDS_POLICY, durations: { ...SECONDS_POLICY.durations, reopenWindow: { amount: 1, unit: 'seconds' } } });
  const [h] = await stack.database.db.select({ id: staff.id, departmentId: staff.departmentId }).from(staff).where(and(eq(staff.role, 'handler'), eq(staff.active, true))).limit(1);
  handler = { id: h!.id, departmentId: h!.departmentId! };
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const PERSON = { name: '请求测试人', phone: '+86 137 2468 1357', digits: '13724681357', email: 'pir.person@example.com' };

/** Files a complaint for the person and triages it to the handler; returns its number and tracking secret. */
async function complaintOfPerson(description: string): Promise<{ number: string; secret: string }> {
  const filed = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake({ complainant: { name: PERSON.name, phone: PERSON.phone, email: PERSON.email }, description }) });
  expect(filed.status).toBe(201);
  const number: string = filed.body.number;
  await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state?.stage === 'acknowledged');
  const triaged = await stack.request('POST', `/complaints/${number}/triage`, { role: 'supervisor', body: { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: handler.departmentId, assigneeId: handler.id } });
  expect(triaged.status).toBe(200);
  return { number, secret: String(filed.body.links.tracking).split('#')[1]! };
}

const track = (method: string, number: string, secret: string, suffix: string, body?: unknown) =>
  stack.request(method, `/track/api/${number}${suffix}`, { token: null, headers: { 'X-Tracking-Secret': secret }, body });

describe('data requests', () => {
  it('access by tracking link: reaches the handler, answered with an export of both complaints, downloaded by the person; then a deletion erases them', async () => {
    await stack.withWorker(async () => {
      const first = await complaintOfPerson('电饭煲加热后有焦味，内胆涂层脱落。');
      const second = await complaintOfPerson('第二次投诉：换货后的电饭煲仍然有焦味。');

      // The person asks for their data, without an account.
      const asked = await track('POST', first.number, first.secret, '/data-requests', { kind: 'access', details: '请提供你们保存的我的全部信息' });
      expect(asked.status).toBe(201);
      const id: string = asked.body.id;
      expect(id).toMatch(/^PIR-\d{8}-\d{6}$/);
      // 15 working days: at least three weeks of calendar time.
      expect(new Date(asked.body.dueAt).getTime() - Date.now()).toBeGreaterThan(19 * 86_400_000);
      expect((await track('POST', first.number, 'wrong-secret', '/data-requests', { kind: 'access' })).status).toBe(404);
      expect((await track('POST', first.number, first.secret, '/data-requests', { kind: 'gossip' })).body.error.fields[0].path).toBe('body.kind');

      // It reaches the handler: their inbox and their queue.
      await eventually(async () => (await stack.request('GET', '/inbox', { role: 'handler', sub: handler.id })).body.items?.some((i: { kind: string }) => i.kind === 'data_request'));
      const queue = await stack.request('GET', '/data-requests?status=open', { role: 'handler', sub: handler.id });
      expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(id);
      // Someone else's handler does not see it.
      expect((await stack.request('GET', `/data-requests/${id}`, { role: 'handler', sub: 'handler-nobody' })).status).toBe(403);

      const answered = await stack.request('POST', `/data-requests/${id}/answer`, { role: 'handler', sub: handler.id, body: { decision: 'answer' } });
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ status: 'answered', exportAvailable: true });
      expect(new Date(answered.body.answeredAt).getTime()).toBeLessThanOrEqual(new Date(answered.body.dueAt).getTime());
      const again = await stack.request('POST', `/data-requests/${id}/answer`, { role: 'handler', sub: handler.id, body: { decision: 'answer' } });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'wrong_status', status: 'answered' });

      // The export holds everything about the person: contact, both complaints, evidence, messages sent.
      const exported = await stack.request('GET', `/data-requests/${id}/export`, { role: 'handler', sub: handler.id });
      expect(exported.status).toBe(200);
      const text = JSON.stringify(exported.body);
      for (const value of [PERSON.name, PERSON.phone, PERSON.email, first.number, second.number, '内胆涂层脱落', '换货后的电饭煲', 'receipt-77.jpg', '请提供你们保存的我的全部信息']) expect(text).toContain(value);
      expect(exported.body.complaints).toHaveLength(2);
      expect(exported.body.complaints[0].messages.some((m: { kind: string }) => m.kind === 'acknowledgement')).toBe(true);
      // The person downloads it (a page to read), and is told it is ready.
      const page = await track('GET', first.number, first.secret, `/data-requests/${id}/export?format=html`);
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain(PERSON.name);
      const mine = await track('GET', first.number, first.secret, '/data-requests');
      expect(mine.body.items[0]).toMatchObject({ id, status: 'answered', exportAvailable: true });
      const told = await stack.database.db.select({ kind: notifications.kind }).from(notifications).where(and(eq(notifications.complaintNumber, first.number), eq(notifications.kind, 'data_request_answered')));
      expect(told.length).toBeGreaterThan(0);
      const exports = await stack.database.db.select({ actor: auditLog.actorId }).from(auditLog).where(and(eq(auditLog.subject, id), eq(auditLog.action, 'personal_data_exported')));
      expect(exports.map((e) => e.actor).sort()).toEqual([handler.id, `tracking:${first.number}`].sort());

      // Deletion: waits for a legal hold and for the complaints to end, then erases the person everywhere.
      const deletion = await track('POST', second.number, second.secret, '/data-requests', { kind: 'deletion', details: '请删除我的个人信息' });
      expect(deletion.status).toBe(201);
      const del: string = deletion.body.id;
      const early = await stack.request('POST', `/data-requests/${del}/answer`, { role: 'handler', sub: handler.id, body: { decision: 'answer' } });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toContain('erasure waits until the person');
      expect((await stack.request('POST', `/data-requests/${del}/answer`, { role: 'handler', sub: handler.id, body: { decision: 'refuse' } })).body.error.fields[0].path).toBe('body.reason');
      for (const { number } of [first, second]) {
        expect((await stack.request('POST', `/complaints/${number}/withdrawal`, { role: 'agent', body: { reason: '顾客要求删除信息' } })).status).toBe(200);
        await eventually(async () => (await stack.client.workflow.getHandle(number).describe()).status.name === 'COMPLETED', 30_000);
      }
      expect((await stack.request('PUT', `/complaints/${first.number}/legal-hold`, { role: 'supervisor', body: { reason: 'regulator_review', note: '12315 复核中' } })).status).toBe(204);
      const held = await stack.request('POST', `/data-requests/${del}/answer`, { role: 'handler', sub: handler.id, body: { decision: 'answer' } });
      expect(held.status).toBe(409);
      expect(held.body.error.message).toContain('legal hold');
      expect((await stack.request('DELETE', `/complaints/${first.number}/legal-hold?note=${encodeURIComponent('复核结束')}`, { role: 'supervisor' })).status).toBe(204);

      const erased = await stack.request('POST', `/data-requests/${del}/answer`, { role: 'handler', sub: handler.id, body: { decision: 'answer' } });
      expect(erased.status).toBe(200);
      expect(erased.body.status).toBe('answered');
      expect(await columnsHolding(stack.database.pool, [PERSON.name, PERSON.phone, PERSON.digits, PERSON.email])).toEqual([]);
      const rows = await stack.database.db.select({ erased: complaints.personalDataErased }).from(complaints).where(sql`${complaints.number} in (${first.number}, ${second.number})`);
      for (const r of rows) expect(Object.keys(r.erased)).toContain('history');
      const [audit] = await stack.database.db.select().from(auditLog).where(and(eq(auditLog.subject, del), eq(auditLog.action, 'personal_data_erased')));
      expect(audit!.after).toMatchObject({ kept: [] });
      // The person was told before their address went: the message is recorded (its text erased since).
      const notice = await stack.database.db.select({ status: notifications.status }).from(notifications).where(and(eq(notifications.kind, 'data_request_answered'), sql`${notifications.id} like ${`${del}:%`}`));
      expect(notice.length).toBeGreaterThan(0);
    });
  }, 180_000);

  it('warns the handler before the legal date and records a miss, told to the compliance contacts, on durable timers', async () => {
    await stack.withWorker(async () => {
      const { number } = await complaintOfPerson('时钟测试：电饭煲有焦味。');
      const id = `PIR-20261127-9${String(Date.now()).slice(-5)}`;
      const now = Date.now();
      await stack.database.db.insert(dataRequests).values({ id, complaintNumber: number, kind: 'copy', receivedVia: 'test', receivedAt: new Date(now), dueAt: new Date(now + 3_000), dueLastDay: new Date(now).toISOString().slice(0, 10), assigneeId: handler.id });
      const input: DataRequestWorkflowInput = { id, kind: 'copy', complaintNumber: number, assigneeId: handler.id, dueAtMs: now + 3_000, warnAtMs: [now + 1_000], escalateTo: { type: 'role', role: 'manager' } };
      await stack.client.workflow.start('dataRequestWorkflow', { workflowId: id, taskQueue: stack.taskQueue, args: [input] });
      const row = await eventually(async () => {
        const [r] = await stack.database.db.select().from(dataRequests).where(eq(dataRequests.id, id));
        return r?.warnedAt && r.missedAt ? r : undefined;
      }, 30_000);
      expect(row.warnedAt!.getTime()).toBeLessThan(row.missedAt!.getTime());
      const notices = await stack.database.db.select({ recipient: notifications.recipientId, type: notifications.recipientType, data: notifications.data }).from(notifications).where(and(eq(notifications.kind, 'data_request'), sql`${notifications.id} like ${`${id}:%`}`));
      const events = notices.map((n) => `${n.data.event}:${n.type}`);
      expect(events).toEqual(expect.arrayContaining(['received:staff', 'warning:staff', 'missed:staff']));
      // The miss reaches the managers too (no compliance contacts configured).
      const managers = await stack.database.db.select({ id: staff.id }).from(staff).where(eq(staff.role, 'manager'));
      expect(notices.some((n) => n.data.event === 'missed' && managers.some((m) => m.id === n.recipient))).toBe(true);
      // Still answerable after the miss.
      const answered = await stack.request('POST', `/data-requests/${id}/answer`, { role: 'supervisor', body: { decision: 'answer' } });
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ status: 'answered', exportAvailable: true });
      await eventually(async () => (await stack.client.workflow.getHandle(id).describe()).status.name === 'COMPLETED');
      await saveHistoryIfRecording(id, 'data-request-warned-missed-answered-1.2');
    });
  }, 120_000);
});
