/**
 * The worker: runs complaint workflows and their activities on the `complaints` task queue.
 * `npm run worker` connects to TEMPORAL_ADDRESS and DATABASE_URL (production); `npm start` runs it
 * in-process next to the embedded services.
 */
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { encryptingDataConverter } from './runtime/payload-codec';
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
 * The defaults, measured with `npm run bench` on 2 cores (bench/RESULTS.md). The cache trades memory
 * for CPU: every cached complaint holds about 1.2 MB, and one that fell out of the cache is replayed
 * from its history when it next wakes. The SDK's default sizes the cache from the heap limit
 * (thousands on a large machine: 3.8 GB resident with 2,224 complaints open); 300 kept the worker
 * at 1.1 GB with 12,000 open but replays made a deadline storm and steady actions 2–3× slower, so
 * the default is 1,000. Set WORKER_MAX_CACHED_WORKFLOWS for a smaller machine.
 */
export const DEFAULT_WORKER_TUNING: WorkerTuning = {
  maxCachedWorkflows: 1000,
};

export function createComplaintWorker(options: ComplaintWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = options.workflowBundlePath
    ? { workflowBundle: { codePath: options.workflowBundlePath } }
    : { workflowsPath: require.resolve('./workflows') };
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
  const worker = await createComplaintWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    db: database.db,
    notifications,
    dataConverter: encryptingDataConverter(config.payloadEncryptionKey),
    tuning: workerTuningFromEnv(),
    // A bundle built ahead (`bundleWorkflowCode`) starts the worker faster than bundling at start.
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH || undefined,
  });
  const stopSweep = startOutboxSweep(database.db, notifications, log);
  log.info({ taskQueue: config.taskQueue, namespace: config.temporalNamespace }, 'worker started');
  // For a supervising process (the benchmark): the worker polls from here on.
  if (process.env.WORKER_READY_LINE === 'true') process.stdout.write('WORKER_READY\n');
  await worker.run();
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
