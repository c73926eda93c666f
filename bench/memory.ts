/**
 * `npm run bench:memory`: what one cached complaint costs the worker, against the raw engine in the
 * same run. The real workflow bundle runs in the SDK's own sandbox (a Worker in this process, its
 * default reusable V8 context), on the Temporal CLI dev server, with in-memory stand-ins for the
 * database steps (what is measured is the workflow's cache entry, not PostgreSQL). N complaints are
 * driven to "acknowledged, sleeping on a timer"; then the live heap after a forced GC, less the
 * heap before they started, divided by N. The raw baseline is N no-op workflows sleeping on a timer.
 *
 * BENCH_MEMORY_N (200) sets N. Run with `--expose-gc` (the npm script does). Prints the figures and
 * the ratio; writes bench/results/memory-<time>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { ComplaintActivities } from '../activities';
import { readCalendarFile } from '../db/calendars';
import { defaultPolicy, policyForComplaint } from '../domain/policy';
import { DEFAULT_TRIAGE_RULES, suggestTriage } from '../domain/triage';
import { complaintBundleOptions } from '../runtime/workflow-bundle';
import { startTemporalDevServer } from '../runtime/temporal-dev-server';
import { testDataConverter } from '../test/support/payload-key';
import { getComplaintQuery } from '../workflows/messages';

const N = Number(process.env.BENCH_MEMORY_N ?? 200);
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench:memory does)');
  collect();
  collect();
}

async function heapMiB(): Promise<number> {
  // Let the SDK finish what it was doing, then collect twice.
  await new Promise((r) => setTimeout(r, 500));
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Stand-ins for the database steps: enough for a complaint to be acknowledged. */
function fakeActivities(): Partial<ComplaintActivities> {
  const suggestion = suggestTriage({ description: '电饭煲无法加热', channel: 'web', priorComplaintsByComplainant: 0, priorComplaintsByProduct: 0 }, DEFAULT_TRIAGE_RULES);
  return {
    pickUpComplaint: async () => suggestion,
    recordTransition: async () => ({ deliveries: [] }),
  };
}

interface Measured {
  heapBeforeMiB: number;
  heapAfterMiB: number;
  perWorkflowKiB: number;
}

async function measure(label: string, worker: Worker, start: (i: number) => Promise<unknown>, ready: (i: number) => Promise<boolean>): Promise<Measured> {
  let result: Measured | undefined;
  await worker.runUntil(async () => {
    // Warm the sandbox with one workflow first, so its one-off cost is not counted per workflow.
    await start(-1);
    await until(`${label} warm-up`, () => ready(-1));
    const heapBeforeMiB = await heapMiB();
    for (let i = 0; i < N; i += 20) await Promise.all(Array.from({ length: Math.min(20, N - i) }, (_, k) => start(i + k)));
    for (let i = 0; i < N; i += 1) await until(`${label} ${i}`, () => ready(i));
    const heapAfterMiB = await heapMiB();
    result = { heapBeforeMiB, heapAfterMiB, perWorkflowKiB: Math.round(((heapAfterMiB - heapBeforeMiB) * 1024) / N) };
  });
  console.log(`  ${label}: heap ${result!.heapBeforeMiB.toFixed(1)} → ${result!.heapAfterMiB.toFixed(1)} MiB for ${N} cached: ${result!.perWorkflowKiB} KiB each`);
  return result!;
}

async function main(): Promise<void> {
  Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  const server = await startTemporalDevServer({ log: () => undefined });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: server.namespace, dataConverter: testDataConverter() });
  const rawClient = new Client({ connection, namespace: server.namespace });
  const workerConnection = await NativeConnection.connect({ address: server.address });
  const policy = policyForComplaint(defaultPolicy(readCalendarFile('cn-mainland')), Date.now());
  const run = randomBytes(3).toString('hex');
  // debugMode runs the workflow sandbox on this thread (not a worker thread), so this thread's heap holds the cache.
  const common = { connection: workerConnection, namespace: server.namespace, maxCachedWorkflows: N + 10, debugMode: true } as const;
  try {
    console.log(`memory: ${N} cached workflows each, heap after GC (this process runs the worker)`);
    const rawBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./raw-workflow'), logger: quiet });
    const rawWorker = await Worker.create({ ...common, taskQueue: `memory-raw-${run}`, workflowBundle: rawBundle, activities: { noop: async () => Date.now() } });
    const far = Date.now() + 3_600_000;
    const rawId = (i: number) => `memory-raw-${run}-${i}`;
    const raw = await measure(
      'raw no-op workflow',
      rawWorker,
      (i) => rawClient.workflow.start('rawTimerWorkflow', { taskQueue: `memory-raw-${run}`, workflowId: rawId(i), args: [far] }),
      // The timer is set once the first workflow task completed: the workflow is cached and sleeping.
      async (i) => (await rawClient.workflow.getHandle(rawId(i)).describe()).historyLength >= 4,
    );

    // The shipped bundle shares the modules below the workflow entry (runtime/workflow-bundle.ts);
    // the same bundle without sharing shows what each complaint would evaluate again.
    const measureComplaints = async (label: string, shared: boolean) => {
      const options = complaintBundleOptions(quiet);
      const bundle = await bundleWorkflowCode(shared ? options : { ...options, preloadModules: [] });
      const taskQueue = `memory-service-${shared ? 'shared' : 'unshared'}-${run}`;
      const worker = await Worker.create({ ...common, taskQueue, workflowBundle: bundle, activities: fakeActivities(), dataConverter: testDataConverter() });
      const number = (i: number) => `CMP-MEMORY-${shared ? 'S' : 'U'}-${run}-${i}`;
      const measured = await measure(
        label,
        worker,
        (i) => client.workflow.start('complaintWorkflow', { taskQueue, workflowId: number(i), args: [{ complaintNumber: number(i), channel: 'web', receivedAt: new Date().toISOString(), receivedBy: 'agent-li', policy }] }),
        async (i) => (await client.workflow.getHandle(number(i)).query(getComplaintQuery)).stage === 'acknowledged',
      );
      return { ...measured, bundleKiB: Math.round(bundle.code.length / 1024) };
    };
    const unshared = await measureComplaints('complaint workflow, every module per complaint', false);
    const service = await measureComplaints('complaint workflow as shipped (shared modules)', true);
    const ratio = Math.round((service.perWorkflowKiB / Math.max(1, raw.perWorkflowKiB)) * 10) / 10;
    const unsharedRatio = Math.round((unshared.perWorkflowKiB / Math.max(1, raw.perWorkflowKiB)) * 10) / 10;
    console.log(`  ratio complaint ÷ raw: ${ratio}× (target ≤ 4×; ${unsharedRatio}× without shared modules); bundle ${service.bundleKiB} KiB, raw ${Math.round(rawBundle.code.length / 1024)} KiB`);
    const out = path.join(__dirname, 'results', `memory-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify({ n: N, raw, service, ratio, unshared, unsharedRatio, bundleKiB: service.bundleKiB }, null, 2)}\n`);
    console.log(`  written ${path.relative(process.cwd(), out)}`);
  } finally {
    await workerConnection.close();
    await connection.close();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
