import path from 'node:path';
import { parsePayloadKey, parsePreviousKeys } from './payload-codec';

/** Everything the processes read from the environment, in one place (README lists it). */
export interface RuntimeConfig {
  dataDir: string;
  databaseUrl?: string;
  embeddedPostgresPort: number;
  temporalAddress?: string;
  temporalNamespace: string;
  temporalTls?: { serverNameOverride?: string; serverRootCACertPath?: string; clientCertPath?: string; clientKeyPath?: string };
  temporalPort: number;
  temporalUiPort: number;
  /** Port of the codec server `npm start` runs for the embedded UI (loopback). */
  codecPort: number;
  /** Port of the embedded OpenID provider (development sign-in) `npm start` runs without OIDC_ISSUER (loopback). */
  oidcDevPort: number;
  taskQueue: string;
  apiPort: number;
  logLevel: string;
  /** AES-256 key for workflow payloads; `npm start` makes one in the data dir when unset. */
  payloadEncryptionKey?: Buffer;
  /** Keys a rotation replaced (PAYLOAD_ENCRYPTION_PREVIOUS_KEYS): they still decrypt and unwrap, never encrypt. */
  previousPayloadKeys: Buffer[];
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function loadRuntimeConfig(env = process.env): RuntimeConfig {
  const tlsWanted = env.TEMPORAL_TLS === 'true' || !!env.TEMPORAL_TLS_CERT;
  return {
    dataDir: path.resolve(env.DATA_DIR ?? path.join(__dirname, '..', 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPostgresPort: intFromEnv('EMBEDDED_PG_PORT', 5433),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    temporalTls: tlsWanted
      ? {
          serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME,
          serverRootCACertPath: env.TEMPORAL_TLS_CA,
          clientCertPath: env.TEMPORAL_TLS_CERT,
          clientKeyPath: env.TEMPORAL_TLS_KEY,
        }
      : undefined,
    temporalPort: intFromEnv('TEMPORAL_PORT', 7233),
    temporalUiPort: intFromEnv('TEMPORAL_UI_PORT', 8233),
    codecPort: intFromEnv('CODEC_PORT', 8888),
    oidcDevPort: intFromEnv('OIDC_DEV_PORT', 3001),
    taskQueue: env.TASK_QUEUE || 'complaints',
    apiPort: intFromEnv('PORT', 3000),
    logLevel: env.LOG_LEVEL || 'info',
    payloadEncryptionKey: env.PAYLOAD_ENCRYPTION_KEY ? parsePayloadKey(env.PAYLOAD_ENCRYPTION_KEY) : undefined,
    previousPayloadKeys: parsePreviousKeys(env.PAYLOAD_ENCRYPTION_PREVIOUS_KEYS),
  };
}
