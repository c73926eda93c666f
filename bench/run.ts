/**
 * `npm run bench`: the complaint service against the raw engine, in the same run, on the same real
 * services (embedded PostgreSQL, the Temporal CLI dev server). Each worker — the service's
 * (`worker.ts`) and the raw baseline's (`bench/raw-worker.ts`) — runs in its own process; the API
 * runs in this one. Figures are milliseconds and ratios service / raw, because absolute times depend
 * on the machine. Scenarios (sizes from the environment):
 *
 *   burst          BENCH_BURST (1000) intakes as fast as the API takes them (BENCH_CONCURRENCY, 16):
 *                  API throughput and receipt → acknowledgement in PostgreSQL, vs as many raw starts
 *                  each running one no-op activity (start → activity done).
 *   deadline storm BENCH_STORM (1000) open complaints whose first-response deadlines fall in the same
 *                  second: due → breach in PostgreSQL, vs as many raw timers due in the same second,
 *                  each then running one activity (due → activity done).
 *   steady         BENCH_STEADY_RATE (20) actions/s for BENCH_STEADY_SECONDS (120) over
 *                  BENCH_STEADY_COMPLAINTS (500) open complaints: action round trip, vs raw updates
 *                  that run one activity at the same rate over as many raw workflows.
 *   memory         BENCH_MEMORY (10000; 0 skips) more open complaints: the workers' resident memory
 *                  and PostgreSQL's size, vs as many open raw workflows.
 *
 * Each raw baseline runs before the service's phase of the same shape, on idle services (the
 * service's storm complaints keep firing follow-on clocks afterwards). BENCH_REPEAT (3) whole runs,
 * each on fresh services, end with the spread (min / median / max) of every ratio. BENCH_CPU_PROF=<dir>
 * makes the service worker write a CPU profile per thread (`npm run bench:profile-summary -- <dir>`).
 *
 * Prints a table and writes bench/results/bench-<timestamp>.json (git-ignored); keep the runs worth
 * keeping in bench/RESULTS.md. BENCH_LABEL names the run (e.g. `before`, `after`).
 *
 * BENCH_TARGET=cluster runs bench/cluster.ts instead: one and two service workers on the
 * production-like cluster (`npm run bench:cluster`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import type { PolicyDuration } from '../domain/deadlines';
import { exportServicesEnv, spawnServices, stopServices } from '../test/support/services-process';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { startApiServer } from '../api/server';
import { createComplaintWorker, workerTuningFromEnv } from '../worker';
import { TEST_PAYLOAD_KEY, testDataConverterFor } from '../test/support/payload-key';
import { startTestStack, TEST_JWT_SECRET, validIntake, type TestStack } from '../test/support/stack';
import { rawActionUpdate, rawDoneAtQuery, rawTimerWorkflow, rawWorkflow } from './raw-workflow';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const BURST = env('BENCH_BURST', 1000);
const STORM = env('BENCH_STORM', 1000);
const STEADY_RATE = env('BENCH_STEADY_RATE', 20);
const STEADY_SECONDS = env('BENCH_STEADY_SECONDS', 120);
const STEADY_COMPLAINTS = env('BENCH_STEADY_COMPLAINTS', 500);
const MEMORY = env('BENCH_MEMORY', 10_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 16);
const WAIT_LIMIT_MS = env('BENCH_WAIT_LIMIT_SECONDS', 900) * 1000;
const root = path.join(__dirname, '..');
/** `in (…)` over complaint numbers (drizzle spreads an array into a list of parameters). */
const numbersIn = (numbers: string[]) => sql`(${sql.join(numbers.map((n) => sql`${n}`), sql`, `)})`;

/** The bench's policy: every clock a day long, so only the storm's deadlines fall during the run. */
const DAY: PolicyDuration = { amount: 24, unit: 'hours' };
const BENCH_POLICY = {
  version: 'bench',
  durations: { firstResponse: DAY, onSpotResolution: DAY, reply: DAY, progressUpdate: DAY, approval: DAY, customerResponse: DAY, execution: DAY, satisfaction: DAY, followUpDelay: DAY, followUpVisit: DAY, reopenWindow: DAY },
};

interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return { n: s.length, p50: Math.round(at(0.5)), p99: Math.round(at(0.99)), max: Math.round(s.at(-1) ?? Number.NaN) };
}

/** Runs fn for 0..count-1 with `limit` at a time; returns the results and how long it all took. */
async function pool<T>(count: number, limit: number, fn: (i: number) => Promise<T>): Promise<{ results: T[]; ms: number }> {
  const results: T[] = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return { results, ms: performance.now() - started };
}

async function until<T>(what: string, check: () => Promise<T | false | undefined>, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`bench: gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Starts a worker process and waits until it polls. */
async function startWorkerProcess(file: string, extraEnv: Record<string, string>, nodeFlags: string[] = []): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: the service worker writes one CPU profile per thread there when it stops (bench/profile-summary.ts reads them).
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...extraEnv } });
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.includes('WORKER_READY')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${file} exited early (${code})`)));
  });
  return child;
}

function rssMiB(child: ChildProcess): number {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Stop a worker and wait for its exit. */
async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** CPU seconds used so far by each process group on this machine (from /proc; Linux only). */
function cpuSeconds(groups: Record<string, (pid: number, cmdline: string) => boolean>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
      for (const [group, match] of Object.entries(groups)) {
        if (match(Number(entry), cmdline)) {
          out[group] += ticks / 100;
          break;
        }
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** Share of one core each group used between two snapshots, in per cent. */
function cpuShare(before: Record<string, number>, after: Record<string, number>, seconds: number): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((g) => [g, Math.round(((after[g] - before[g]) / seconds) * 100)]));
}

interface Scenario {
  name: string;
  /** % of one core per process group while the scenario ran (the machine has os.cpus().length). */
  cpuPercent?: Record<string, number>;
  rawCpuPercent?: Record<string, number>;
  service: Record<string, number | Stats>;
  raw: Record<string, number | Stats>;
  ratios: Record<string, number>;
}

interface RunResult {
  label: string;
  scenarios: Scenario[];
  failure?: string;
}

/** One whole bench on fresh services (a new dev server and PostgreSQL), so no run inherits another's timers. */
async function runOnce(label: string): Promise<RunResult> {
  const { child: services, info } = await spawnServices();
  exportServicesEnv(info);
  const stack: TestStack = await startTestStack(BENCH_POLICY);
  const rawQueue = `bench-raw-${randomUUID().slice(0, 8)}`;
  // Colocated (BENCH_COLOCATED=true, like `npm start`): the service's worker runs in this process and
  // a second API starts workflows through the worker's connection with eager start.
  const colocated = process.env.BENCH_COLOCATED === 'true' ? await startColocated(stack, info) : undefined;
  const serviceWorker = colocated ? undefined : await startWorkerProcess(path.join(root, 'worker.ts'), {
    DATABASE_URL: stack.database.url,
    TEMPORAL_ADDRESS: info.temporalAddress,
    TEMPORAL_NAMESPACE: info.temporalNamespace,
    TASK_QUEUE: stack.taskQueue,
    PAYLOAD_ENCRYPTION_KEY: TEST_PAYLOAD_KEY.toString('base64'),
    WORKFLOW_BUNDLE_PATH: info.workflowBundlePath,
    WORKER_READY_LINE: 'true',
    LOG_LEVEL: 'warn',
  }, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF, label)}`] : []);
  const rawWorker = await startWorkerProcess(path.join(__dirname, 'raw-worker.ts'), { TEMPORAL_ADDRESS: info.temporalAddress, TEMPORAL_NAMESPACE: info.temporalNamespace, TASK_QUEUE: rawQueue });
  const groups = {
    [colocated ? 'API + service worker + load (bench process)' : 'API + load (bench process)']: (pid: number) => pid === process.pid,
    'service worker': (pid: number) => pid === serviceWorker?.pid,
    'raw worker': (pid: number) => pid === rawWorker.pid,
    'Temporal dev server': (_: number, cmd: string) => /temporal/.test(cmd) && /server start-dev/.test(cmd),
    PostgreSQL: (_: number, cmd: string) => /^postgres|\/postgres /.test(cmd),
  };
  const measure = async <T>(fn: () => Promise<T>): Promise<{ value: T; cpu: Record<string, number> }> => {
    const before = cpuSeconds(groups);
    const started = performance.now();
    const value = await fn();
    return { value, cpu: cpuShare(before, cpuSeconds(groups), (performance.now() - started) / 1000) };
  };
  /** Waits until the workers, the dev server and PostgreSQL are idle, so one phase's tail does not weigh on the next. */
  const quiet = async () => {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const before = cpuSeconds(groups);
      await new Promise((r) => setTimeout(r, 3000));
      const share = cpuShare(before, cpuSeconds(groups), 3);
      if (share['service worker'] < 15 && share['raw worker'] < 15 && share['Temporal dev server'] < 15 && share.PostgreSQL < 15) return;
    }
    console.log('  warning: the services did not settle within 3 minutes');
  };
  // The raw engine as it comes: no payload encryption (its cost is part of the service's overhead).
  const rawClient = new Client({ connection: stack.connection, namespace: info.temporalNamespace });
  const db = stack.database.db;
  const scenarios: Scenario[] = [];
  let failure: string | undefined;
  const token = await stack.token('agent', 'agent-li');
  const post = async (pathname: string, body: unknown) => {
    const res = await fetch(`${colocated?.apiUrl ?? stack.api.url}${pathname}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { number?: string };
    if (res.status >= 300) throw new Error(`POST ${pathname} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const countEvents = async (type: string, numbers: string[]) =>
    (await db.execute(sql`select count(*)::int as n from timeline_events where type = ${type} and complaint_number in ${numbersIn(numbers)}`)).rows[0].n as number;

  /** Intakes `count` complaints at `limit` at a time; returns the numbers and the intake rate. */
  const intakes = async (count: number, limit: number) => {
    const { results, ms } = await pool(count, limit, async () => (await post('/complaints', validIntake({ evidence: [] }))).number!);
    return { numbers: results, perSecond: count / (ms / 1000) };
  };
  const acknowledged = async (numbers: string[]) => until(`${numbers.length} acknowledgements`, async () => (await countEvents('acknowledged', numbers)) >= numbers.length);

  try {
    // Warm both paths (bundles loaded, connections open) outside the measurements.
    await acknowledged((await intakes(4, 4)).numbers);
    await pool(4, 4, async () => (await rawClient.workflow.start(rawTimerWorkflow, { taskQueue: rawQueue, workflowId: `warm-${randomUUID()}`, args: [0] })).result());

    // ── 1. Burst ────────────────────────────────────────────────────────────────────────────────
    console.log(`burst: ${BURST} intakes, ${CONCURRENCY} at a time …`);
    const rawBurstIds: string[] = [];
    await quiet();
    const rawBurstRun = await measure(async () => {
    const rawStarts = await pool(BURST, CONCURRENCY, async (i) => {
      const workflowId = `raw-burst-${i}-${randomUUID().slice(0, 8)}`;
      rawBurstIds.push(workflowId);
      const startedAt = Date.now();
      await rawClient.workflow.start(rawWorkflow, { taskQueue: rawQueue, workflowId });
      return { workflowId, startedAt };
    });
    const rawDone = await until('raw burst activities', async () => {
      const all = await pool(BURST, 32, async (i) => rawClient.workflow.getHandle(rawStarts.results[i].workflowId).query(rawDoneAtQuery));
      return all.results.every((t) => t !== undefined) ? all.results : false;
    }, 1000);
    return { rawStarts, latency: rawDone.map((t, i) => (t as number) - rawStarts.results[i].startedAt) };
    });
    const { rawStarts, latency: rawBurstLatency } = rawBurstRun.value;

    await quiet();
    const burstRun = await measure(async () => {
      const taken = await intakes(BURST, CONCURRENCY);
      await acknowledged(taken.numbers);
      return taken;
    });
    const burst = burstRun.value;
    const ackRows = (await db.execute(sql`
      select extract(epoch from e.recorded_at - c.received_at) * 1000 as ms
      from complaints c join timeline_events e on e.complaint_number = c.number and e.type = 'acknowledged'
      where c.number in ${numbersIn(burst.numbers)}`)).rows as { ms: number }[];
    const burstAck = stats(ackRows.map((r) => Number(r.ms)));
    const rawAck = stats(rawBurstLatency);
    const rawRate = BURST / (rawStarts.ms / 1000);
    scenarios.push({
      name: 'burst',
      cpuPercent: burstRun.cpu,
      rawCpuPercent: rawBurstRun.cpu,
      service: { intakesPerSecond: Math.round(burst.perSecond * 10) / 10, receiptToAcknowledged: burstAck },
      raw: { startsPerSecond: Math.round(rawRate * 10) / 10, startToActivityDone: rawAck },
      ratios: { throughput: round2(burst.perSecond / rawRate), p50: round2(burstAck.p50 / rawAck.p50), p99: round2(burstAck.p99 / rawAck.p99) },
    });
    console.log(`  service ${burst.perSecond.toFixed(1)} intakes/s, ack ${fmt(burstAck)}; raw ${rawRate.toFixed(1)} starts/s, ${fmt(rawAck)}`);

    // ── 2. Deadline storm ───────────────────────────────────────────────────────────────────────
    // Every storm complaint's first-response clock is due at the same whole second `dueAt`, far
    // enough ahead for all of them to be taken in and acknowledged first.
    // The raw storm first, on idle services: the service's storm complaints keep firing their
    // follow-on clocks (re-armed after each breach) on the same dev server for a while afterwards.
    await quiet();
    const rawDueAt = Math.ceil((Date.now() + Math.ceil((STORM / rawRate) * 1.5 + 10) * 1000) / 1000) * 1000;
    console.log(`deadline storm: ${STORM} raw timers due at ${new Date(rawDueAt).toISOString()} …`);
    const rawStormCpuBefore = cpuSeconds(groups);
    const rawStormStarted = performance.now();
    const rawStorm = await pool(STORM, CONCURRENCY, async (i) => rawClient.workflow.start(rawTimerWorkflow, { taskQueue: rawQueue, workflowId: `raw-storm-${i}-${randomUUID().slice(0, 8)}`, args: [rawDueAt] }));
    if (Date.now() > rawDueAt) console.log('  warning: the raw deadline passed before every raw timer was started');
    const rawTimerDone = await pool(STORM, 32, (i) => rawStorm.results[i].result());
    const rawStormCpu = cpuShare(rawStormCpuBefore, cpuSeconds(groups), (performance.now() - rawStormStarted) / 1000);
    await quiet();
    const lead = Math.ceil((STORM / Math.min(burst.perSecond, rawRate)) * 1.5 + burstAck.p99 / 1000 + 20);
    const dueAt = Math.ceil((Date.now() + lead * 1000) / 1000) * 1000;
    console.log(`deadline storm: ${STORM} first-response deadlines due at ${new Date(dueAt).toISOString()} (in ${lead} s) …`);
    const base = stack.policy.current;
    stack.policy.current = {
      ...base,
      durations: {
        ...base.durations,
        get firstResponse(): PolicyDuration {
          return { amount: Math.max(1, Math.ceil((dueAt - Date.now()) / 1000)), unit: 'seconds' };
        },
      },
    };
    const stormCpuBefore = cpuSeconds(groups);
    const stormStarted = performance.now();
    const storm = await intakes(STORM, CONCURRENCY);
    stack.policy.current = base;
    await acknowledged(storm.numbers);
    if (Date.now() > dueAt) console.log('  warning: the deadline passed before every storm complaint was acknowledged');
    await until('storm breaches', async () => (await countEvents('sla_breached', storm.numbers)) >= storm.numbers.length, 1000);
    const breachRows = (await db.execute(sql`
      select extract(epoch from min(e.recorded_at) - (a.data->>'firstResponseDue')::timestamptz) * 1000 as ms
      from timeline_events a join timeline_events e on e.complaint_number = a.complaint_number and e.type = 'sla_breached'
      where a.type = 'acknowledged' and a.complaint_number in ${numbersIn(storm.numbers)}
      group by a.complaint_number, a.data`)).rows as { ms: number }[];
    const stormCpu = cpuShare(stormCpuBefore, cpuSeconds(groups), (performance.now() - stormStarted) / 1000);
    const stormLag = stats(breachRows.map((r) => Number(r.ms)));
    const rawLag = stats(rawTimerDone.results.map((t) => t - rawDueAt));
    scenarios.push({
      name: 'deadline storm',
      cpuPercent: stormCpu,
      rawCpuPercent: rawStormCpu,
      service: { dueToBreachInPostgres: stormLag },
      raw: { dueToActivityDone: rawLag },
      ratios: { p50: round2(stormLag.p50 / Math.max(1, rawLag.p50)), p99: round2(stormLag.p99 / Math.max(1, rawLag.p99)), p99MinusRawSeconds: round2((stormLag.p99 - rawLag.p99) / 1000) },
    });
    console.log(`  service ${fmt(stormLag)}; raw ${fmt(rawLag)}`);

    // ── 3. Steady mixed load ────────────────────────────────────────────────────────────────────
    if (STEADY_SECONDS > 0) {
      const steadyNumbers = burst.numbers.slice(0, STEADY_COMPLAINTS);
      const rawSteadyIds = rawBurstIds.slice(0, STEADY_COMPLAINTS);
      const total = Math.round(STEADY_RATE * STEADY_SECONDS);
      console.log(`steady: ${STEADY_RATE} actions/s for ${STEADY_SECONDS} s over ${steadyNumbers.length} complaints …`);
      // Triaged first (not measured), so every action of the mix fits the stage they are in.
      await pool(steadyNumbers.length, CONCURRENCY, (i) => post(`/complaints/${steadyNumbers[i]}/triage`, { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality' }));
      let refused = 0;
      const actionFor = (k: number): [string, unknown] => {
        const kinds: [string, unknown][] = [
          ['notes', { text: '已联系仓库核实批次', toCustomer: false }],
          ['progress-updates', { message: '我们正在核实，三日内答复。' }],
          ['evidence', { uri: `https://files.example.com/e-${k}.jpg` }],
        ];
        return kinds[k % kinds.length];
      };
      const openLoop = async (fn: (k: number) => Promise<void>) => {
        const latencies: number[] = new Array(total);
        const started = performance.now();
        await Promise.all(
          Array.from({ length: total }, async (_, k) => {
            const at = started + (k * 1000) / STEADY_RATE;
            await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
            const t = performance.now();
            await fn(k);
            latencies[k] = performance.now() - t;
          }),
        );
        return latencies;
      };
      await quiet();
      const { value: serviceActions, cpu: steadyCpu } = await measure(() =>
        openLoop(async (k) => {
          const [action, body] = actionFor(k);
          await post(`/complaints/${steadyNumbers[k % steadyNumbers.length]}/${action}`, body).catch(() => {
            refused += 1;
          });
        }),
      );
      await quiet();
      const { value: rawActions, cpu: rawSteadyCpu } = await measure(() =>
        openLoop(async (k) => {
          await rawClient.workflow.getHandle(rawSteadyIds[k % rawSteadyIds.length]).executeUpdate(rawActionUpdate, { args: ['act'] });
        }),
      );
      const svcSteady = stats(serviceActions);
      const rawSteady = stats(rawActions);
      if (refused > 0) console.log(`  warning: ${refused} actions were refused`);
      scenarios.push({ name: 'steady', cpuPercent: steadyCpu, rawCpuPercent: rawSteadyCpu, service: { actionRoundTrip: svcSteady, refused }, raw: { updateRoundTrip: rawSteady }, ratios: { p50: round2(svcSteady.p50 / rawSteady.p50), p99: round2(svcSteady.p99 / rawSteady.p99) } });
      console.log(`  service ${fmt(svcSteady)}; raw ${fmt(rawSteady)}`);
    }

    // ── 4. Memory ───────────────────────────────────────────────────────────────────────────────
    if (MEMORY > 0) {
      console.log(`memory: ${MEMORY} more open complaints and raw workflows …`);
      const more = await intakes(MEMORY, CONCURRENCY);
      await acknowledged(more.numbers);
      await pool(MEMORY, CONCURRENCY, (i) => rawClient.workflow.start(rawWorkflow, { taskQueue: rawQueue, workflowId: `raw-memory-${i}-${randomUUID().slice(0, 8)}` }));
      await new Promise((r) => setTimeout(r, 5000));
      const open = (await db.execute(sql`select count(*)::int as n from complaints where stage <> 'closed'`)).rows[0].n as number;
      const size = (await db.execute(sql`select pg_database_size(current_database()) as bytes`)).rows[0].bytes as string;
      const svcRss = serviceWorker ? rssMiB(serviceWorker) : Math.round(process.memoryUsage().rss / 2 ** 20);
      const rawRss = rssMiB(rawWorker);
      scenarios.push({
        name: 'memory',
        service: { openComplaints: open, workerRssMiB: svcRss, postgresMiB: Math.round(Number(size) / 2 ** 20) },
        raw: { openWorkflows: MEMORY + BURST, workerRssMiB: rawRss },
        ratios: { rss: round2(svcRss / rawRss) },
      });
      console.log(`  service worker ${svcRss} MiB with ${open} open complaints, PostgreSQL ${Math.round(Number(size) / 2 ** 20)} MiB; raw worker ${rawRss} MiB`);
    }

  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
    console.error(`bench: ${failure}`);
    if (process.env.BENCH_SNAPSHOT_RSS !== 'false') {
      if (serviceWorker) failure += ` (service worker RSS ${rssMiB(serviceWorker)} MiB, raw worker ${rssMiB(rawWorker)} MiB at that moment)`;
    }
  } finally {
    // What was measured is kept even when a later phase failed (a timeout is a finding too).
    const out = { label, colocated: Boolean(colocated), date: new Date().toISOString(), machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, sizes: { BURST, STORM, STEADY_RATE, STEADY_SECONDS, STEADY_COMPLAINTS, MEMORY, CONCURRENCY }, scenarios, ...(failure ? { failure } : {}) };
    printTable(out.label, scenarios);
    if (failure) console.log(`failed: ${failure}\n`);
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `bench-${label}-${out.date.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(out, null, 2));
    console.log(`written ${path.relative(process.cwd(), file)}`);
    if (serviceWorker) await stopWorkerProcess(serviceWorker);
    await colocated?.stop();
    await stopWorkerProcess(rawWorker);
    await stack.close();
    await stopServices(services);
  }
  return { label, scenarios, ...(failure ? { failure } : {}) };
}

/**
 * BENCH_REPEAT (3) whole runs, each on fresh services, then the spread of every ratio across them:
 * one run on a loaded 2-core machine says little, three say how far a figure moves.
 */
async function main(): Promise<void> {
  const label = process.env.BENCH_LABEL ?? 'run';
  const repeat = Math.max(1, env('BENCH_REPEAT', 3));
  const runs: RunResult[] = [];
  for (let i = 1; i <= repeat; i += 1) {
    console.log(`\n═══ run ${i} of ${repeat} ═══`);
    runs.push(await runOnce(repeat > 1 ? `${label}-${i}` : label));
  }
  if (repeat > 1) printSpread(label, runs);
  if (runs.some((r) => r.failure)) process.exitCode = 1;
}

/** Each ratio and each service figure's p99 across the runs: min, median, max. */
function printSpread(label: string, runs: RunResult[]): void {
  const series = new Map<string, number[]>();
  const add = (key: string, value: number | undefined) => {
    if (value === undefined || !Number.isFinite(value)) return;
    series.set(key, [...(series.get(key) ?? []), value]);
  };
  for (const run of runs) {
    for (const s of run.scenarios) {
      for (const [k, v] of Object.entries(s.ratios)) add(`${s.name} · ratio ${k}`, v);
      for (const [k, v] of Object.entries(s.service)) add(`${s.name} · service ${k}${typeof v === 'number' ? '' : ' p99'}`, typeof v === 'number' ? v : v.p99);
      for (const [k, v] of Object.entries(s.raw)) add(`${s.name} · raw ${k}${typeof v === 'number' ? '' : ' p99'}`, typeof v === 'number' ? v : v.p99);
    }
  }
  console.log(`\nSpread over ${runs.length} runs — ${label} (min / median / max)\n`);
  const width = Math.max(...[...series.keys()].map((k) => k.length));
  for (const [key, values] of series) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`  ${key.padEnd(width)}  ${sorted[0]} / ${sorted[Math.floor((sorted.length - 1) / 2)]} / ${sorted.at(-1)}  (${values.length} runs)`);
  }
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `spread-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ label, runs: runs.length, series: Object.fromEntries(series) }, null, 2));
  console.log(`written ${path.relative(process.cwd(), file)}`);
}

/** The service's worker in this process, and an API whose client shares its NativeConnection (eager start). */
async function startColocated(stack: TestStack, info: { temporalAddress: string; temporalNamespace: string; workflowBundlePath: string }) {
  const connection = await NativeConnection.connect({ address: info.temporalAddress });
  const worker = await createComplaintWorker({
    connection,
    namespace: info.temporalNamespace,
    taskQueue: stack.taskQueue,
    db: stack.database.db,
    notifications: stack.notifications,
    workflowBundlePath: info.workflowBundlePath,
    dataConverter: testDataConverterFor(stack.database.db),
    tuning: workerTuningFromEnv(),
  });
  const running = worker.run();
  const api = await startApiServer({
    db: stack.database.db,
    client: new Client({ connection, namespace: info.temporalNamespace, dataConverter: testDataConverterFor(stack.database.db) }),
    // BENCH_EAGER=false: the same process layout without eager start, to measure what it gives.
    eagerStart: process.env.BENCH_EAGER !== 'false',
    taskQueue: stack.taskQueue,
    port: 0,
    log: pino({ level: 'silent' }),
    verification: { alg: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) },
    policy: async () => stack.policy.current,
    sweepIntervalMs: 0,
    tracking: stack.tracking,
  });
  return {
    apiUrl: api.url,
    stop: async () => {
      await api.close();
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (s: Stats) => `p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms`;

function printTable(label: string, scenarios: Scenario[]): void {
  console.log(`\nComplaint service vs raw engine — ${label} (ms; ratio = service / raw)\n`);
  const lines: string[][] = [['scenario', 'figure', 'service', 'raw', 'ratio']];
  for (const s of scenarios) {
    const svc = Object.entries(s.service);
    const raw = Object.entries(s.raw);
    for (let i = 0; i < Math.max(svc.length, raw.length); i++) {
      const show = (v: number | Stats | undefined) => (v === undefined ? '' : typeof v === 'number' ? String(v) : `p50 ${v.p50} / p99 ${v.p99} / max ${v.max}`);
      lines.push([i === 0 ? s.name : '', `${svc[i]?.[0] ?? ''} | ${raw[i]?.[0] ?? ''}`, show(svc[i]?.[1]), show(raw[i]?.[1]), i === 0 ? Object.entries(s.ratios).map(([k, v]) => `${k} ${v}`).join(', ') : '']);
    }
  }
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  for (const l of lines) console.log(l.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  console.log('\nCPU, % of one core (this machine has ' + os.cpus().length + '):');
  for (const s of scenarios) {
    if (s.cpuPercent) console.log(`  ${s.name} (service): ${Object.entries(s.cpuPercent).map(([g, v]) => `${g} ${v}`).join(', ')}`);
    if (s.rawCpuPercent) console.log(`  ${s.name} (raw): ${Object.entries(s.rawCpuPercent).map(([g, v]) => `${g} ${v}`).join(', ')}`);
  }
  console.log();
}

// `BENCH_TARGET=cluster npm run bench`: the scale-out figure on the production-like cluster instead.
const run =
  process.env.BENCH_TARGET === 'cluster'
    ? Promise.resolve().then(() => {
        process.exitCode = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cluster.ts')], { stdio: 'inherit' }).status ?? 1;
      })
    : main();
run.then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
