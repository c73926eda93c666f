/**
 * `npm run bench`: latency of the complaint service against the raw engine, in the same run, on the
 * same real services (embedded PostgreSQL, Temporal dev server). Reported as ratios, because absolute
 * times depend on the machine. Scenarios:
 *   intake → acknowledged   POST /complaints until GET shows `acknowledged`   vs  start a raw workflow until its query says so
 *   action round trip        POST an action (a workflow update) and its answer  vs  a raw update that runs one activity
 * BENCH_N (default 40) complaints per scenario, BENCH_CONCURRENCY (default 8) at a time.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { exportServicesEnv, spawnServices, stopServices } from '../test/support/services-process';
import { startTestStack, validIntake } from '../test/support/stack';
import { rawActionUpdate, rawStageQuery, rawWorkflow } from './raw-workflow';

const N = Number(process.env.BENCH_N ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const POLL_MS = 10;

async function pool<T>(count: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return results;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p90: at(0.9), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const { child, info } = await spawnServices();
  exportServicesEnv(info);
  const stack = await startTestStack();
  const rawConnection = await NativeConnection.connect({ address: info.temporalAddress });
  try {
    const rawQueue = `bench-raw-${randomUUID().slice(0, 8)}`;
    // The raw engine as it comes: no payload encryption (its cost is part of the service's overhead).
    const rawClient = new Client({ connection: stack.connection, namespace: process.env.TEST_TEMPORAL_NAMESPACE ?? 'default' });
    const rawWorker = await Worker.create({
      connection: rawConnection,
      taskQueue: rawQueue,
      workflowBundle: await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'raw-workflow.ts'), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } }),
      activities: { noop: async () => undefined },
    });
    const results = await rawWorker.runUntil(
      stack.withWorker(async () => {
        // Warm both paths so bundle loading and connection set-up are not measured.
        await stack.request('POST', '/complaints', { role: 'agent', body: validIntake() });
        await rawClient.workflow.start(rawWorkflow, { taskQueue: rawQueue, workflowId: `warm-${randomUUID()}` });

        const rawIds: string[] = [];
        const rawIntake = await pool(N, async () => {
          const workflowId = `raw-${randomUUID()}`;
          rawIds.push(workflowId);
          return timed(async () => {
            const handle = await rawClient.workflow.start(rawWorkflow, { taskQueue: rawQueue, workflowId });
            await until(async () => (await handle.query(rawStageQuery)) === 'acknowledged');
          });
        });
        const numbers: string[] = [];
        const complaintIntake = await pool(N, async () =>
          timed(async () => {
            const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake() });
            numbers.push(res.body.number);
            await until(async () => (await stack.request('GET', `/complaints/${res.body.number}`, { role: 'agent' })).body.state.stage === 'acknowledged');
          }),
        );
        const rawAction = await pool(N, async (i) => timed(() => rawClient.workflow.getHandle(rawIds[i]).executeUpdate(rawActionUpdate, { args: ['triage'] })));
        const complaintAction = await pool(N, async (i) =>
          timed(async () => {
            const res = await stack.request('POST', `/complaints/${numbers[i]}/triage`, {
              role: 'agent',
              sub: 'agent-li',
              body: { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality' },
            });
            if (res.status !== 200) throw new Error(`triage answered ${res.status}`);
          }),
        );
        await pool(N, (i) => rawClient.workflow.getHandle(rawIds[i]).executeUpdate(rawActionUpdate, { args: ['finish'] }));
        return { rawIntake, complaintIntake, rawAction, complaintAction };
      }),
    );

    const rows = [
      ['intake → acknowledged', stats(results.rawIntake), stats(results.complaintIntake)],
      ['action round trip', stats(results.rawAction), stats(results.complaintAction)],
    ] as const;
    console.log(`\nComplaint service vs raw engine — N=${N}, concurrency ${CONCURRENCY} (milliseconds; ratio = service / raw)\n`);
    console.log('scenario                 raw p50   raw p90   svc p50   svc p90   ratio p50   ratio p90');
    for (const [name, raw, svc] of rows) {
      console.log(
        `${name.padEnd(24)} ${raw.p50.toFixed(1).padStart(7)} ${raw.p90.toFixed(1).padStart(9)} ${svc.p50.toFixed(1).padStart(9)} ${svc.p90.toFixed(1).padStart(9)} ${(svc.p50 / raw.p50).toFixed(2).padStart(11)} ${(svc.p90 / raw.p90).toFixed(2).padStart(11)}`,
      );
    }
  } finally {
    await rawConnection.close();
    await stack.close();
    await stopServices(child);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
