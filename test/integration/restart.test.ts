/**
 * `npm start` keeps Temporal's state in a SQLite file: after the server stops and starts again, a
 * complaint is still there, still waiting, and its deadline timer still fires.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { startApiServer } from '../../api/server';
import { mintToken } from '../../runtime/tokens';
import { loadCalendar, seedCalendars } from '../../db/calendars';
import { complaints } from '../../db/schema';
import { seedStaffIfEmpty } from '../../db/staff-directory';
import { applyPolicyOverrides, defaultPolicy } from '../../domain/policy';
import { createNotificationService } from '../../notifications';
import { connectClient } from '../../runtime/temporal-connection';
import { startTemporalDevServer, type DevServer } from '../../runtime/temporal-dev-server';
import { getComplaintQuery } from '../../workflows/messages';
import { createComplaintWorker } from '../../worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from '../support/net';
import { eventually, SECONDS_POLICY, TEST_JWT_SECRET, testDataConverterFor, validIntake } from '../support/stack';

let database: TestDatabase;
let server: DevServer | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-restart-'));

afterAll(async () => {
  await server?.stop();
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('finds the complaint waiting after a restart, and its deadline still fires', async () => {
  database = await createTestDatabase();
  await seedCalendars(database.db);
  await seedStaffIfEmpty(database.db);
  const policy = applyPolicyOverrides(defaultPolicy(await loadCalendar(database.db)), {
    ...SECONDS_POLICY,
    durations: { ...SECONDS_POLICY.durations, firstResponse: { amount: 10, unit: 'seconds' } },
  });
  const dbFilename = path.join(dir, 'temporal.db');
  const port = await freePort();
  const notifications = createNotificationService({ db: database.db });
  const log = pino({ level: 'silent' });

  /** Runs one "npm start" life: server, worker and API on the same SQLite file. */
  async function life<T>(fn: (ctx: { apiUrl: string; client: Awaited<ReturnType<typeof connectClient>>['client'] }) => Promise<T>): Promise<T> {
    server = await startTemporalDevServer({ dbFilename, port, serverLogLevel: 'error', log: () => undefined });
    const { client, connection } = await connectClient({ address: server.address, namespace: 'default' }, testDataConverterFor(database.db));
    const workerConnection = await NativeConnection.connect({ address: server.address });
    const worker = await createComplaintWorker({ connection: workerConnection, namespace: 'default', taskQueue: 'complaints-restart', db: database.db, notifications, workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE, dataConverter: testDataConverterFor(database.db) });
    const api = await startApiServer({ db: database.db, client, taskQueue: 'complaints-restart', port: 0, log, verification: { alg: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) }, policy: async () => policy, sweepIntervalMs: 0 });
    try {
      return await worker.runUntil(fn({ apiUrl: api.url, client }));
    } finally {
      await api.close();
      await workerConnection.close();
      await connection.close();
      await server.stop();
      server = undefined;
    }
  }

  const token = await mintToken(TEST_JWT_SECRET, { sub: 'agent-li', role: 'agent' });
  const number = await life(async ({ apiUrl, client }) => {
    const res = await fetch(`${apiUrl}/complaints`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(validIntake()) });
    expect(res.status).toBe(201);
    const { number } = (await res.json()) as { number: string };
    await eventually(async () => (await client.workflow.getHandle(number).query(getComplaintQuery)).stage === 'acknowledged');
    return number;
  });
  const [before] = await database.db.select().from(complaints).where(eq(complaints.number, number));
  expect(before.escalationLevel).toBe(0);
  expect(before.nextDeadlineAt!.getTime()).toBeGreaterThan(Date.now());

  await life(async ({ client }) => {
    const handle = client.workflow.getHandle(number);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const state = await handle.query(getComplaintQuery);
    expect(state.stage).toBe('acknowledged');
    expect(state.deadlines.map((d) => d.kind)).toEqual(['firstResponse']);
    // The first-response timer was set before the restart and fires after it.
    await eventually(async () => {
      const [row] = await database.db.select().from(complaints).where(eq(complaints.number, number));
      return row.escalationLevel >= 1 && row.slaBreached;
    }, 30_000);
  });
});
