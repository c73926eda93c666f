/**
 * `npm run bench:reports`: the summary report on real volumes. Seeds BENCH_REPORT_COMPLAINTS
 * (default 1,000,000) complaints received over the last two years, their timeline (~10 events each)
 * and their report facts with SQL `generate_series` into a fresh database (embedded PostgreSQL, or
 * DATABASE_URL's server), then times `summaryReport` — the function the API calls — for the last 30
 * days and the last year, with and without a filter, and prints the plans (EXPLAIN ANALYZE) of its
 * two scans. Results go to bench/results/reports-<timestamp>.json (git-ignored); bench/RESULTS.md
 * keeps the runs worth keeping.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { reportQuerySchema, resolvePeriod, summaryReport, summaryStatements } from '../api/read/report-queries';
import { openDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { CATEGORIES, CHANNELS, STAGES } from '../domain/model';
import { createDatabaseIfMissing, databaseUrlFor, startEmbeddedPostgres } from '../runtime/postgres';

const COMPLAINTS = Number(process.env.BENCH_REPORT_COMPLAINTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const DAY_MS = 86_400_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const arrayLiteral = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/** The paths complaints take, as the stages they enter (bit i = STAGES[i]) and where they end. */
const PATHS: { stages: string[]; end: string; closed: boolean }[] = [
  { stages: ['received', 'acknowledged', 'resolving_on_spot', 'confirming', 'closed'], end: 'closed', closed: true },
  { stages: ['received', 'acknowledged', 'investigating', 'proposing', 'negotiating', 'executing', 'confirming', 'closed'], end: 'closed', closed: true },
  { stages: ['received', 'acknowledged', 'investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing', 'confirming', 'closed'], end: 'closed', closed: true },
  { stages: ['received', 'acknowledged', 'investigating', 'proposing', 'negotiating', 'executing', 'confirming', 'closed', 'follow_up'], end: 'closed', closed: true },
  { stages: ['received', 'acknowledged', 'investigating'], end: 'investigating', closed: false },
  { stages: ['received', 'acknowledged', 'closed'], end: 'closed', closed: true },
];
const mask = (stages: string[]) => stages.reduce((m, s) => m | (1 << STAGES.indexOf(s as (typeof STAGES)[number])), 0);

async function seed(db: ReturnType<typeof openDatabase>['db'], n: number): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const step = async (name: string, query: ReturnType<typeof sql>) => {
    const t = performance.now();
    await db.execute(query);
    timings[name] = Math.round(performance.now() - t);
    console.log(`  ${name}: ${(timings[name] / 1000).toFixed(1)} s`);
  };
  const masks = `array[${PATHS.map((p) => mask(p.stages)).join(',')}]`;
  const ends = arrayLiteral(PATHS.map((p) => p.end));
  const closed = `array[${PATHS.map((p) => p.closed).join(',')}]`;
  // Pseudo-random but repeatable numbers per complaint: hashes of its index.
  const r = (salt: number) => `((hashint8(g.i * ${salt}) & 2147483647)::float8 / 2147483647)`;
  await db.execute(sql.raw(`set session_replication_role = replica`));
  await step(
    'complaints',
    sql.raw(`
    insert into complaints (number, channel, complainant_name, subject, product_key, description, received_at, stage, category, department_id, assignee_id, complainant_key, state_version, workflow_started_at)
    select 'CMP-' || to_char(t.at, 'YYYYMMDD') || '-' || lpad(g.i::text, 7, '0'),
           (${arrayLiteral(CHANNELS)})[1 + g.i % ${CHANNELS.length}]::complaint_channel,
           'bench', jsonb_build_object('productName', 'Product ' || (g.i * 7919) % 5000), 'name:product ' || (g.i * 7919) % 5000, 'bench', t.at,
           (${ends})[1 + g.i % ${PATHS.length}]::complaint_stage,
           (${arrayLiteral(CATEGORIES)})[1 + (g.i / 7) % ${CATEGORIES.length}]::complaint_category,
           'dept-' || g.i % 12, 'h-' || g.i % 300,
           case when g.i % 5 = 0 then 'phone:' || (g.i * 31) % 200000 end, 1, t.at
    from generate_series(1::bigint, ${n}) g(i), lateral (select now() - ${r(3)} * interval '730 days' as at) t`),
  );
  await step(
    'complaint_facts',
    sql.raw(`
    insert into complaint_facts (complaint_number, received_at, channel, category, department_id, assignee_id, product_key, complainant_key, current_stage, stage_entered_at,
      stages_entered, stages_breached, stage_seconds, acknowledged_at, first_staff_response_at, resolved_on_spot, closures, closed_at, outcome, breaches, handling_breaches, escalations, reopens, satisfaction)
    select c.number, c.received_at, c.channel, c.category, c.department_id, c.assignee_id, c.product_key, c.complainant_key, c.stage, c.received_at + interval '5 days',
      m.entered, case when g.i % 7 = 0 then m.entered & ${1 << STAGES.indexOf('investigating')} else 0 end,
      array(select case when m.entered & (1 << (s - 1)) <> 0 and s - 1 <> ${STAGES.indexOf('closed')} then (60 + abs(hashint8(g.i * s)) % 200000)::float8 end from generate_series(1, ${STAGES.length}) s),
      c.received_at + (case when g.i % 97 = 0 then interval '30 hours' else interval '3 seconds' end),
      case when g.i % 4 <> 0 then c.received_at + ${r(5)} * interval '40 hours' end,
      g.i % ${PATHS.length} = 0, case when m.closed then 1 else 0 end, case when m.closed then c.received_at + interval '5 days' end,
      case when m.closed then 'resolved'::complaint_outcome end,
      case when g.i % 7 = 0 then 1 else 0 end, case when g.i % 7 = 0 then 1 else 0 end, case when g.i % 11 = 0 then 1 else 0 end, case when g.i % 29 = 0 then 1 else 0 end,
      case when m.closed and g.i % 3 <> 0 then (1 + g.i % 5)::smallint end
    from complaints c cross join lateral (select right(c.number, 7)::bigint as i) g
    cross join lateral (select (${masks})[1 + g.i % ${PATHS.length}] as entered, (${closed})[1 + g.i % ${PATHS.length}] as closed) m`),
  );
  await step(
    'timeline_events',
    sql.raw(`
    insert into timeline_events (id, complaint_number, seq, type, stage, actor_id, actor_role, occurred_at)
    select c.number || ':' || e.seq, c.number, e.seq,
           (array['received','acknowledged','triaged','note','progress_update_sent','findings_recorded','proposal_sent','proposal_accepted','execution_completed','satisfaction_recorded','closed','follow_up_due'])[1 + e.seq]::timeline_event_type,
           c.stage, 'bench', 'agent', c.received_at + e.seq * interval '7 hours'
    from complaints c cross join lateral generate_series(0, 7 + abs(hashint4(right(c.number, 7)::int)) % 5) e(seq)`),
  );
  await db.execute(sql.raw(`set session_replication_role = origin`));
  await step('analyze', sql.raw('analyze'));
  return timings;
}

async function time(fn: () => Promise<unknown>): Promise<{ medianMs: number; runsMs: number[] }> {
  await fn(); // warm the cache once, as a server that has been up would be
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    runs.push(Math.round(performance.now() - t));
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)], runsMs: runs };
}

async function main(): Promise<void> {
  let stop = async () => undefined as void;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = path.join(os.tmpdir(), `complaints-bench-reports-${process.pid}`);
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres', persistent: false });
    adminUrl = pg.adminUrl;
    stop = pg.stop;
  }
  const dbName = `bench_reports_${Date.now()}`;
  await createDatabaseIfMissing(adminUrl, dbName);
  const database = openDatabase(databaseUrlFor(adminUrl, dbName), { max: 4 });
  try {
    await runMigrations(database.db);
    console.log(`seeding ${COMPLAINTS.toLocaleString('en')} complaints …`);
    const seeding = await seed(database.db, COMPLAINTS);
    const counts = (await database.db.execute(sql`select (select count(*) from complaints)::int as complaints, (select count(*) from timeline_events)::int as events, (select count(*) from complaint_facts)::int as facts, pg_size_pretty(pg_database_size(current_database())) as size`)).rows[0];
    console.log(`seeded: ${JSON.stringify(counts)}`);

    const now = new Date();
    const periods = {
      'last 30 days': { from: new Date(now.getTime() - 30 * DAY_MS).toISOString(), to: now.toISOString() },
      'last year': { from: new Date(now.getTime() - 365 * DAY_MS).toISOString(), to: now.toISOString() },
      'last year, one department, by month': { from: new Date(now.getTime() - 365 * DAY_MS).toISOString(), to: now.toISOString(), departmentId: 'dept-3', interval: 'month' },
      'last year, one product': { from: new Date(now.getTime() - 365 * DAY_MS).toISOString(), to: now.toISOString(), product: 'product 42' },
    };
    const results: Record<string, { medianMs: number; runsMs: number[]; volume: number }> = {};
    for (const [name, query] of Object.entries(periods)) {
      const q = reportQuerySchema.parse(query);
      const report = await summaryReport(database.db, q, now);
      const t = await time(() => summaryReport(database.db, q, now));
      results[name] = { ...t, volume: report.figures.volume };
      console.log(`summary, ${name}: median ${t.medianMs} ms over ${RUNS} runs (${t.runsMs.join(', ')} ms), ${report.figures.volume.toLocaleString('en')} complaints`);
    }

    // The plans of the statements of the year's report, exactly as summaryReport sends them.
    const plans: Record<string, string> = {};
    const yearQuery = reportQuerySchema.parse(periods['last year']);
    const statements = summaryStatements(yearQuery, resolvePeriod(yearQuery, now));
    for (const [name, statement] of Object.entries({ totals: statements.totals, groups: statements.groups, repeats: statements.repeats })) {
      const rows = (await database.db.execute(sql`explain (analyze, buffers) ${statement}`)).rows as { 'QUERY PLAN': string }[];
      plans[name] = rows.map((r) => r['QUERY PLAN']).join('\n');
      console.log(`\nEXPLAIN ANALYZE — ${name} (last year)\n${plans[name]}`);
    }

    const out = { date: now.toISOString(), machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) }, complaints: COMPLAINTS, seeded: counts, seedingMs: seeding, results, plans };
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `reports-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(out, null, 2));
    console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
  } finally {
    await database.close();
    if (!process.env.DATABASE_URL) await stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
