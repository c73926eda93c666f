/**
 * `npm start`: the whole service on one machine, nothing installed by hand. PostgreSQL (embedded, or
 * DATABASE_URL), the Temporal dev server with its Web UI (or TEMPORAL_ADDRESS), the worker and the API.
 * Data lives under ./data, so complaints, timers and history are there again after a restart.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Client } from '@temporalio/client';
import { startApiServer, type ApiServerOptions } from '../api/server';
import { recordPolicyInForce } from '../api/write/audit';
import { ensureWorkspaceBuilt } from './build-web';
import { oidcSettingsFromEnv, verificationKeyFromEnv } from '../runtime/tokens';
import { seedCalendars } from '../db/calendars';
import { openDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { seedStaffIfEmpty, signInDirectory } from '../db/staff-directory';
import { startDevIdentityProvider } from '../runtime/dev-identity-provider';
import { createNotificationService, loadNotificationConfig } from '../notifications';
import { startOutboxSweep } from '../notifications/sweep';
import { loadRuntimeConfig } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { createPolicyProvider, loadPolicyOverrides } from '../runtime/policy';
import { parsePayloadKey, ServiceKeyring } from '../runtime/payload-codec';
import { complaintDataConverter, createDataKeyStore } from '../runtime/data-keys';
import { ensureRetentionSchedule } from '../runtime/retention-schedule';
import { ensureQualitySamplingSchedule } from '../runtime/quality-schedule';
import { DEFAULT_QUALITY_REVIEW } from '../domain/quality-review';
import { DEFAULT_RETENTION } from '../domain/retention';
import { startCodecServer } from '../runtime/codec-server';
import { createTrackingLinks, trackingKey } from '../runtime/tracking';
import { backfillFacts } from '../db/report-facts';
import { contactHashKey, createContactKeys } from '../runtime/contact-keys';
import { startEmbeddedPostgres, StartupError } from '../runtime/postgres';
import { connectClient, connectWorker, ensureSearchAttributes } from '../runtime/temporal-connection';
import { startTemporalDevServer } from '../runtime/temporal-dev-server';
import { createComplaintWorker, workerTuningFromEnv } from '../worker';

/** A per-installation secret kept with the data (the local JWT secret, the payload key). */
function localSecret(dataDir: string, name: string, make: () => string): string {
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, make(), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  // The SDK's own INFO lines (webpack bundling, worker states) would bury the URLs printed below.
  Runtime.install({ logger: new DefaultLogger(config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN') });
  const log = createLogger('start', config.logLevel);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const stops: { name: string; stop: () => Promise<unknown> }[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Some of what we wait for (native worker and server handles) does not hold the event loop open:
    // without this, Node could exit half-way and leave the dev server running.
    const keepAlive = setInterval(() => undefined, 1_000);
    for (const { name, stop } of stops.reverse()) {
      try {
        await Promise.race([stop(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 15 s')), 15_000))]);
        log.info(`${name} stopped`);
      } catch (err) {
        log.error({ err }, `${name} did not stop cleanly`);
      }
    }
    clearInterval(keepAlive);
    process.exit(code);
  };
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by npm/tsx),
  // and a second, unhandled SIGINT would kill it half-way through the shutdown.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      log.info('starting embedded PostgreSQL (data in %s)', path.join(config.dataDir, 'postgres'));
      const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: config.embeddedPostgresPort, database: 'complaints', persistent: true, log: (l) => log.warn(l) });
      stops.push({ name: 'PostgreSQL', stop: pg.stop });
      databaseUrl = pg.url;
    }
    const database = openDatabase(databaseUrl);
    stops.push({ name: 'database pool', stop: database.close });
    await runMigrations(database.db);
    await seedCalendars(database.db);
    const backfilled = await backfillFacts(database.db);
    if (backfilled > 0) log.info(`built the report facts of ${backfilled} complaints recorded before them`);
    const seeded = await seedStaffIfEmpty(database.db);
    if (seeded > 0) log.info(`seeded a demo staff directory of ${seeded} people (db/seed/staff.json)`);

    // Losing this key makes the histories of running complaints unreadable: it lives with the data.
    const payloadKey = config.payloadEncryptionKey ?? parsePayloadKey(localSecret(config.dataDir, 'payload-key', () => randomBytes(32).toString('base64')));

    let temporalAddress = config.temporalAddress;
    let uiUrl: string | undefined;
    let codecUrl: string | undefined;
    if (!temporalAddress) {
      // The embedded UI decodes payloads through a codec server on loopback (no credential locally).
      const keyring = new ServiceKeyring(payloadKey, config.previousPayloadKeys);
      const codec = await startCodecServer({
        key: keyring,
        // Read every time, so an erased complaint shows as erased at once.
        dataKeys: createDataKeyStore(database.db, keyring, { cacheMs: 0 }),
        namespace: config.temporalNamespace,
        allowedOrigins: [`http://localhost:${config.temporalUiPort}`, `http://127.0.0.1:${config.temporalUiPort}`],
        port: config.codecPort,
        host: '127.0.0.1',
        log: createLogger('codec', config.logLevel),
      });
      stops.push({ name: 'codec server', stop: codec.close });
      codecUrl = codec.url;
      log.info('starting the Temporal dev server (history in %s)', path.join(config.dataDir, 'temporal.db'));
      const server = await startTemporalDevServer({
        dbFilename: path.join(config.dataDir, 'temporal.db'),
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        namespace: config.temporalNamespace,
        log: (l) => log.info(l),
        uiCodecEndpoint: codecUrl,
      });
      stops.push({ name: 'Temporal dev server', stop: server.stop });
      temporalAddress = server.address;
      uiUrl = server.uiUrl;
    }
    const target = { address: temporalAddress, namespace: config.temporalNamespace, tls: config.temporalTls };
    const { dataConverter } = complaintDataConverter(database.db, new ServiceKeyring(payloadKey, config.previousPayloadKeys));
    const { connection } = await connectClient(target, dataConverter);
    stops.push({ name: 'Temporal client', stop: () => connection.close() });
    await ensureSearchAttributes(connection, config.temporalNamespace);

    const notificationConfig = loadNotificationConfig();
    const tracking = createTrackingLinks(trackingKey(payloadKey));
    const notifications = createNotificationService({ ...notificationConfig, db: database.db, trackingLinks: tracking });
    log.info(notificationConfig.describe());

    const workerConnection = await connectWorker(target);
    const worker = await createComplaintWorker({
      connection: workerConnection,
      namespace: config.temporalNamespace,
      taskQueue: config.taskQueue,
      db: database.db,
      notifications,
      dataConverter,
      tuning: workerTuningFromEnv(),
    });
    const running = worker.run();
    stops.push({
      name: 'worker',
      stop: async () => {
        // The SDK's runtime also reacts to SIGINT/SIGTERM and may already be draining the worker.
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await workerConnection.close();
      },
    });
    const stopSweep = startOutboxSweep(database.db, notifications, log);
    stops.push({ name: 'delivery sweep', stop: async () => stopSweep() });
    running.catch((err: unknown) => {
      log.error({ err }, 'worker failed');
      void shutdown(1);
    });

    if (!process.env.JWT_SECRET && !process.env.JWT_PUBLIC_KEY) process.env.JWT_SECRET = localSecret(config.dataDir, 'jwt-secret', () => randomBytes(32).toString('hex'));
    // The API starts workflows through the worker's own connection, so that EAGER_WORKFLOW_START=true
    // can have the server hand each new complaint's first task to this worker in the start's answer.
    // Off by default: measured in one process on 2 cores it cut a burst's intake rate from 89 to 54/s
    // (bench/RESULTS.md), because the API then waits while its own process runs the first task.
    // Staff sign in with the company's OpenID provider (OIDC_ISSUER), or else with the embedded one,
    // whose development sign-in lists the staff directory.
    const companyProvider = oidcSettingsFromEnv();
    let oidc: NonNullable<ApiServerOptions['oidc']>;
    if (companyProvider) oidc = { ...companyProvider, clientId: process.env.OIDC_CLIENT_ID || undefined };
    else {
      const provider = await startDevIdentityProvider({
        port: config.oidcDevPort,
        directory: signInDirectory(database.db),
        redirectUris: ['localhost', '127.0.0.1'].flatMap((host) => [`http://${host}:${config.apiPort}/signin`, `http://${host}:${config.apiPort}/app/`]),
        dataDir: config.dataDir,
      });
      stops.push({ name: 'sign-in provider', stop: provider.close });
      oidc = { issuer: provider.issuer, audience: provider.audience, embedded: true };
    }
    await ensureWorkspaceBuilt({ log: (line) => log.info(line) });
    const policyOverrides = loadPolicyOverrides();
    if (await recordPolicyInForce(database.db, policyOverrides)) log.info('the policy in force is recorded in the audit trail');
    const policy = createPolicyProvider(database.db, policyOverrides);
    const apiClient = new Client({ connection: workerConnection, namespace: config.temporalNamespace, dataConverter });
    const api = await startApiServer({
      db: database.db,
      client: apiClient,
      eagerStart: process.env.EAGER_WORKFLOW_START === 'true',
      taskQueue: config.taskQueue,
      port: config.apiPort,
      log: createLogger('api', config.logLevel),
      verification: verificationKeyFromEnv(),
      oidc,
      temporalUi: uiUrl ? { url: uiUrl, namespace: config.temporalNamespace } : process.env.TEMPORAL_UI_URL ? { url: process.env.TEMPORAL_UI_URL, namespace: config.temporalNamespace } : undefined,
      policy,
      tracking,
      contactKeys: createContactKeys(contactHashKey(payloadKey)),
    });
    stops.push({ name: 'API', stop: api.close });
    const inForce = await policy();
    await ensureRetentionSchedule(apiClient, config.taskQueue, inForce.retention ?? DEFAULT_RETENTION);
    await ensureQualitySamplingSchedule(apiClient, config.taskQueue, inForce.qualityReview ?? DEFAULT_QUALITY_REVIEW, inForce.calendar.utcOffsetMinutes);

    const lines = [
      '',
      'Complaint service is running.',
      `  Workspace    ${api.url}/app/   (staff: sign in, my work, cases, new complaints)`,
      `  API          ${api.url}   (docs: ${api.url}/docs)`,
      `  Sign in      ${api.url}/signin   (${oidc.embedded ? `development sign-in: pick a person of the staff directory; provider ${oidc.issuer}` : `provider ${oidc.issuer}`})`,
      uiUrl ? `  Temporal UI  ${uiUrl}   (payloads decoded by the codec server ${codecUrl})` : `  Temporal     ${temporalAddress} (external)`,
      `  PostgreSQL   ${config.databaseUrl ? 'DATABASE_URL' : `embedded, port ${config.embeddedPostgresPort}`}`,
      '  Token        npm run token -- --role agent --sub agent-li',
      'Press Ctrl-C to stop.',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } catch (err) {
    if (err instanceof StartupError) process.stderr.write(`\n${err.message}\n\n`);
    else log.error({ err }, 'start failed');
    await shutdown(1);
  }
}

void main();
