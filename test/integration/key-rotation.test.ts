/**
 * Rotating the service key with complaints running (README, "Keys"): complaints started under the
 * old key are re-wrapped (their data keys, not their histories) and then carried to their end by a
 * worker and an API that no longer have the old key at all — their histories decode with their own
 * data keys, whatever wrapped them. A complaint started after the rotation is wrapped by the new key.
 */
import { NativeConnection } from '@temporalio/worker';
import { eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import { startApiServer } from '../../api/server';
import { auditLog, payloadDataKeys } from '../../db/schema';
import { mintToken } from '../../runtime/tokens';
import { complaintDataConverter } from '../../runtime/data-keys';
import { keyIdOf, ServiceKeyring } from '../../runtime/payload-codec';
import { connectClient } from '../../runtime/temporal-connection';
import { rotateDataKeys } from '../../scripts/rotate-keys';
import { createComplaintWorker } from '../../worker';
import { eventually, SECONDS_POLICY, startTestStack, TEST_JWT_SECRET, TEST_PAYLOAD_KEY, validIntake, type TestStack } from '../support/stack';

const NEW_KEY = Buffer.alloc(32, 42);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ ...SECONDS_POLICY, durations: { ...SECONDS_POLICY.durations, reopenWindow: { amount: 1, unit: 'seconds' } } });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

it('re-wraps running complaints’ data keys; a worker and an API with only the new key carry them to their end', async () => {
  const numbers: string[] = [];
  // Under the old key: two complaints, one triaged, both running.
  await stack.withWorker(async () => {
    for (const description of ['轮换测试一：电饭煲有焦味。', '轮换测试二：电饭煲无法加热。']) {
      const filed = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake({ description }) });
      expect(filed.status).toBe(201);
      numbers.push(filed.body.number);
    }
    for (const n of numbers) await eventually(async () => (await stack.request('GET', `/complaints/${n}`, { role: 'supervisor' })).body.state?.stage === 'acknowledged');
    expect((await stack.request('POST', `/complaints/${numbers[0]}/triage`, { role: 'supervisor', body: { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'after_sales' } })).status).toBe(200);
  });
  const oldId = keyIdOf(TEST_PAYLOAD_KEY);
  const wrappedWith = async () => (await stack.database.db.select({ w: payloadDataKeys.wrappedWith }).from(payloadDataKeys).where(inArray(payloadDataKeys.owner, numbers))).map((r) => r.w);
  expect(await wrappedWith()).toEqual([oldId, oldId]);

  // The rotation: every process runs with both keys, then the data keys are re-wrapped.
  const result = await rotateDataKeys(stack.database.db, new ServiceKeyring(NEW_KEY, [TEST_PAYLOAD_KEY]), 'admin-test');
  expect(result).toMatchObject({ remaining: 0 });
  expect(result.rewrapped).toBeGreaterThanOrEqual(2);
  expect(await wrappedWith()).toEqual([keyIdOf(NEW_KEY), keyIdOf(NEW_KEY)]);
  const [audit] = await stack.database.db.select().from(auditLog).where(eq(auditLog.action, 'payload_keys_rotated'));
  expect(audit).toMatchObject({ actorId: 'admin-test', after: { remaining: 0 } });

  // Afterwards, the old key gone from every process: a fresh worker (no cache: it replays each history) and API.
  const { dataConverter } = complaintDataConverter(stack.database.db, new ServiceKeyring(NEW_KEY));
  const target = { address: process.env.TEST_TEMPORAL_ADDRESS!, namespace: process.env.TEST_TEMPORAL_NAMESPACE ?? 'default' };
  const { client, connection } = await connectClient(target, dataConverter);
  const workerConnection = await NativeConnection.connect({ address: target.address });
  const api = await startApiServer({ db: stack.database.db, client, taskQueue: stack.taskQueue, port: 0, log: pino({ level: 'silent' }), verification: { alg: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) }, policy: async () => stack.policy.current, sweepIntervalMs: 0 });
  const call = async (method: string, path: string, role: 'agent' | 'supervisor', body?: unknown) => {
    const res = await fetch(`${api.url}${path}`, { method, headers: { authorization: `Bearer ${await mintToken(TEST_JWT_SECRET, { sub: `${role}-test`, role })}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  try {
    const worker = await createComplaintWorker({ connection: workerConnection, namespace: target.namespace, taskQueue: stack.taskQueue, db: stack.database.db, notifications: stack.notifications, workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE, dataConverter });
    await worker.runUntil(async () => {
      expect((await call('POST', `/complaints/${numbers[1]}/triage`, 'supervisor', { category: 'product_quality', severity: 'low', grade: 'complex', departmentId: 'after_sales' })).status).toBe(200);
      for (const n of numbers) {
        const read = await call('GET', `/complaints/${n}`, 'supervisor');
        expect(read.body.state.stage).toBe('investigating');
        expect((await call('POST', `/complaints/${n}/withdrawal`, 'agent', { reason: '顾客撤回' })).status).toBe(200);
      }
      for (const n of numbers) await eventually(async () => (await client.workflow.getHandle(n).describe()).status.name === 'COMPLETED', 30_000);
      // Their results decode with the new key alone.
      for (const n of numbers) expect(await client.workflow.getHandle(n).result()).toMatchObject({ number: n, outcome: 'withdrawn' });
      // A complaint started now is wrapped by the new key.
      const fresh = await call('POST', '/complaints', 'agent', validIntake({ description: '轮换之后：电饭煲有焦味。' }));
      expect(fresh.status).toBe(201);
      await eventually(async () => (await call('GET', `/complaints/${fresh.body.number}`, 'supervisor')).body.state?.stage === 'acknowledged');
      const [row] = await stack.database.db.select({ w: payloadDataKeys.wrappedWith }).from(payloadDataKeys).where(eq(payloadDataKeys.owner, fresh.body.number));
      expect(row!.w).toBe(keyIdOf(NEW_KEY));
    });
  } finally {
    await api.close();
    await workerConnection.close();
    await connection.close();
  }
}, 180_000);
