/**
 * The whole service wired for a test file against the real services of the global setup: a fresh
 * database, a worker on its own task queue (sharing the prebuilt workflow bundle), and the HTTP API.
 */
import { randomBytes } from 'node:crypto';
import type { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { mintToken, type VerificationKey } from '../../runtime/tokens';
import { startApiServer, type ApiServerOptions, type RunningApi } from '../../api/server';
import { seedCalendars, loadCalendar } from '../../db/calendars';
import { complaints, staff, type NewStaffRow } from '../../db/schema';
import { seedStaffIfEmpty } from '../../db/staff-directory';
import type { Role } from '../../domain/model';
import { applyPolicyOverrides, defaultPolicy, type Policy, type PolicyOverrides } from '../../domain/policy';
import { createNotificationService } from '../../notifications';
import type { NotificationService } from '../../notifications/service';
import { connectClient } from '../../runtime/temporal-connection';
import { createTrackingLinks, trackingKey, type TrackingLinks } from '../../runtime/tracking';
import { contactHashKey, createContactKeys } from '../../runtime/contact-keys';
import { createComplaintWorker } from '../../worker';
import { createTestDatabase, type TestDatabase } from './database';
import { TEST_PAYLOAD_KEY, testDataConverter, testDataConverterFor } from './payload-key';

// Workers come and go in every test; their INFO lines would drown the test output.
Runtime.install({ logger: new DefaultLogger((process.env.TEST_WORKER_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
export { TEST_PAYLOAD_KEY, testDataConverter, testDataConverterFor };

/** Seconds-scale durations: long enough not to fire during a step, short enough to test breaches. */
export const SECONDS_POLICY: PolicyOverrides = {
  version: 'test-seconds',
  durations: {
    firstResponse: { amount: 60, unit: 'seconds' },
    onSpotResolution: { amount: 60, unit: 'seconds' },
    reply: { amount: 120, unit: 'seconds' },
    progressUpdate: { amount: 60, unit: 'seconds' },
    approval: { amount: 60, unit: 'seconds' },
    customerResponse: { amount: 60, unit: 'seconds' },
    execution: { amount: 60, unit: 'seconds' },
    satisfaction: { amount: 60, unit: 'seconds' },
    followUpDelay: { amount: 2, unit: 'seconds' },
    followUpVisit: { amount: 60, unit: 'seconds' },
    reopenWindow: { amount: 120, unit: 'seconds' },
  },
  notificationRetry: { maxAttempts: 3, initialIntervalSeconds: 1 },
};

/** The seconds-long test policy with `overrides` on top (durations merged), on the stack's calendar: what new complaints start with. */
export function useTestPolicy(stack: Pick<TestStack, 'policy'>, overrides: Partial<PolicyOverrides> = {}): void {
  stack.policy.current = applyPolicyOverrides(defaultPolicy(stack.policy.current.calendar), {
    ...SECONDS_POLICY,
    ...overrides,
    durations: { ...SECONDS_POLICY.durations, ...overrides.durations },
  });
}

export interface TestStack {
  database: TestDatabase;
  client: Client;
  connection: Connection;
  taskQueue: string;
  api: RunningApi;
  notifications: NotificationService;
  tracking: TrackingLinks;
  policy: { current: Policy };
  /** Runs fn while a fresh worker polls the test's task queue. */
  withWorker<T>(fn: (worker: Worker) => Promise<T>): Promise<T>;
  token(role: Role, sub?: string, dept?: string): Promise<string>;
  /**
   * Who "the agent" or "the handler" of a complaint is, for tests of the process rather than of
   * need-to-know: its owner when they have that role, else (agents) who received it, else `<role>-test`.
   */
  caseWorker(number: string, role: Role): Promise<string>;
  /** JSON request to the API as the given role. */
  request(method: string, path: string, options?: { role?: Role; sub?: string; body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestStack(
  overrides: PolicyOverrides = SECONDS_POLICY,
  options: { staff?: NewStaffRow[]; notifications?: NotificationService; smtpUrl?: string; oidc?: ApiServerOptions['oidc']; port?: number } = {},
): Promise<TestStack> {
  const database = await createTestDatabase();
  await seedCalendars(database.db);
  if (options.staff) await database.db.insert(staff).values(options.staff);
  else await seedStaffIfEmpty(database.db);
  await addTestDesk(database.db);
  const policy = { current: applyPolicyOverrides(defaultPolicy(await loadCalendar(database.db)), overrides) };
  const tracking = createTrackingLinks(trackingKey(TEST_PAYLOAD_KEY));
  const notifications = options.notifications ?? createNotificationService({ db: database.db, trackingLinks: tracking, smtpUrl: options.smtpUrl });
  const target = { address: process.env.TEST_TEMPORAL_ADDRESS!, namespace: process.env.TEST_TEMPORAL_NAMESPACE ?? 'default' };
  // Client and worker share one data-key store: each complaint's payloads under its own key, as in production.
  const dataConverter = testDataConverterFor(database.db);
  const { client, connection } = await connectClient(target, dataConverter);
  const taskQueue = `complaints-test-${randomBytes(4).toString('hex')}`;
  const verification: VerificationKey = { alg: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) };
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const api = await startApiServer({ db: database.db, client, taskQueue, port: options.port ?? 0, log, verification, oidc: options.oidc, policy: async () => policy.current, sweepIntervalMs: 0, tracking, contactKeys: createContactKeys(contactHashKey(TEST_PAYLOAD_KEY)) });

  const token = (role: Role, sub?: string, dept?: string) => mintToken(TEST_JWT_SECRET, { sub: sub ?? `${role}-test`, role, dept });

  return {
    database,
    client,
    connection,
    taskQueue,
    api,
    notifications,
    tracking,
    policy,
    token,
    async caseWorker(number, role) {
      const [row] = await database.db
        .select({ assigneeId: complaints.assigneeId, receivedBy: complaints.receivedBy, followUpAssigneeId: complaints.followUpAssigneeId })
        .from(complaints)
        .where(eq(complaints.number, number));
      const candidates = [row?.assigneeId, row?.followUpAssigneeId, role === 'agent' ? row?.receivedBy : null].filter((id): id is string => !!id);
      for (const id of candidates) {
        const [person] = await database.db.select({ role: staff.role }).from(staff).where(eq(staff.id, id));
        if (person?.role === role) return id;
      }
      return `${role}-test`;
    },
    async withWorker(fn) {
      const workerConnection = await NativeConnection.connect({ address: target.address });
      try {
        const worker = await createComplaintWorker({
          connection: workerConnection,
          namespace: target.namespace,
          taskQueue,
          db: database.db,
          notifications,
          workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE,
          dataConverter,
        });
        return await worker.runUntil(fn(worker));
      } finally {
        await workerConnection.close();
      }
    },
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      const bearer = opts.token === undefined ? await token(opts.role ?? 'agent', opts.sub) : opts.token;
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      }
      const res = await fetch(`${api.url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (the docs page)
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await api.close();
      await connection.close();
      await database.close();
    },
  };
}

/**
 * The people behind `stack.token(role)` without a subject (`<role>-test`): a "test desk" of their own
 * department, so no complaint is assigned to them and no role notice reaches them, whose leads sit at
 * the top of the org chart (every member without a supervisor reports to `supervisor-test`, who
 * reports to `manager-test`), so a test that acts as "a supervisor" reaches every department. Tests of
 * need-to-know use the directory's real people instead.
 */
export const TEST_DESK_DEPARTMENT = 'test-desk';
async function addTestDesk(db: TestDatabase['db']): Promise<void> {
  const desk = (id: string, role: Role, supervisorId: string | null): NewStaffRow => ({ id, name: id, role, departmentId: TEST_DESK_DEPARTMENT, supervisorId });
  await db.update(staff).set({ supervisorId: 'supervisor-test' }).where(and(isNull(staff.supervisorId), ne(staff.role, 'admin')));
  await db
    .insert(staff)
    .values([
      desk('manager-test', 'manager', null),
      desk('supervisor-test', 'supervisor', 'manager-test'),
      desk('agent-test', 'agent', 'supervisor-test'),
      desk('handler-test', 'handler', 'supervisor-test'),
      desk('quality-test', 'quality', null),
      desk('admin-test', 'admin', null),
    ])
    .onConflictDoNothing();
}

/** A valid intake body; override what a test cares about. */
export function validIntake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'web',
    complainant: { name: '王小明', phone: '+86 138 0013 8000', email: 'xiaoming@example.com', customerId: 'cust-1' },
    subject: { productName: '智能电饭煲 X1', orderNumber: 'SO-20261120-77', sku: 'RC-X1', amountMinor: 59900, currency: 'CNY' },
    description: '电饭煲使用三天后出现故障，无法加热，怀疑质量问题。The rice cooker is faulty.',
    desiredResolution: '退货退款',
    evidence: [{ uri: 'https://files.example.com/receipt-77.jpg', note: '购物小票' }],
    ...overrides,
  };
}

/** Polls until fn returns a truthy value (state reached asynchronously by the workflow). */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
