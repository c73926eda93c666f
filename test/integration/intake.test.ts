import { temporal } from '@temporalio/proto';
import { sql } from 'drizzle-orm';
import { complaints, timelineEvents, notifications } from '../../db/schema';
import { eventually, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

async function countRows(): Promise<number> {
  const [{ n }] = await stack.database.db.select({ n: sql<number>`count(*)::int` }).from(complaints);
  return n;
}

async function countWorkflows(): Promise<number> {
  const { count } = await stack.client.workflow.count(`TaskQueue = "${stack.taskQueue}"`);
  return count;
}

describe('intake', () => {
  it('records, acknowledges and starts the first-response clock', async () => {
    await stack.withWorker(async () => {
      const created = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake() });
      expect(created.status).toBe(201);
      const number = created.body.number as string;
      expect(number).toMatch(/^CMP-\d{8}-\d{6}$/);
      expect(created.headers.get('location')).toBe(`/complaints/${number}`);

      const doc = await eventually(async () => {
        const res = await stack.request('GET', `/complaints/${number}`, { role: 'agent' });
        return res.body?.state?.stage === 'acknowledged' ? res.body : undefined;
      });
      expect(doc.complainant.name).toBe('王小明');
      expect(doc.evidence).toHaveLength(1);
      const firstResponse = doc.state.deadlines.find((d: { kind: string }) => d.kind === 'firstResponse');
      expect(firstResponse).toBeDefined();
      expect(Date.parse(firstResponse.dueAt) - Date.parse(doc.receivedAt)).toBe(60_000);
      expect(doc.state.triageSuggestion.category).toBe('product_quality');

      // The projection row, the timeline and the customer's acknowledgement are in PostgreSQL (the
      // query may answer while the recording activity is still running, hence the wait).
      const row = await eventually(async () => {
        const [r] = await stack.database.db.select().from(complaints).where(sql`${complaints.number} = ${number}`);
        return r?.stage === 'acknowledged' ? r : undefined;
      });
      expect(row.nextDeadlineAt?.toISOString()).toBe(firstResponse.dueAt);
      const events = await stack.database.db.select().from(timelineEvents).where(sql`${timelineEvents.complaintNumber} = ${number}`).orderBy(timelineEvents.seq);
      expect(events.map((e) => e.type)).toEqual(['received', 'acknowledged']);
      const ack = await stack.database.db.select().from(notifications).where(sql`${notifications.complaintNumber} = ${number} and ${notifications.kind} = 'acknowledgement' and ${notifications.channel} = 'in_app'`);
      expect(ack).toHaveLength(1);
      expect(ack[0].bodyText).toContain(number);

      // Operators find it in the Temporal UI by its search attributes.
      await eventually(async () => (await stack.client.workflow.count(`WorkflowId = "${number}" AND ExecutionStatus = "Running" AND ComplaintStage = "acknowledged"`)).count === 1);

      const list = await stack.request('GET', '/complaints?stage=acknowledged&channel=web', { role: 'supervisor' });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { number: string }) => i.number)).toContain(number);
      expect(JSON.stringify(list.body)).not.toContain('xiaoming@example.com');
    });
  });

  it('keeps what people write out of the engine’s history: payloads are encrypted', async () => {
    await stack.withWorker(async () => {
      const created = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake() });
      const number = created.body.number as string;
      await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'agent' })).body?.state?.stage === 'acknowledged');
      const phrase = '我的新手机号是13912345678';
      expect((await stack.request('POST', `/complaints/${number}/notes`, { role: 'customer', sub: 'cust-1', body: { text: phrase } })).status).toBe(200);
      const history = await stack.client.workflow.getHandle(number).fetchHistory();
      const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
      expect(raw.includes(Buffer.from(phrase))).toBe(false);
      expect(raw.includes(Buffer.from('13912345678'))).toBe(false);
      const input = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
      expect(Buffer.from(input.metadata!.encoding!).toString()).toBe('binary/encrypted');
    });
  });

  it('returns the same complaint for a repeated Idempotency-Key', async () => {
    await stack.withWorker(async () => {
      const headers = { 'Idempotency-Key': 'intake-key-0001' };
      const first = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake(), headers });
      const second = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake(), headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.number).toBe(first.body.number);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const changed = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake({ description: 'something else entirely' }), headers });
      expect(changed.status).toBe(422);
    });
  });

  it('flags a repeat complainant to the person taking the call (same phone, no customer id)', async () => {
    await stack.withWorker(async () => {
      const caller = { complainant: { name: '李先生', phone: '+86 139 1111 2222' } };
      const first = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake(caller) });
      const again = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake({ ...caller, description: '上次的问题又出现了' }) });
      expect(first.body.earlierComplaints).toBe(0);
      expect(again.body.earlierComplaints).toBe(1);
      // The workflow's pick-up counts the same repeat for the triage suggestion it records.
      const suggestionOf = async (number: string) => {
        const [row] = await stack.database.db
          .select({ data: timelineEvents.data })
          .from(timelineEvents)
          .where(sql`${timelineEvents.complaintNumber} = ${number} and ${timelineEvents.type} = 'acknowledged'`);
        return row?.data.suggestion as { repeatComplainant: boolean; reasons: string[] } | undefined;
      };
      await eventually(async () => (await suggestionOf(first.body.number)) !== undefined && (await suggestionOf(again.body.number)) !== undefined);
      expect(await suggestionOf(first.body.number)).toMatchObject({ repeatComplainant: false });
      const repeat = await suggestionOf(again.body.number);
      expect(repeat).toMatchObject({ repeatComplainant: true });
      expect(repeat!.reasons).toContain('Repeat complainant: 1 earlier complaint(s) in the last 30 days.');
      const [picked] = await stack.database.db.select({ at: complaints.workflowStartedAt }).from(complaints).where(sql`${complaints.number} = ${again.body.number}`);
      expect(picked.at).toBeInstanceOf(Date);
    });
  });

  it('answers 404 for an unknown complaint and 400 for a malformed number', async () => {
    expect((await stack.request('GET', '/complaints/CMP-20260101-999999', { role: 'agent' })).status).toBe(404);
    const bad = await stack.request('GET', '/complaints/not-a-number', { role: 'agent' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('params.number');
  });

  const invalid: [string, Record<string, unknown>, string[]][] = [
    ['missing description and channel', { description: undefined, channel: undefined }, ['body.channel', 'body.description']],
    ['unknown channel', { channel: 'carrier_pigeon' }, ['body.channel']],
    ['wrong types', { subject: { amountMinor: '12.50', currency: 'CNY' }, evidence: 'none' }, ['body.subject.amountMinor', 'body.evidence']],
    ['oversized text', { description: '长'.repeat(8001) }, ['body.description']],
    ['no contact', { complainant: { name: '匿名' } }, ['body.complainant.phone']],
    ['bad e-mail', { complainant: { name: 'A', email: 'not-an-email' } }, ['body.complainant.email']],
    ['unknown field', { priority: 'urgent' }, ['body']],
    ['amount without currency', { subject: { amountMinor: 100 } }, ['body.subject.currency']],
  ];

  it.each(invalid)('rejects %s with 400 naming the fields, storing nothing', async (_name, override, fields) => {
    const rowsBefore = await countRows();
    const workflowsBefore = await countWorkflows();
    const body = JSON.parse(JSON.stringify(validIntake(override)));
    const res = await stack.request('POST', '/complaints', { role: 'agent', body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    for (const field of fields) expect(paths).toContain(field);
    expect(res.body.error.requestId).toBeTruthy();
    expect(await countRows()).toBe(rowsBefore);
    expect(await countWorkflows()).toBe(workflowsBefore);
  });
});
