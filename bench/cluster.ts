/**
 * `npm run bench:cluster`: the scale-out figure on the production-like cluster (scripts/cluster.ts)
 * — the same burst of intakes (BENCH_CLUSTER_BURST, 300, at BENCH_CONCURRENCY 16 over both APIs)
 * with one service worker polling and then with two, in one run on the same services. Figures:
 * intakes acknowledged per second (receipt → `acknowledged` in PostgreSQL, the workflow's first task
 * and its activities) and the acknowledgement latency percentiles, and the ratio two / one.
 *
 * On a 2-core machine the ratio is bounded by the cores, not by the workers: PostgreSQL, Temporal's
 * four services, both APIs and the workers share them, so a second worker adds polling capacity but
 * no CPU. The figure says whether the service scales out without contention of its own (locks, hot
 * rows) — a ratio near 1 on 2 cores, rising with cores.
 */
import { and, inArray, ne, sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { complaints, timelineEvents } from '../db/schema';
import { mintToken } from '../runtime/tokens';
import { startCluster } from '../scripts/cluster';

const BURST = Number(process.env.BENCH_CLUSTER_BURST ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`bench:cluster: ${line}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const cluster = await startCluster({ serviceEnv: { LOG_LEVEL: 'warn' } });
  const database = openDatabase(cluster.databaseUrl, { max: 3 });
  try {
    const token = await mintToken(cluster.secrets.jwtSecret, { sub: 'agent-li', role: 'agent' });
    async function burst(label: string): Promise<{ label: string; perSecond: number; p50: number; p95: number; seconds: number }> {
      const numbers: string[] = [];
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < BURST; i = next++) {
            const res = await fetch(`${cluster.apiUrls[i % 2]}/complaints`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ channel: 'hotline', complainant: { name: '压测', phone: '13800000000' }, subject: { productName: '电饭煲' }, description: `扩展测试 ${label} ${i}` }),
            });
            if (res.status !== 201) throw new Error(`intake answered ${res.status}`);
            numbers.push(((await res.json()) as { number: string }).number);
          }
        }),
      );
      for (;;) {
        const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(and(inArray(complaints.number, numbers), ne(complaints.stage, 'received')));
        if (n === numbers.length) break;
        if (Date.now() - started > 600_000) throw new Error(`${label}: ${numbers.length - n} complaints not acknowledged after 10 minutes`);
        await sleep(200);
      }
      const seconds = (Date.now() - started) / 1000;
      const rows = await database.db
        .select({ number: timelineEvents.complaintNumber, type: timelineEvents.type, at: timelineEvents.occurredAt })
        .from(timelineEvents)
        .where(and(inArray(timelineEvents.complaintNumber, numbers), inArray(timelineEvents.type, ['received', 'acknowledged'])));
      const received = new Map(rows.filter((r) => r.type === 'received').map((r) => [r.number, r.at.getTime()]));
      const latencies = rows.filter((r) => r.type === 'acknowledged').map((r) => r.at.getTime() - received.get(r.number)!).sort((a, b) => a - b);
      return { label, perSecond: BURST / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), seconds };
    }

    // A warm-up, so that both phases meet warm workers, caches and connection pools.
    await cluster.kill('worker-2');
    await burst('warm-up');
    const one = await burst('1 worker');
    await cluster.restart('worker-2');
    const two = await burst('2 workers');
    say(`burst of ${BURST} intakes at concurrency ${CONCURRENCY} over 2 APIs, on ${(await import('node:os')).cpus().length} cores`);
    say('| workers | acknowledged/s | p50 receipt→ack (ms) | p95 (ms) | wall (s) |');
    say('|---|---|---|---|---|');
    for (const r of [one, two]) say(`| ${r.label} | ${r.perSecond.toFixed(1)} | ${r.p50} | ${r.p95} | ${r.seconds.toFixed(1)} |`);
    say(`scale-out ratio (2 workers / 1 worker, acknowledged per second): ${(two.perSecond / one.perSecond).toFixed(2)}`);
  } finally {
    await database.close();
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    say(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
