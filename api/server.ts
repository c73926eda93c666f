/**
 * The HTTP API process. `npm run api` serves against DATABASE_URL and TEMPORAL_ADDRESS (production);
 * `npm start` calls `startApiServer` in-process next to the embedded services.
 */
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { openDatabase, type Database } from '../db/client';
import { assertSchemaCurrent } from '../db/migrate';
import { loadRuntimeConfig } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { createReplanner } from './write/replan';
import { createPrivacyService } from './write/privacy';
import { createNotificationService } from '../notifications';
import { ensureRetentionSchedule } from '../runtime/retention-schedule';
import { ensureQualitySamplingSchedule } from '../runtime/quality-schedule';
import { DEFAULT_QUALITY_REVIEW } from '../domain/quality-review';
import { DEFAULT_RETENTION } from '../domain/retention';
import { createPolicyProvider, loadPolicyOverrides, type PolicyProvider } from '../runtime/policy';
import { ServiceKeyring } from '../runtime/payload-codec';
import { complaintDataConverter } from '../runtime/data-keys';
import { connectClient, ensureSearchAttributes } from '../runtime/temporal-connection';
import { createTrackingLinks, trackingKey, type TrackingLinks } from '../runtime/tracking';
import { contactHashKey, createContactKeys, type ContactKeys } from '../runtime/contact-keys';
import { createApp } from './http/app';
import { createTokenVerifier, oidcSettingsFromEnv, verificationKeyFromEnv, type OidcSettings, type VerificationKey } from '../runtime/tokens';
import { createIdentityResolver } from './read/identity';
import { recordAudit, recordPolicyInForce } from './write/audit';
import type { Authentication } from './http/auth';
import { WORKSPACE_CLIENT_ID } from '../runtime/dev-identity-provider';
import { createIntake } from './write/intake';
import { createReadModel } from './read/read-model';
import { createWorkflowGateway } from './workflow-gateway';
import { sql } from 'drizzle-orm';

export interface ApiServerOptions {
  db: Database;
  client: Client;
  taskQueue: string;
  port: number;
  log: Logger;
  /** The service's own token key (tests, scripts, a customer portal's backend). */
  verification: VerificationKey;
  /** The Temporal Web UI (links from the workspace's stuck cases). */
  temporalUi?: { url: string; namespace: string };
  /** The organisation's OpenID provider, whose access tokens staff sign in with. */
  oidc?: OidcSettings & { clientId?: string; embedded?: boolean };
  policy: PolicyProvider;
  /** How often to start workflows whose start was interrupted; 0 disables the sweep. */
  sweepIntervalMs?: number;
  /** Tracking links (customers without an account); without, intake returns none and /track answers 404. */
  tracking?: TrackingLinks;
  /** Keyed hashes of complainants' phone and e-mail, for repeat detection without contact data. */
  contactKeys?: ContactKeys;
  /** The client shares its NativeConnection with a worker in this process: intake asks for eager start. */
  eagerStart?: boolean;
}

export interface RunningApi {
  url: string;
  server: Server;
  /** Stops accepting, lets in-flight requests finish, stops the sweep. */
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const intake = createIntake({ db: options.db, client: options.client, taskQueue: options.taskQueue, policy: options.policy, log: options.log, tracking: options.tracking, contactKeys: options.contactKeys, eagerStart: options.eagerStart });
  const readModel = createReadModel(options.db);
  const workflows = createWorkflowGateway({ client: options.client, readModel, log: options.log });
  const replanner = createReplanner({ db: options.db, client: options.client, policy: options.policy, log: options.log });
  const privacy = createPrivacyService({ db: options.db, client: options.client, taskQueue: options.taskQueue, policy: options.policy, contactKeys: options.contactKeys });
  const refusalsRecorded = new Map<string, number>();
  const authentication: Authentication = {
    verify: createTokenVerifier({ local: options.verification, oidc: options.oidc }),
    identify: createIdentityResolver(options.db),
    // One audit row per refused identity and reason every 10 minutes: a client retrying in a loop
    // must not fill the trail.
    async onRefused(claims, refusal) {
      const key = `${claims.issuer} ${claims.subject} ${refusal}`;
      const last = refusalsRecorded.get(key);
      if (last !== undefined && Date.now() - last < 10 * 60_000) return;
      if (refusalsRecorded.size > 10_000) refusalsRecorded.clear();
      refusalsRecorded.set(key, Date.now());
      await recordAudit(options.db, { actor: { id: `${claims.issuer} ${claims.subject}` }, action: 'sign_in_refused', subject: claims.subject, reason: refusal, after: claims.claimedRole ? { claimedRole: claims.claimedRole } : null });
      options.log.warn({ issuer: claims.issuer, refusal }, 'sign-in refused');
    },
  };
  const app = createApp({
    db: options.db,
    intake,
    readModel,
    workflows,
    replanner,
    privacy,
    notifications: createNotificationService({ db: options.db, trackingLinks: options.tracking }),
    policy: options.policy,
    tracking: options.tracking,
    authentication,
    temporalUi: options.temporalUi,
    signIn: options.oidc ? { issuer: options.oidc.issuer, clientId: options.oidc.clientId ?? WORKSPACE_CLIENT_ID, resource: options.oidc.audience, embedded: options.oidc.embedded ?? false } : undefined,
    log: options.log,
    readiness: {
      postgres: () => options.db.execute(sql`select 1`),
      temporal: () => options.client.workflowService.getSystemInfo({}),
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(options.port, () => resolve(s));
  });
  const sweep = async () => {
    try {
      const started = await intake.startPendingWorkflows();
      if (started > 0) options.log.warn({ started }, 'started workflows of complaints whose start had been interrupted');
    } catch (err) {
      options.log.error({ err }, 'pending-start sweep failed');
    }
  };
  await sweep();
  const interval = options.sweepIntervalMs === 0 ? undefined : setInterval(() => void sweep(), options.sweepIntervalMs ?? 30_000);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    server,
    close: async () => {
      if (interval) clearInterval(interval);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
        server.closeIdleConnections();
      });
    },
  };
}

/** The company's provider, and the client id of the workspace registered there. */
function oidcFromEnv(): ApiServerOptions['oidc'] {
  const settings = oidcSettingsFromEnv();
  return settings ? { ...settings, clientId: process.env.OIDC_CLIENT_ID || undefined } : undefined;
}

async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  const log = createLogger('api', config.logLevel);
  if (!config.databaseUrl || !config.temporalAddress || !config.payloadEncryptionKey) {
    throw new Error('the standalone API needs DATABASE_URL, TEMPORAL_ADDRESS and PAYLOAD_ENCRYPTION_KEY (use `npm start` for the all-in-one local service)');
  }
  const database = openDatabase(config.databaseUrl);
  await assertSchemaCurrent(database.pool);
  const { client, connection } = await connectClient(
    { address: config.temporalAddress, namespace: config.temporalNamespace, tls: config.temporalTls },
    complaintDataConverter(database.db, new ServiceKeyring(config.payloadEncryptionKey, config.previousPayloadKeys)).dataConverter,
  );
  const added = await ensureSearchAttributes(connection, config.temporalNamespace);
  if (added.length > 0) log.info({ added }, 'registered search attributes');
  const policyOverrides = loadPolicyOverrides();
  await recordPolicyInForce(database.db, policyOverrides);
  const policy = createPolicyProvider(database.db, policyOverrides);
  const api = await startApiServer({
    db: database.db,
    client,
    taskQueue: config.taskQueue,
    port: config.apiPort,
    log,
    verification: verificationKeyFromEnv(),
    oidc: oidcFromEnv(),
    temporalUi: process.env.TEMPORAL_UI_URL ? { url: process.env.TEMPORAL_UI_URL, namespace: config.temporalNamespace } : undefined,
    policy,
    tracking: createTrackingLinks(trackingKey(config.payloadEncryptionKey)),
    contactKeys: createContactKeys(contactHashKey(config.payloadEncryptionKey)),
  });
  log.info({ url: api.url }, 'API listening');
  // The retention sweep runs on a Temporal schedule, kept in step with the policy's rules by each API at start.
  const inForce = await policy();
  const scheduleId = await ensureRetentionSchedule(client, config.taskQueue, inForce.retention ?? DEFAULT_RETENTION);
  log.info({ scheduleId }, 'retention sweep scheduled');
  // So does quality review's sampling, after each period.
  log.info({ scheduleId: await ensureQualitySamplingSchedule(client, config.taskQueue, inForce.qualityReview ?? DEFAULT_QUALITY_REVIEW, inForce.calendar.utcOffsetMinutes) }, 'quality sampling scheduled');
  let stopping = false;
  const shutdown = async (signal: string) => {
    // A repeated signal (Ctrl-C relayed by npm) must not interrupt the shutdown under way.
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await api.close();
    await connection.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
