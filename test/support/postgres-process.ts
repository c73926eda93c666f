/**
 * An embedded PostgreSQL cluster in a process of its own, so a test can stop it (SIGTERM: a clean
 * shutdown) and start it again on the same data directory. Prints `POSTGRES_READY <url>`.
 * Configured by env: PG_DATA_DIR, PG_PORT, PG_DATABASE.
 */
import { startEmbeddedPostgres } from '../../runtime/postgres';

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ dataDir: process.env.PG_DATA_DIR!, port: Number(process.env.PG_PORT), database: process.env.PG_DATABASE ?? 'faults', persistent: true });
  process.stdout.write(`POSTGRES_READY ${pg.url}\n`);
  const stop = () => {
    pg.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`postgres process failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
