/**
 * `npm run cluster`: the service as a company deploys it, on this machine — Temporal's real server
 * (built with Go, runtime/temporal-server.ts) on PostgreSQL for both stores with its own database
 * user, its four services (frontend, history, matching, worker) as separate processes, the schemas
 * set up by Temporal's schema tool, the project's search attributes registered; two service workers,
 * two API processes, the codec server and the Temporal Web UI server. Ctrl-C stops everything, in
 * reverse order. `--smoke` starts it, files a complaint through one API, reads it acknowledged
 * through the other, checks both workers' health, and stops (exit code 0 when all held).
 *
 * Everything lives in one folder (`CLUSTER_DIR`, default `.data/cluster`): PostgreSQL's data, the
 * rendered configuration, the generated secrets (never committed) and each process's log.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { seedCalendars } from '../db/calendars';
import { openDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { seedStaffIfEmpty } from '../db/staff-directory';
import { startEmbeddedPostgres, StartupError } from '../runtime/postgres';
import { provisionTemporalCli } from '../runtime/temporal-cli';
import { connectClient, ensureSearchAttributes } from '../runtime/temporal-connection';
import { provisionTemporalServer } from '../runtime/temporal-server';
import { mintToken } from '../runtime/tokens';

const ROOT = path.join(__dirname, '..');
const DIR = path.resolve(process.env.CLUSTER_DIR ?? path.join(ROOT, '.data', 'cluster'));
const NAMESPACE = 'default';

/** Loopback ports of the cluster, one place (the README lists them). */
export const CLUSTER_PORTS = {
  postgres: 55433,
  frontend: 17233,
  frontendHttp: 17243,
  frontendMembership: 16933,
  history: 17234,
  historyMembership: 16934,
  matching: 17235,
  matchingMembership: 16935,
  temporalWorker: 17239,
  temporalWorkerMembership: 16939,
  ui: 18080,
  codec: 18888,
  apis: [3001, 3002],
  workerHealth: [18081, 18082],
} as const;

/** In start order; each is up once its membership (ringpop) port listens. */
const TEMPORAL_SERVICES = [
  { name: 'history', membershipPort: CLUSTER_PORTS.historyMembership },
  { name: 'matching', membershipPort: CLUSTER_PORTS.matchingMembership },
  { name: 'frontend', membershipPort: CLUSTER_PORTS.frontendMembership },
  { name: 'worker', membershipPort: CLUSTER_PORTS.temporalWorkerMembership },
] as const;

const log = (line: string) => process.stdout.write(`cluster: ${line}\n`);

export interface Secrets {
  temporalDbPassword: string;
  appDbPassword: string;
  payloadKey: string;
  jwtSecret: string;
}

/** Generated once and kept with the data (running complaints' histories need the payload key). */
function secrets(): Secrets {
  const file = path.join(DIR, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
  const made: Secrets = {
    temporalDbPassword: randomBytes(18).toString('base64url'),
    appDbPassword: randomBytes(18).toString('base64url'),
    payloadKey: randomBytes(32).toString('base64'),
    jwtSecret: randomBytes(32).toString('hex'),
  };
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(made, null, 2), { mode: 0o600 });
  return made;
}

/** Fills `${NAME}` from `values`; a name left unfilled is a mistake in the template. */
function render(template: string, values: Record<string, string | number>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`deploy/cluster: no value for \${${name}}`);
    return String(values[name]);
  });
}

interface ClusterProcess {
  name: string;
  child: ChildProcess;
  spec: { command: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string };
}
const children: ClusterProcess[] = [];
/** Processes a fault run kills on purpose: their exit is not news. */
const expectedExits = new Set<ChildProcess>();

function spawnLogged(name: string, spec: ClusterProcess['spec']): ChildProcess {
  fs.mkdirSync(path.join(DIR, 'logs'), { recursive: true });
  const out = fs.openSync(path.join(DIR, 'logs', `${name}.log`), 'a');
  // Marks where this start's lines begin (readyLine reads only after it).
  fs.writeSync(out, `\n--- cluster-start ${new Date().toISOString()} ${spec.cwd === ROOT ? 'this checkout' : spec.cwd}\n`);
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.on('exit', (code, signal) => {
    if (!stopping && !expectedExits.has(child)) log(`${name} exited (${signal ?? code}); its log: ${path.join(DIR, 'logs', `${name}.log`)}`);
  });
  return child;
}

function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): ChildProcess {
  const spec = { command, args, env, cwd };
  const child = spawnLogged(name, spec);
  children.push({ name, child, spec });
  return child;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s (logs in ${path.join(DIR, 'logs')})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Whether something accepts TCP connections on a loopback port. */
function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Temporal's own database user and databases, and the application's, each owned by its user. */
async function createDatabases(adminUrl: string, s: Secrets): Promise<void> {
  const pg = new PgClient({ connectionString: adminUrl });
  await pg.connect();
  try {
    for (const [role, password, databases] of [
      ['temporal', s.temporalDbPassword, ['temporal', 'temporal_visibility']],
      // Not `complaints`: that is embedded PostgreSQL's superuser (runtime/postgres.ts).
      ['complaints_app', s.appDbPassword, ['complaints']],
    ] as const) {
      const exists = await pg.query('select 1 from pg_roles where rolname = $1', [role]);
      // Identifiers are fixed names above; the password is quoted as a literal.
      await pg.query(`${exists.rowCount === 0 ? 'create' : 'alter'} role ${role} login password ${pg.escapeLiteral(password)}`);
      for (const db of databases) {
        const has = await pg.query('select 1 from pg_database where datname = $1', [db]);
        if (has.rowCount === 0) await pg.query(`create database ${db} owner ${role}`);
      }
    }
  } finally {
    await pg.end();
  }
}

/** Temporal's schema tool: the initial version, then every versioned step (idempotent). */
function setUpSchemas(sqlTool: string, schemaDir: string, s: Secrets): void {
  for (const [database, folder] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const common = ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(CLUSTER_PORTS.postgres), '-u', 'temporal', '--pw', s.temporalDbPassword, '--db', database];
    const setup = spawnSync(sqlTool, [...common, 'setup-schema', '-v', '0.0'], { encoding: 'utf8' });
    // On a second start the schema is there: setup refuses, the update below has nothing to do.
    if (setup.status !== 0 && !/already exists/.test(setup.stderr + setup.stdout)) throw new Error(`schema setup of ${database} failed:\n${setup.stderr}`);
    const update = spawnSync(sqlTool, [...common, 'update-schema', '-d', path.join(schemaDir, folder, 'versioned')], { encoding: 'utf8' });
    if (update.status !== 0) throw new Error(`schema update of ${database} failed:\n${update.stderr}`);
  }
  log('Temporal schemas set up (default and visibility stores, PostgreSQL)');
}

let stopping = false;
let stopPostgres: (() => Promise<void>) | undefined;

async function stopAll(code: number, exit = true): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  log('stopping…');
  for (const { name, child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    // A frozen process would never see the SIGTERM.
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const exited = await Promise.race([new Promise((r) => child.once('exit', () => r(true))), new Promise((r) => setTimeout(() => r(false), 15_000))]);
    if (!exited) {
      log(`${name} did not stop in 15 s; killing it`);
      child.kill('SIGKILL');
    }
  }
  await stopPostgres?.();
  if (namespacesMade) removeNamespaces();
  log('stopped');
  if (exit) process.exit(code);
  return undefined as never;
}

/** A running cluster, for the command line and for the fault run (scripts/cluster-faults.ts). */
export interface Cluster {
  apiUrls: string[];
  temporalAddress: string;
  databaseUrl: string;
  secrets: Secrets;
  /** Ends a process at once (SIGKILL), or as asked; it stays down until `restart`. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a process again as it was first started, and waits until it is up. */
  restart(name: string): Promise<void>;
  /** Stops PostgreSQL (every process loses its database) and starts it again after `downMs`. */
  restartPostgres(downMs: number): Promise<void>;
  /** Freezes a process (SIGSTOP) and lets it go on (SIGCONT): cut off, then back. */
  freeze(name: string): void;
  thaw(name: string): void;
  /** How the workers are separated: network namespaces, or loopback (a cut is then a frozen process). */
  isolation: 'netns' | 'loopback';
  /** Cuts a service worker off the network (its link down; on loopback: frozen), and lets it back. */
  cutOff(name: string): void;
  reconnect(name: string): void;
  /** Replaces a service worker with this checkout's build: stopped gracefully, started, healthy. */
  upgradeWorker(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** An earlier build of the service, checked out from git into the cluster's folder (sharing node_modules). */
function checkoutBuild(rev: string): string {
  const commit = spawnSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  if (!commit) throw new Error(`no git revision ${rev}`);
  const dir = path.join(DIR, 'builds', commit.slice(0, 12));
  if (!fs.existsSync(path.join(dir, 'worker.ts'))) {
    fs.mkdirSync(dir, { recursive: true });
    const archive = spawnSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT, encoding: 'utf8' });
    if (archive.status !== 0) throw new Error(`could not check out ${rev}: ${archive.stderr}`);
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  }
  log(`service workers start from build ${commit.slice(0, 12)} (${rev})`);
  return dir;
}

export interface ClusterOptions {
  /** Extra environment for the service workers and APIs (e.g. SMTP_URL, POLICY_JSON). */
  serviceEnv?: NodeJS.ProcessEnv;
  /**
   * The service workers start from this git revision (an earlier build), for a rolling upgrade:
   * `upgradeWorker` then replaces each with this checkout's build.
   */
  workerBuild?: string;
  /**
   * Each service worker on a "host" of its own: a network namespace joined to this machine by a veth
   * pair, so a worker can be cut off the network and let back. Falls back to loopback (with a note)
   * where namespaces cannot be made (not root).
   */
  netns?: boolean;
}

/**
 * The processes that run on a host of their own when namespaces can be made: a network namespace
 * joined to this machine by a veth pair (this machine's end .1, the process's .2), with this machine
 * forwarding between them. PostgreSQL, the codec and the Web UI server stay on this machine's host.
 */
const HOSTED = ['temporal-history', 'temporal-matching', 'temporal-frontend', 'temporal-worker', 'worker-1', 'worker-2', 'api-1', 'api-2'] as const;
const HOSTS: Record<string, { ns: string; link: string; hostIp: string; ip: string }> = Object.fromEntries(
  HOSTED.map((name, i) => [name, { ns: `cs-${name}`, link: `csl${i + 1}`, hostIp: `10.231.${i + 1}.1`, ip: `10.231.${i + 1}.2` }]),
);
let namespacesMade = false;

function ip(args: string[]): boolean {
  return spawnSync('ip', args, { stdio: 'ignore' }).status === 0;
}

function removeNamespaces(): void {
  for (const h of Object.values(HOSTS)) ip(['netns', 'del', h.ns]);
}

/** The hosts, made afresh; false (and nothing left behind) where the machine does not allow it. */
function makeNamespaces(): boolean {
  removeNamespaces();
  // A run that crashed may have left this machine's ends of the links behind.
  for (const h of Object.values(HOSTS)) ip(['link', 'del', `${h.link}-h`]);
  try {
    fs.writeFileSync('/proc/sys/net/ipv4/ip_forward', '1');
  } catch {
    return false;
  }
  for (const h of Object.values(HOSTS)) {
    const ok =
      ip(['netns', 'add', h.ns]) &&
      ip(['link', 'add', `${h.link}-h`, 'type', 'veth', 'peer', 'name', `${h.link}-n`]) &&
      ip(['link', 'set', `${h.link}-n`, 'netns', h.ns]) &&
      ip(['addr', 'add', `${h.hostIp}/24`, 'dev', `${h.link}-h`]) &&
      ip(['link', 'set', `${h.link}-h`, 'up']) &&
      ip(['netns', 'exec', h.ns, 'ip', 'addr', 'add', `${h.ip}/24`, 'dev', `${h.link}-n`]) &&
      ip(['netns', 'exec', h.ns, 'ip', 'link', 'set', `${h.link}-n`, 'up']) &&
      ip(['netns', 'exec', h.ns, 'ip', 'link', 'set', 'lo', 'up']) &&
      // The other hosts are reached through this machine.
      ip(['netns', 'exec', h.ns, 'ip', 'route', 'add', 'default', 'via', h.hostIp]);
    if (!ok) {
      removeNamespaces();
      return false;
    }
  }
  return true;
}

/** Where a process is reached: its own host, or loopback. */
const addressOf = (name: string) => (namespacesMade && HOSTS[name] ? HOSTS[name].ip : '127.0.0.1');
/** Where a process reaches this machine's host (PostgreSQL, the mail server): over its link, or loopback. */
const hostSeenFrom = (name: string) => (namespacesMade && HOSTS[name] ? HOSTS[name].hostIp : '127.0.0.1');

/** Starts a process on its host: in its namespace with this machine's loopback addresses turned into its link's. */
function startOnHost(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): ChildProcess {
  const host = namespacesMade ? HOSTS[name] : undefined;
  if (!host) return startProcess(name, command, args, env, cwd);
  const remote = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v?.replaceAll('127.0.0.1', host.hostIp)]));
  return startProcess(name, 'ip', ['netns', 'exec', host.ns, command, ...args], remote, cwd);
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const cluster = await startCluster();
  log('Ctrl-C stops everything.');
  if (smoke) await stopAll((await smokeTest(cluster.secrets)) ? 0 : 1);
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  fs.mkdirSync(DIR, { recursive: true });
  // Whatever ends this process (a crash included) ends the cluster's processes and hosts with it.
  process.once('exit', () => {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (namespacesMade) removeNamespaces();
  });
  const s = secrets();
  const binaries = await provisionTemporalServer(log);
  const cli = await provisionTemporalCli(log);
  if (cli.kind !== 'path') throw new Error('the cluster needs the Temporal CLI (to create the namespace); install Go');

  namespacesMade = options.netns === true && makeNamespaces();
  if (options.netns && !namespacesMade) log('network namespaces cannot be made here (needs root and iproute2): every process shares loopback, and a cut-off is a frozen process');
  const allowHosts = namespacesMade ? ['10.231.0.0/16'] : undefined;
  let pg = await startEmbeddedPostgres({ dataDir: path.join(DIR, 'postgres'), port: CLUSTER_PORTS.postgres, database: 'postgres', persistent: true, log, allowHosts });
  stopPostgres = pg.stop;
  await createDatabases(pg.adminUrl, s);
  setUpSchemas(binaries.sqlTool, binaries.postgresSchemaDir, s);
  const appUrl = `postgres://complaints_app:${encodeURIComponent(s.appDbPassword)}@127.0.0.1:${CLUSTER_PORTS.postgres}/complaints`;
  const app = openDatabase(appUrl);
  await runMigrations(app.db);
  await seedCalendars(app.db);
  await seedStaffIfEmpty(app.db);
  await app.close();

  // Temporal's server: one rendered configuration, four processes.
  const configDir = path.join(DIR, 'temporal', 'config');
  fs.mkdirSync(configDir, { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'deploy', 'temporal', 'dynamicconfig.yaml'), path.join(DIR, 'temporal', 'dynamicconfig.yaml'));
  const template = fs.readFileSync(path.join(ROOT, 'deploy', 'cluster', 'temporal.yaml'), 'utf8');
  // One after the other: the first to start writes the cluster's metadata record, and services
  // started at the same instant race to write it and fail.
  for (const service of TEMPORAL_SERVICES) {
    const name = `temporal-${service.name}`;
    fs.writeFileSync(
      path.join(configDir, `cluster-${service.name}.yaml`),
      render(template, {
        PG_HOST: hostSeenFrom(name),
        PG_PORT: CLUSTER_PORTS.postgres,
        TEMPORAL_DB_PASSWORD: s.temporalDbPassword,
        BROADCAST: addressOf(name),
        BIND: addressOf(name),
        FRONTEND_HOST: addressOf('temporal-frontend'),
        FRONTEND_PORT: CLUSTER_PORTS.frontend,
        FRONTEND_HTTP_PORT: CLUSTER_PORTS.frontendHttp,
        FRONTEND_MEMBERSHIP_PORT: CLUSTER_PORTS.frontendMembership,
        HISTORY_PORT: CLUSTER_PORTS.history,
        HISTORY_MEMBERSHIP_PORT: CLUSTER_PORTS.historyMembership,
        MATCHING_PORT: CLUSTER_PORTS.matching,
        MATCHING_MEMBERSHIP_PORT: CLUSTER_PORTS.matchingMembership,
        WORKER_PORT: CLUSTER_PORTS.temporalWorker,
        WORKER_MEMBERSHIP_PORT: CLUSTER_PORTS.temporalWorkerMembership,
        DYNAMIC_CONFIG: path.join(DIR, 'temporal', 'dynamicconfig.yaml'),
      }),
      { mode: 0o600 },
    );
    startOnHost(name, binaries.server, ['--root', path.join(DIR, 'temporal'), '--config', 'config', '--env', `cluster-${service.name}`, '--allow-no-auth', 'start', '--service', service.name], {});
    await waitFor(`Temporal ${service.name} service`, () => listening(service.membershipPort, addressOf(name)));
  }
  const address = `${addressOf('temporal-frontend')}:${CLUSTER_PORTS.frontend}`;
  await waitFor('Temporal frontend', async () => spawnSync(cli.path, ['operator', 'cluster', 'health', '--address', address], { encoding: 'utf8' }).stdout.includes('SERVING'));
  const created = spawnSync(cli.path, ['operator', 'namespace', 'create', '--namespace', NAMESPACE, '--retention', '30d', '--address', address], { encoding: 'utf8' });
  if (created.status !== 0 && !/already/i.test(created.stderr + created.stdout)) throw new Error(`namespace create failed: ${created.stderr}`);
  await waitFor('the namespace', async () => spawnSync(cli.path, ['operator', 'namespace', 'describe', '--namespace', NAMESPACE, '--address', address]).status === 0);
  const { connection } = await connectClient({ address, namespace: NAMESPACE });
  const added = await ensureSearchAttributes(connection, NAMESPACE);
  await connection.close();
  log(`Temporal server up: 4 services; search attributes ${added.length > 0 ? `registered (${added.length})` : 'present'}`);

  // The service: two workers, two APIs, the codec server, the Web UI server.
  // Node itself with tsx's loader, not the tsx command: a SIGKILL must reach the process that polls,
  // not a wrapper whose child would live on as an orphan.
  const node = (script: string): [string, string[]] => [process.execPath, ['--import', 'tsx', script]];
  const serviceEnv = {
    DATABASE_URL: appUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    PAYLOAD_ENCRYPTION_KEY: s.payloadKey,
    JWT_SECRET: s.jwtSecret,
    TEMPORAL_UI_URL: `http://127.0.0.1:${CLUSTER_PORTS.ui}`,
    PUBLIC_BASE_URL: `http://127.0.0.1:${CLUSTER_PORTS.apis[0]}`,
    ...options.serviceEnv,
  };
  const workerDir = options.workerBuild ? checkoutBuild(options.workerBuild) : ROOT;
  CLUSTER_PORTS.workerHealth.forEach((port, i) =>
    startOnHost(`worker-${i + 1}`, ...node('worker.ts'), { ...serviceEnv, WORKER_HEALTH_PORT: String(port), WORKER_READY_LINE: 'true' }, workerDir),
  );
  CLUSTER_PORTS.apis.forEach((port, i) => startOnHost(`api-${i + 1}`, ...node('api/server.ts'), { ...serviceEnv, PORT: String(port) }));
  // The operator's codec on loopback without a credential, as under `npm start`; compose runs it with sign-in.
  startProcess('codec', ...node('runtime/codec-server.ts'), { ...serviceEnv, CODEC_AUTH: 'none', CODEC_PORT: String(CLUSTER_PORTS.codec), CODEC_HOST: '127.0.0.1', CODEC_ALLOWED_ORIGINS: `http://127.0.0.1:${CLUSTER_PORTS.ui}` });
  const uiConfig = path.join(DIR, 'ui', 'config');
  fs.mkdirSync(uiConfig, { recursive: true });
  fs.writeFileSync(path.join(uiConfig, 'base.yaml'), 'enableUi: true\n');
  fs.writeFileSync(
    path.join(uiConfig, 'cluster.yaml'),
    [
      `temporalGrpcAddress: ${address}`,
      'host: 127.0.0.1',
      `port: ${CLUSTER_PORTS.ui}`,
      'enableUi: true',
      `defaultNamespace: ${NAMESPACE}`,
      'cors:',
      '  allowOrigins:',
      `    - http://127.0.0.1:${CLUSTER_PORTS.ui}`,
      'codec:',
      `  endpoint: http://127.0.0.1:${CLUSTER_PORTS.codec}`,
      '',
    ].join('\n'),
  );
  startProcess('temporal-ui', binaries.uiServer, ['--root', path.join(DIR, 'ui'), '--config', 'config', '--env', 'cluster', 'start']);

  for (const name of Object.keys(READY)) await waitFor(name, READY[name]!);
  log(
    [
      'running:',
      `  Temporal frontend  ${address} (history, matching and worker services beside it)`,
      `  APIs               ${apiUrls().join('  ')}`,
      `  workers            health ${CLUSTER_PORTS.workerHealth.map((p, i) => `http://${addressOf(`worker-${i + 1}`)}:${p}/healthz`).join('  ')}`,
      ...(namespacesMade ? ['  hosts              each Temporal service, worker and API on a network namespace of its own (10.231.N.2)'] : []),
      `  Temporal Web UI    http://127.0.0.1:${CLUSTER_PORTS.ui} (codec http://127.0.0.1:${CLUSTER_PORTS.codec})`,
      `  PostgreSQL         127.0.0.1:${CLUSTER_PORTS.postgres} (databases temporal, temporal_visibility, complaints)`,
      `  data, secrets, logs ${DIR}`,
    ].join('\n'),
  );
  const find = (name: string) => {
    const found = children.find((c) => c.name === name);
    if (!found) throw new Error(`no cluster process ${name}`);
    return found;
  };
  return {
    apiUrls: apiUrls(),
    temporalAddress: address,
    databaseUrl: appUrl,
    secrets: s,
    async kill(name, signal = 'SIGKILL') {
      const { child } = find(name);
      expectedExits.add(child);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
    async restart(name) {
      const entry = find(name);
      entry.child = spawnLogged(name, entry.spec);
      const temporal = TEMPORAL_SERVICES.find((t) => `temporal-${t.name}` === name);
      await waitFor(name, temporal ? () => listening(temporal.membershipPort, addressOf(name)) : (READY[name] ?? (async () => true)));
    },
    async restartPostgres(downMs) {
      await pg.stop();
      await new Promise((r) => setTimeout(r, downMs));
      const again = await startEmbeddedPostgres({ dataDir: path.join(DIR, 'postgres'), port: CLUSTER_PORTS.postgres, database: 'postgres', persistent: true, log, allowHosts });
      stopPostgres = again.stop;
      pg = again;
    },
    async upgradeWorker(name) {
      const entry = find(name);
      expectedExits.add(entry.child);
      const exited = new Promise((r) => entry.child.once('exit', r));
      // Graceful: the worker finishes the tasks it holds, then exits.
      entry.child.kill('SIGTERM');
      await exited;
      entry.spec = { ...entry.spec, cwd: ROOT };
      entry.child = spawnLogged(name, entry.spec);
      await waitFor(`${name} on the new build`, READY[name]!);
    },
    isolation: namespacesMade ? 'netns' : 'loopback',
    cutOff(name) {
      if (namespacesMade && HOSTS[name]) ip(['link', 'set', `${HOSTS[name].link}-h`, 'down']);
      else find(name).child.kill('SIGSTOP');
    },
    reconnect(name) {
      if (namespacesMade && HOSTS[name]) ip(['link', 'set', `${HOSTS[name].link}-h`, 'up']);
      else find(name).child.kill('SIGCONT');
    },
    freeze: (name) => void find(name).child.kill('SIGSTOP'),
    thaw: (name) => void find(name).child.kill('SIGCONT'),
    stop: () => stopAll(0, false),
  };
}

/** Whether the last start of a process wrote WORKER_READY to its log. */
function readyLine(name: string): boolean {
  const file = path.join(DIR, 'logs', `${name}.log`);
  if (!fs.existsSync(file)) return false;
  const text = fs.readFileSync(file, 'utf8');
  return text.lastIndexOf('WORKER_READY') > text.lastIndexOf('cluster-start');
}

const apiUrls = () => CLUSTER_PORTS.apis.map((p, i) => `http://${addressOf(`api-${i + 1}`)}:${p}`);

/** When each of the service's processes is up. */
const READY: Record<string, () => Promise<boolean>> = {
  ...Object.fromEntries(
    CLUSTER_PORTS.workerHealth.map((port, i) => [
      `worker-${i + 1}`,
      // The health endpoint; an earlier build without one says WORKER_READY in its log.
      async () => (await fetch(`http://${addressOf(`worker-${i + 1}`)}:${port}/healthz`).then((r) => r.ok).catch(() => false)) || readyLine(`worker-${i + 1}`),
    ]),
  ),
  ...Object.fromEntries(CLUSTER_PORTS.apis.map((port, i) => [`api-${i + 1}`, async () => (await fetch(`http://${addressOf(`api-${i + 1}`)}:${port}/readyz`)).ok])),
  codec: async () => (await fetch(`http://127.0.0.1:${CLUSTER_PORTS.codec}/healthz`)).ok,
  'temporal-ui': async () => (await fetch(`http://127.0.0.1:${CLUSTER_PORTS.ui}/`)).ok,
};

/** One complaint in through the first API, read acknowledged through the second. */
async function smokeTest(s: Secrets): Promise<boolean> {
  const token = await mintToken(s.jwtSecret, { sub: 'agent-li', role: 'agent' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const [first, second] = apiUrls();
  const filed = await fetch(`${first}/complaints`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ channel: 'hotline', complainant: { name: '集群测试', phone: '13800000000' }, subject: { productName: '电饭煲' }, description: '集群冒烟测试：加热故障' }),
  });
  if (filed.status !== 201) {
    log(`smoke: intake answered ${filed.status}`);
    return false;
  }
  const { number } = (await filed.json()) as { number: string };
  await waitFor(`complaint ${number} acknowledged`, async () => {
    const res = await fetch(`${second}/complaints/${number}`, { headers });
    return res.ok && ((await res.json()) as { state: { stage: string } }).state.stage === 'acknowledged';
  }, 60_000);
  log(`smoke: ${number} filed through ${first}, acknowledged as read through ${second}; both workers healthy`);
  return true;
}

if (require.main === module) {
  main().catch(async (err: unknown) => {
    log(err instanceof StartupError || err instanceof Error ? err.message : String(err));
    await stopAll(1);
  });
}
