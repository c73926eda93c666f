/**
 * The worker: runs complaint workflows and their activities on the `complaints` task queue.
 * `npm run worker` connects to TEMPORAL_ADDRESS and DATABASE_URL (production); `npm start` runs it
 * in-process next to the embedded services.
 */
import v8 from 'node:v8';
import { startWorkerHealth } from './runtime/worker-health';
import { SHARED_WORKFLOW_MODULES, WORKFLOWS_PATH } from './runtime/workflow-bundle';
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { ServiceKeyring } from './runtime/payload-codec';
import { complaintDataConverter } from './runtime/data-keys';
import { createActivities } from './activities';
import { openDatabase, type Database } from './db/client';
import { assertSchemaCurrent } from './db/migrate';
import { createNotificationService, loadNotificationConfig } from './notifications';
import { createTrackingLinks, trackingKey } from './runtime/tracking';
import { startOutboxSweep } from './notifications/sweep';
import type { NotificationService } from './notifications/service';
import { loadRuntimeConfig } from './runtime/config';
import { createLogger } from './runtime/logger';
import { connectWorker } from './runtime/temporal-connection';

export interface ComplaintWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  notifications: NotificationService;
  /** A prebuilt workflow bundle (tests build it once); otherwise the worker bundles `workflows/`. */
  workflowBundlePath?: string;
  identity?: string;
  /** Must match the clients' (payload encryption). */
  dataConverter?: DataConverter;
  /** Cache and concurrency limits (`workerTuningFromEnv`); unset: the SDK's defaults. */
  tuning?: WorkerTuning;
}

/** The worker's cache and concurrency limits, each overridable from the environment. */
export interface WorkerTuning {
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentLocalActivityExecutions?: number;
  maxConcurrentWorkflowTaskPolls?: number;
  maxConcurrentActivityTaskPolls?: number;
}

const TUNING_ENV: Record<keyof WorkerTuning, string> = {
  maxCachedWorkflows: 'WORKER_MAX_CACHED_WORKFLOWS',
  maxConcurrentWorkflowTaskExecutions: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  maxConcurrentActivityTaskExecutions: 'WORKER_MAX_CONCURRENT_ACTIVITIES',
  maxConcurrentLocalActivityExecutions: 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES',
  maxConcurrentWorkflowTaskPolls: 'WORKER_WORKFLOW_POLLERS',
  maxConcurrentActivityTaskPolls: 'WORKER_ACTIVITY_POLLERS',
};

export function workerTuningFromEnv(env = process.env): WorkerTuning {
  const tuning: WorkerTuning = {};
  for (const [key, name] of Object.entries(TUNING_ENV) as [keyof WorkerTuning, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
    tuning[key] = value;
  }
  return tuning;
}

/**
 * What one cached complaint costs the worker process, measured: about 100 KiB of heap
 * (`npm run bench:memory`: the bundle in the SDK's sandbox, its modules shared by every complaint,
 * a complaint acknowledged and sleeping on its timer; 66 KiB for a raw no-op workflow), and about
 * 171 KiB of resident memory in all (`npm run bench` with BENCH_MEMORY=10000: 1,969 MiB with 10,254
 * open complaints cached), rounded up. Kept as constants so the cache and the heap can be sized
 * from memory.
 */
export const CACHED_COMPLAINT_KIB = 176;
const CACHED_COMPLAINT_HEAP_KIB = 104;
/** The worker's own memory before any complaint is cached (bundle, SDK, connections, activities). */
const WORKER_BASE_MIB = 256;

/**
 * The sizing rule: cache as many complaints as the memory budget holds after the worker's base, at
 * CACHED_COMPLAINT_KIB each, so an open complaint is not replayed from its history when its timer
 * fires. The default budget of 2 GiB caches 10,400. Give the process that much (the container's
 * limit); WORKER_MAX_CACHED_WORKFLOWS overrides the result.
 */
export function cacheSizeFor(memoryBudgetMiB: number): number {
  return Math.max(100, Math.floor(((memoryBudgetMiB - WORKER_BASE_MIB) * 1024) / CACHED_COMPLAINT_KIB / 100) * 100);
}

/** The heap a cache of `cached` complaints needs, to warn when V8's limit is lower (it would run out before the budget). */
export function heapNeededFor(cached: number): number {
  return WORKER_BASE_MIB + Math.ceil((cached * CACHED_COMPLAINT_HEAP_KIB) / 1024);
}

/**
 * V8's heap limit for a budget (`node --max-old-space-size`): what a full cache needs, with 15 %
 * room for the collector, in steps of 64 MiB. The rest of the budget is what lives outside the heap
 * (the SDK core's per-run state, buffers, code).
 */
export function heapLimitFor(memoryBudgetMiB: number): number {
  return Math.ceil((heapNeededFor(cacheSizeFor(memoryBudgetMiB)) * 1.15) / 64) * 64;
}

export const DEFAULT_WORKER_MEMORY_BUDGET_MIB = 2048;

export const DEFAULT_WORKER_TUNING: WorkerTuning = {
  maxCachedWorkflows: cacheSizeFor(Number(process.env.WORKER_MEMORY_BUDGET_MIB ?? DEFAULT_WORKER_MEMORY_BUDGET_MIB)),
};

export function createComplaintWorker(options: ComplaintWorkerOptions): Promise<Worker> {
  // A prebuilt bundle was built with `complaintBundleOptions` (its shared modules included).
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> = options.workflowBundlePath
    ? { workflowBundle: { codePath: options.workflowBundlePath } }
    : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: [...SHARED_WORKFLOW_MODULES] } };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.identity ? { identity: options.identity } : {}),
    ...workflowSource,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    activities: createActivities({ db: options.db, notifications: options.notifications }),
    ...DEFAULT_WORKER_TUNING,
    ...options.tuning,
  });
}

async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  const log = createLogger('worker', config.logLevel);
  if (!config.databaseUrl || !config.temporalAddress || !config.payloadEncryptionKey) {
    throw new Error('the standalone worker needs DATABASE_URL, TEMPORAL_ADDRESS and PAYLOAD_ENCRYPTION_KEY (use `npm start` for the all-in-one local service)');
  }
  const database = openDatabase(config.databaseUrl);
  await assertSchemaCurrent(database.pool);
  const notificationConfig = loadNotificationConfig();
  const notifications = createNotificationService({ ...notificationConfig, db: database.db, trackingLinks: createTrackingLinks(trackingKey(config.payloadEncryptionKey)) });
  const connection = await connectWorker({ address: config.temporalAddress, namespace: config.temporalNamespace, tls: config.temporalTls });
  const tuning = workerTuningFromEnv();
  const worker = await createComplaintWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    db: database.db,
    notifications,
    dataConverter: complaintDataConverter(database.db, new ServiceKeyring(config.payloadEncryptionKey, config.previousPayloadKeys)).dataConverter,
    tuning,
    // A bundle built ahead (`bundleWorkflowCode`) starts the worker faster than bundling at start.
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH || undefined,
  });
  const stopSweep = startOutboxSweep(database.db, notifications, log);
  const cachedComplaints = tuning.maxCachedWorkflows ?? DEFAULT_WORKER_TUNING.maxCachedWorkflows ?? 0;
  const heapLimitMiB = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  if (heapLimitMiB < heapNeededFor(cachedComplaints)) {
    // A full cache would exhaust the heap before the memory budget: say how to start the worker.
    const budget = Number(process.env.WORKER_MEMORY_BUDGET_MIB ?? DEFAULT_WORKER_MEMORY_BUDGET_MIB);
    log.warn(
      { cachedComplaints, heapLimitMiB, heapNeededMiB: heapNeededFor(cachedComplaints) },
      `V8's heap limit is below what the complaint cache needs: start the worker with node --max-old-space-size=${heapLimitFor(budget)}, or lower WORKER_MEMORY_BUDGET_MIB`,
    );
  }
  // For the orchestrator: 200 while running with both pollers polling (compose's health check).
  const healthPort = process.env.WORKER_HEALTH_PORT ? Number(process.env.WORKER_HEALTH_PORT) : undefined;
  const health = healthPort === undefined ? undefined : await startWorkerHealth(() => worker.getStatus(), { port: healthPort });
  log.info({ taskQueue: config.taskQueue, namespace: config.temporalNamespace, cachedComplaints, heapLimitMiB, healthPort }, 'worker started');
  // For a supervising process (the benchmark): the worker polls from here on.
  if (process.env.WORKER_READY_LINE === 'true') process.stdout.write('WORKER_READY\n');
  await worker.run();
  health?.close();
  stopSweep();
  await connection.close();
  await database.close();
  log.info('worker stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
