/**
 * `npm run cluster:faults` (CI: CLUSTER_FAULT_COMPLAINTS=10): faults across the production-like
 * cluster (scripts/cluster.ts) while complaints are driven through their whole lifecycle over both
 * APIs — a worker killed with SIGKILL, an API killed, Temporal's history service restarted,
 * PostgreSQL restarted, and the other worker cut off for longer than the sticky-queue timeout (20 s
 * against 10 s) and let back. Then: every complaint closed, no timeline event lost or written twice,
 * no e-mail sent twice (the cut-off worker must not send what the other already sent), and every
 * complaint's history replays against the workflow code. It prints the figures.
 *
 * "Cut off": each service worker runs on a host of its own — a network namespace joined to this
 * machine by a veth pair — and its link is taken down, then up (CLUSTER_NETNS=0, or a machine that
 * cannot make namespaces: loopback, and the worker is frozen instead, SIGSTOP then SIGCONT).
 */
import assert from 'node:assert/strict';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { openDatabase } from '../db/client';
import { complaints, notifications, timelineEvents } from '../db/schema';
import type { Role } from '../domain/model';
import { createNotificationService } from '../notifications';
import { markAbandonedDeliveries, redriveStaleDeliveries } from '../notifications/sweep';
import { parsePayloadKey } from '../runtime/payload-codec';
import { complaintDataConverter } from '../runtime/data-keys';
import { mintToken } from '../runtime/tokens';
import { complaintBundleOptions } from '../runtime/workflow-bundle';
import { actWhenReady, SIMPLE_PATH, SIMPLE_PATH_EVENTS } from '../test/support/fault-client';
import { startSmtpSink } from '../test/support/notification-servers';
import { startCluster } from './cluster';

const COMPLAINTS = Number(process.env.CLUSTER_FAULT_COMPLAINTS ?? 30);
/** A rolling upgrade through the faults: the workers start from this earlier build and are replaced one by one. */
const UPGRADE_FROM = process.env.CLUSTER_UPGRADE_FROM || undefined;
const FROZEN_MS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`cluster-faults: ${line}\n`);

let retries = 0;

/** What the API answers, as far as this client reads it. */
interface Answer {
  number?: string;
  error?: { code: string; stage?: string };
}

async function main(): Promise<void> {
  // Listening beyond loopback: the workers may send from network namespaces of their own.
  const smtp = await startSmtpSink('accept', '0.0.0.0');
  const cluster = await startCluster({
    serviceEnv: {
      SMTP_URL: smtp.url,
      // A claim left by a request that died with an API or the database is re-driven after 5 s.
      IDEMPOTENCY_REDRIVE_AFTER_MS: '5000',
      POLICY_JSON: JSON.stringify({ version: 'cluster-faults', notificationRetry: { maxAttempts: 3, initialIntervalSeconds: 1 } }),
      // Upgrading from a build before data keys: this build only decodes them until every process runs it (README, "Upgrading").
      ...(UPGRADE_FROM ? { PAYLOAD_DATA_KEYS: 'decode-only' } : {}),
    },
    workerBuild: UPGRADE_FROM,
    netns: process.env.CLUSTER_NETNS !== '0',
  });
  const started = Date.now();
  try {
    const tokens = new Map<string, string>();
    const token = async (role: Role, sub: string) => {
      if (!tokens.has(sub)) tokens.set(sub, await mintToken(cluster.secrets.jwtSecret, { sub, role }));
      return tokens.get(sub)!;
    };

    /** A well-behaved client of one API: it retries what a fault interrupted, with the same Idempotency-Key. */
    async function send(api: string, method: string, url: string, role: Role, sub: string, body: unknown, key: string): Promise<{ status: number; body: Answer }> {
      for (let attempt = 0; attempt < 400; attempt++) {
        let status = 0;
        let parsed: Answer | undefined;
        try {
          const res = await fetch(`${api}${url}`, {
            method,
            headers: { authorization: `Bearer ${await token(role, sub)}`, 'content-type': 'application/json', 'Idempotency-Key': key },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(20_000),
          });
          status = res.status;
          parsed = (await res.json()) as Answer;
        } catch {
          status = 0; // the API was down, or the request outlived a fault
        }
        if (status === 503 || status === 0 || status === 504 || (status === 409 && parsed?.error?.code === 'request_in_progress')) {
          retries += 1;
          await sleep(500);
          continue;
        }
        return { status, body: parsed ?? {} };
      }
      throw new Error(`${method} ${url} did not succeed`);
    }

    // With an upgrade, every other complaint waits after triage until both workers run this build, so
    // that complaints begun on the old build are certainly finished on the new one.
    let upgraded: () => void = () => undefined;
    const bothUpgraded = new Promise<void>((resolve) => (upgraded = resolve));

    async function driveOne(i: number): Promise<string> {
      // Half the complaints through each API.
      const api = cluster.apiUrls[i % 2]!;
      const created = await send(api, 'POST', '/complaints', 'agent', 'agent-li', intake(i), `cluster-intake-${i}-${started}`);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const number = created.body.number as string;
      for (const step of SIMPLE_PATH) {
        if (UPGRADE_FROM && i % 2 === 0 && step[0] === 'on-spot-resolution') await bothUpgraded;
        await actWhenReady((url, role, sub, body, key) => send(api, 'POST', url, role, sub, body, key), number, step);
      }
      return number;
    }

    // Spread over the whole fault sequence (about 35 s), so every fault meets complaints in flight.
    const window = UPGRADE_FROM ? 50_000 : 35_000;
    // A complaint that fails is reported after the fault sequence, not as an unhandled rejection midway.
    let firstFailure: unknown;
    const runs = Array.from({ length: COMPLAINTS }, (_, i) =>
      sleep(Math.round((i * window) / COMPLAINTS))
        .then(() => driveOne(i))
        .catch((err: unknown) => {
          firstFailure ??= err;
          return '';
        }),
    );
    const faults: string[] = [];
    await sleep(2_000);
    await cluster.kill('worker-1');
    faults.push('worker-1 SIGKILLed');
    await sleep(2_000);
    await cluster.restart('worker-1');
    await cluster.kill('api-1');
    faults.push('api-1 SIGKILLed');
    await sleep(3_000);
    await cluster.restart('api-1');
    await cluster.kill('temporal-history', 'SIGTERM');
    faults.push("Temporal's history service restarted");
    await cluster.restart('temporal-history');
    await cluster.restartPostgres(5_000);
    faults.push('PostgreSQL restarted (down 5 s)');
    if (UPGRADE_FROM) {
      await cluster.upgradeWorker('worker-1');
      faults.push(`worker-1 upgraded from ${UPGRADE_FROM} to this build`);
    }
    // From here until worker-2 is back, only worker-1 (on this build, when upgrading) takes tasks.
    const onlyNewBuildFrom = new Date();
    cluster.cutOff('worker-2');
    faults.push(`worker-2 cut off for ${FROZEN_MS / 1000} s (${cluster.isolation === 'netns' ? 'its host’s link down' : 'frozen: no network namespaces here'})`);
    await sleep(FROZEN_MS);
    cluster.reconnect('worker-2');
    if (UPGRADE_FROM) {
      await cluster.upgradeWorker('worker-2');
      faults.push('worker-2 upgraded to this build');
      upgraded();
    }
    const numbers = await Promise.all(runs);
    if (firstFailure) throw firstFailure;
    say(`${COMPLAINTS} complaints driven in ${Math.round((Date.now() - started) / 1000)} s through: ${faults.join('; ')}`);

    const database = openDatabase(cluster.databaseUrl, { max: 3 });
    try {
      // The outbox sweep's job, done now: claims left `sending` by the killed worker, rows left
      // `pending` or `retrying` by deliveries that gave up while PostgreSQL was down.
      const service = createNotificationService({ db: database.db, smtpUrl: smtp.url });
      let final = false;
      for (let pass = 0; pass < 40 && !final; pass++) {
        await markAbandonedDeliveries(database.db, new Date(), 30_000);
        await redriveStaleDeliveries(database.db, service, 3, new Date(), 5_000);
        const open = await database.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(inArray(notifications.status, ['pending', 'retrying', 'sending']));
        final = open[0]!.n === 0;
        if (!final) await sleep(1_000);
      }
      const stages = await database.db.select({ stage: complaints.stage, n: sql<number>`count(*)::int` }).from(complaints).where(inArray(complaints.number, numbers)).groupBy(complaints.stage);
      assert.deepEqual(stages, [{ stage: 'closed', n: COMPLAINTS }]);
      const events = await database.db
        .select({ number: timelineEvents.complaintNumber, seq: timelineEvents.seq, type: timelineEvents.type, at: timelineEvents.occurredAt })
        .from(timelineEvents)
        .where(inArray(timelineEvents.complaintNumber, numbers))
        .orderBy(asc(timelineEvents.complaintNumber), asc(timelineEvents.seq));
      let duplicates = 0;
      for (const number of numbers) {
        const mine = events.filter((e) => e.number === number);
        assert.deepEqual(mine.map((e) => e.seq), mine.map((_, i) => i), `${number}: a gap in the timeline`);
        assert.deepEqual(mine.map((e) => e.type), SIMPLE_PATH_EVENTS, number);
        duplicates += mine.length - new Set(mine.map((e) => e.type)).size;
      }
      const outbox = await database.db
        .select({ status: notifications.status, n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.channel, 'email'), inArray(notifications.complaintNumber, numbers)))
        .groupBy(notifications.status)
        .orderBy(notifications.status);
      // Started while the old build ran every worker, closed after only the new build did.
      const acrossUpgrade = numbers.filter((n) => {
        const mine = events.filter((e) => e.number === n);
        return mine[0]!.at < onlyNewBuildFrom && mine.some((e) => e.type === 'closed' && e.at > onlyNewBuildFrom);
      }).length;
      const failed = await database.db
        .select({ number: notifications.complaintNumber, kind: notifications.kind, error: notifications.lastError })
        .from(notifications)
        .where(and(eq(notifications.channel, 'email'), eq(notifications.status, 'failed'), inArray(notifications.complaintNumber, numbers)));
      for (const f of failed.slice(0, 5)) say(`failed e-mail: ${f.number} ${f.kind}: ${f.error}`);
      const sentTwice = smtp.messages.length - new Set(smtp.messages.map((m) => m.parsed.messageId)).size;

      // Every history replays against the workflow code.
      const connection = await Connection.connect({ address: cluster.temporalAddress });
      const { dataConverter } = complaintDataConverter(database.db, parsePayloadKey(cluster.secrets.payloadKey));
      const client = new Client({ connection, namespace: 'default', dataConverter });
      const histories = await Promise.all(numbers.map(async (n) => ({ workflowId: n, history: await client.workflow.getHandle(n).fetchHistory() })));
      const workflowBundle = await bundleWorkflowCode(complaintBundleOptions({ trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => say(m) } as never));
      let replayed = 0;
      const failures: string[] = [];
      for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter }, histories)) {
        replayed += 1;
        if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
      }
      await connection.close();

      say(
        `${numbers.length} complaints closed; ${events.length} timeline events, ${duplicates} duplicates; client retries ${retries}; ` +
          `e-mail outbox ${JSON.stringify(outbox)}; SMTP received ${smtp.messages.length}, sent twice ${sentTwice}; ` +
          `histories replayed ${replayed}, failed ${failures.length}` +
          (UPGRADE_FROM ? `; ${acrossUpgrade} complaints started on build ${UPGRADE_FROM} and finished on this one` : ''),
      );
      if (UPGRADE_FROM) assert.ok(acrossUpgrade > 0, 'no complaint ran across the upgrade');
      assert.equal(final, true, 'e-mails still pending after the faults');
      assert.equal(duplicates, 0);
      assert.equal(sentTwice, 0, 'an e-mail was sent twice');
      assert.deepEqual(failures, []);
    } finally {
      await database.close();
    }
  } finally {
    await cluster.stop();
    await smtp.close();
  }
}

function intake(i: number) {
  return {
    channel: 'hotline',
    complainant: { name: '王小明', phone: '+86 138 0013 8000', email: 'xiaoming@example.com', customerId: 'cust-1' },
    subject: { productName: '智能电饭煲 X1', sku: 'RC-X1' },
    description: `集群故障测试 ${i}：电饭煲无法加热`,
  };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    say(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
