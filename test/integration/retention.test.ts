/**
 * Retention on the real stack (domain/retention.ts): periods of a second, the sweep on its Temporal
 * schedule. A closed complaint's contact data and free text leave every table — a query over every
 * text and jsonb column of the database finds none of the person's name, phone or e-mail — while its
 * report figures stay the same, its timeline keeps its structure and still folds into the same
 * figures, and its engine history no longer decodes (its data key is erased; the codec server says
 * "erased"). A legal hold keeps a complaint past its period until released.
 */
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { Worker } from '@temporalio/worker';
import { auditLog, complaintFacts, complaints, idempotencyKeys, payloadDataKeys, retentionRuns, timelineEvents } from '../../db/schema';
import { ensureFacts } from '../../db/report-facts';
import { startCodecServer } from '../../runtime/codec-server';
import { createDataKeyStore } from '../../runtime/data-keys';
import { AesGcmPayloadCodec, PersonalDataErased, ServiceKeyring } from '../../runtime/payload-codec';
import { ensureRetentionSchedule } from '../../runtime/retention-schedule';
import { ERASED_TEXT, type RetentionPolicy } from '../../domain/retention';
import { columnsHolding as holding } from '../support/database';
import { saveHistoryIfRecording } from '../support/histories';
import { eventually, SECONDS_POLICY, startTestStack, TEST_PAYLOAD_KEY, validIntake, type TestStack } from '../support/stack';

const RULES: RetentionPolicy = {
  keep: { contact: { amount: 1, unit: 'seconds' }, content: { amount: 1, unit: 'seconds' }, messages: { amount: 1, unit: 'seconds' } },
  copies: { idempotencyAnswers: { amount: 1, unit: 'days' }, requestExports: { amount: 1, unit: 'days' } },
  dropContactKeys: false,
  // Runs only when the test asks.
  sweepEvery: { amount: 1, unit: 'days' },
};

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ ...SECONDS_POLICY, durations: { ...SECONDS_POLICY.durations, reopenWindow: { amount: 1, unit: 'seconds' } }, retention: RULES });
  await ensureRetentionSchedule(stack.client, stack.taskQueue, RULES);
}, 120_000);

afterAll(async () => {
  await stack.client.schedule
    .getHandle(`retention-sweep-${stack.taskQueue}`)
    .delete()
    .catch(() => undefined);
  await stack?.close();
});

/** A person of their own, so a match anywhere in the database can only be theirs. */
function person(tag: string) {
  const digits = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return { name: `保留测试${tag}`, phone: `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`, digits, email: `retention.${tag}@example.com` };
}

/** Files a complaint quoting the person's phone in its text, adds a note quoting it, and ends it (withdrawn, reopen window of a second). */
async function closedComplaint(p: ReturnType<typeof person>): Promise<string> {
  const filed = await stack.request('POST', '/complaints', {
    role: 'agent',
    body: validIntake({ complainant: { name: p.name, phone: p.phone, email: p.email }, description: `电饭煲加热后有焦味，请致电 ${p.digits} 联系${p.name}。`, desiredResolution: `退款到 ${p.email}` }),
  });
  expect(filed.status).toBe(201);
  const number: string = filed.body.number;
  await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state?.stage === 'acknowledged');
  // An answer kept for a repeated request: it quotes the description (the stored state).
  const noted = await stack.request('POST', `/complaints/${number}/notes`, { role: 'agent', headers: { 'Idempotency-Key': `retention-${number}` }, body: { text: `已回电 ${p.phone}，${p.name} 同意等待。` } });
  expect(noted.status).toBe(200);
  expect((await stack.request('POST', `/complaints/${number}/withdrawal`, { role: 'agent', body: { reason: `${p.name} 自行解决` } })).status).toBe(200);
  await eventually(async () => (await stack.client.workflow.getHandle(number).describe()).status.name === 'COMPLETED', 30_000);
  return number;
}

const columnsHolding = (values: string[]) => holding(stack.database.pool, values);

async function sweep(): Promise<void> {
  const before = (await stack.database.db.select({ n: sql<number>`count(*)::int` }).from(retentionRuns))[0]!.n;
  expect((await stack.request('POST', '/admin/retention/sweeps', { role: 'admin' })).status).toBe(202);
  await eventually(async () => (await stack.database.db.select({ n: sql<number>`count(*)::int` }).from(retentionRuns))[0]!.n > before, 30_000);
}

const summary = async () => (await stack.request('GET', '/reports/summary', { role: 'manager' })).body.figures;

describe('retention', () => {
  it('erases a closed complaint’s personal data everywhere, keeps its figures and timeline, and shreds its engine history', async () => {
    await stack.withWorker(async () => {
      const p = person('a');
      const number = await closedComplaint(p);
      const values = [p.name, p.phone, p.digits, p.email];
      expect((await columnsHolding(values)).length).toBeGreaterThan(0);
      expect((await stack.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.complaintNumber, number))).length).toBe(1);

      // The engine's copy is under the complaint's own data key, and decodes while the key exists.
      const history = await stack.client.workflow.getHandle(number).fetchHistory();
      const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
      expect(Buffer.from(input.metadata!['encryption-data-key']!).toString()).toBe(number);
      const keyring = new ServiceKeyring(TEST_PAYLOAD_KEY);
      const reader = new AesGcmPayloadCodec(keyring, createDataKeyStore(stack.database.db, keyring, { cacheMs: 0 }));
      await expect(reader.decode([input])).resolves.toHaveLength(1);

      const figures = await summary();
      const [facts] = await stack.database.db.select().from(complaintFacts).where(eq(complaintFacts.complaintNumber, number));
      const shape = async () => (await stack.database.db.select({ seq: timelineEvents.seq, type: timelineEvents.type, stage: timelineEvents.stage, actor: timelineEvents.actorId, at: timelineEvents.occurredAt }).from(timelineEvents).where(eq(timelineEvents.complaintNumber, number)).orderBy(timelineEvents.seq));
      const timeline = await shape();

      await sweep();
      const [row] = await stack.database.db.select().from(complaints).where(eq(complaints.number, number));
      expect(Object.keys(row!.personalDataErased).sort()).toEqual(['contact', 'content', 'history', 'messages']);
      expect(row!.complainantName).toBe(ERASED_TEXT);
      expect(row!.description).toBe(ERASED_TEXT);

      // 1. None of the three values is anywhere in the database.
      expect(await columnsHolding(values)).toEqual([]);
      // 2. The figures are the same, and the roll-up rebuilt from the anonymised timeline is too.
      expect(await summary()).toEqual(figures);
      expect(await shape()).toEqual(timeline);
      await stack.database.db.delete(complaintFacts).where(eq(complaintFacts.complaintNumber, number));
      await ensureFacts(stack.database.db, number);
      const [rebuilt] = await stack.database.db.select().from(complaintFacts).where(eq(complaintFacts.complaintNumber, number));
      expect(rebuilt).toEqual(facts);
      // 3. The engine's history is unchanged but unreadable: the replayer cannot decode it; the codec server says "erased".
      const [key] = await stack.database.db.select().from(payloadDataKeys).where(eq(payloadDataKeys.owner, number));
      expect(key!.wrapped).toBeNull();
      await expect(reader.decode([input])).rejects.toBeInstanceOf(PersonalDataErased);
      await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), dataConverter: { payloadCodecs: [reader] } }, await stack.client.workflow.getHandle(number).fetchHistory(), number)).rejects.toThrow();
      const codec = await startCodecServer({ key: keyring, dataKeys: createDataKeyStore(stack.database.db, keyring, { cacheMs: 0 }), namespace: 'default', allowedOrigins: [], port: 0, host: '127.0.0.1', log: pino({ level: 'silent' }) });
      try {
        const decoded = await fetch(`${codec.url}/decode`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ payloads: [{ metadata: Object.fromEntries(Object.entries(input.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])), data: Buffer.from(input.data!).toString('base64') }] }),
        });
        expect(decoded.status).toBe(200);
        const text = Buffer.from(((await decoded.json()) as { payloads: { data: string }[] }).payloads[0]!.data, 'base64').toString();
        expect(text).toMatch(/^"erased: the personal data of CMP-\d{8}-\d{6} was erased/);
      } finally {
        await codec.close();
      }
      // The run is recorded as counts.
      const [run] = await stack.database.db.select().from(retentionRuns).orderBy(sql`${retentionRuns.finishedAt} desc`).limit(1);
      expect(run!.counts.erased.contact).toBeGreaterThanOrEqual(1);
      expect(run!.counts.historiesShredded).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(run)).not.toContain(p.name);
      // The sweep's own history (a schedule-started run: its rules in, its counts out) replays with the others.
      if (process.env.RECORD_HISTORIES === '1') {
        for await (const sweepRun of stack.client.workflow.list({ query: `WorkflowType = 'retentionSweepWorkflow' AND TaskQueue = '${stack.taskQueue}' AND ExecutionStatus = 'Completed'` })) {
          await saveHistoryIfRecording(sweepRun.workflowId, 'retention-sweep-1.2');
          break;
        }
      }
      // The case still opens (from its projection: the history cannot be replayed), showing what was erased.
      const read = await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ complainant: { name: ERASED_TEXT }, description: ERASED_TEXT, state: { stage: 'closed' } });
      const page = await stack.request('GET', `/complaints/${number}/personal-data`, { role: 'supervisor' });
      expect(page.status).toBe(200);
      expect(Object.keys(page.body.personalDataErased)).toContain('history');
    });
  }, 120_000);

  it('keeps a complaint under a legal hold past its period; once released, the next sweep erases it', async () => {
    await stack.withWorker(async () => {
      const p = person('held');
      const number = await closedComplaint(p);
      const held = await stack.request('PUT', `/complaints/${number}/legal-hold`, { role: 'supervisor', body: { reason: 'dispute', note: '顾客已申请仲裁' } });
      expect(held.status).toBe(204);

      await sweep();
      expect(await columnsHolding([p.email])).toContain(`complaints.complainant_email (${p.email})`);
      const [run] = await stack.database.db.select().from(retentionRuns).orderBy(sql`${retentionRuns.finishedAt} desc`).limit(1);
      expect(run!.counts.held).toBeGreaterThanOrEqual(1);

      const released = await stack.request('DELETE', `/complaints/${number}/legal-hold?note=${encodeURIComponent('仲裁结束')}`, { role: 'supervisor' });
      expect(released.status).toBe(204);
      await sweep();
      expect(await columnsHolding([p.name, p.phone, p.digits, p.email])).toEqual([]);
      const audits = await stack.database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.subject, number), sql`${auditLog.action} in ('legal_hold_placed', 'legal_hold_released')`));
      expect(audits.map((a) => a.action).sort()).toEqual(['legal_hold_placed', 'legal_hold_released']);
      // A hold needs a reason and a note; releasing one that is not there is a 409.
      expect((await stack.request('PUT', `/complaints/${number}/legal-hold`, { role: 'supervisor', body: { reason: 'whim' } })).status).toBe(400);
      expect((await stack.request('DELETE', `/complaints/${number}/legal-hold?note=x`, { role: 'supervisor' })).status).toBe(409);
      expect((await stack.request('PUT', `/complaints/${number}/legal-hold`, { role: 'handler', body: { reason: 'dispute', note: 'x' } })).status).toBe(403);
    });
  }, 120_000);
});
