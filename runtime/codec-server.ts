/**
 * The remote codec server the Temporal Web UI (and `temporal … --codec-endpoint`) calls to show the
 * encrypted payloads of complaint workflows: `POST /decode` and `POST /encode`, bodies
 * `{"payloads":[{"metadata":{…base64…},"data":"…base64…"}]}` (Payloads in protobuf JSON).
 *
 * - Namespace: `X-Namespace` must name the namespace this key serves; any other is refused (403).
 * - Only this key: payloads encrypted with another key are returned as they are, not decoded.
 * - A complaint whose personal data was erased (its data key gone) shows `"erased: …"` for each payload.
 * - CORS: only the configured UI origins get CORS headers (a browser on any other origin is refused).
 * - Access: with `auth` set (production) every call needs an operator's bearer token — the UI can
 *   forward its OIDC access token (`TEMPORAL_CODEC_PASS_ACCESS_TOKEN=true`) — verified like the API's,
 *   with an operator role. Without it (local) the server listens on loopback only.
 * - Bodies over `maxBodyBytes` get 413. Every decode is counted (Prometheus) and logged without payloads.
 *
 * `npm run codec` runs it standalone; `npm start` runs it next to the embedded dev server, whose UI it
 * configures with `--ui-codec-endpoint`.
 */
import type { Server } from 'node:http';
import type { Payload } from '@temporalio/common';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { Counter, Registry } from 'prom-client';
import { createTokenVerifier, IdentityProviderUnavailable, oidcSettingsFromEnv, verificationKeyFromEnv, type OidcSettings, type TokenClaims, type VerificationKey } from './tokens';
import { openDatabase } from '../db/client';
import { personNamedBy } from '../db/staff-directory';
import type { Role } from '../domain/model';
import { createLogger } from './logger';
import { AesGcmPayloadCodec, parsePayloadKey, parsePreviousKeys, ServiceKeyring, type DataKeySource } from './payload-codec';
import { createDataKeyStore } from './data-keys';

/**
 * Roles that may read decoded payloads in the UI: the people who look after stuck cases, and the
 * quality team. Not administrators: payloads are complaint content (`domain/scopes.ts`); they still
 * see the list, search attributes, summaries and timers, none of which holds personal data.
 */
export const OPERATOR_ROLES: readonly Role[] = ['supervisor', 'manager', 'quality'];

export interface CodecServerOptions {
  key: Buffer | ServiceKeyring;
  /** Complaints' data keys (read uncached: an erased complaint's payloads show as "erased"). */
  dataKeys?: DataKeySource;
  namespace: string;
  /** Origins of the Web UI allowed to call from a browser, e.g. `http://localhost:8233`. */
  allowedOrigins: string[];
  /** Verify operators' bearer tokens (production); undefined = no credential asked (loopback only). */
  auth?: VerificationKey;
  /** The organisation's OpenID provider, whose access tokens the Web UI forwards. */
  oidc?: OidcSettings;
  /**
   * The role the staff directory gives the person a token names (undefined: unknown or inactive).
   * Required with `auth`: a role claimed by a token is never believed.
   */
  roleOf?: (claims: TokenClaims) => Promise<Role | undefined>;
  maxBodyBytes?: number;
  log: Logger;
  registry?: Registry;
}

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

function fromJson(p: JsonPayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(String(v), 'base64');
  return { metadata, data: p.data === undefined ? undefined : Buffer.from(String(p.data), 'base64') };
}

function toJson(p: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) if (v) metadata[k] = Buffer.from(v).toString('base64');
  return { metadata, ...(p.data ? { data: Buffer.from(p.data).toString('base64') } : {}) };
}

function isPayloadList(body: unknown): body is { payloads: JsonPayload[] } {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { payloads?: unknown }).payloads)) return false;
  return (body as { payloads: unknown[] }).payloads.every((p) => p !== null && typeof p === 'object');
}

export function createCodecApp(options: CodecServerOptions): Express {
  const codec = new AesGcmPayloadCodec(options.key, options.dataKeys);
  const verify = createTokenVerifier({ local: options.auth, oidc: options.oidc });
  const registry = options.registry ?? new Registry();
  const calls = new Counter({ name: 'codec_requests_total', help: 'Codec server calls by operation and outcome.', labelNames: ['operation', 'outcome'], registers: [registry] });
  const decodedPayloads = new Counter({ name: 'codec_decoded_payloads_total', help: 'Payloads decoded for a viewer.', registers: [registry] });
  const app = express();
  app.disable('x-powered-by');

  // CORS for the UI's origins only; a preflight from anywhere else gets no CORS headers (the browser refuses).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    if (origin && options.allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    // A request from a page of any other origin is refused outright (not only by the browser).
    if (origin && !options.allowedOrigins.includes(origin)) {
      calls.inc({ operation: 'cors', outcome: '403' });
      res.status(403).json({ error: `origin ${origin} may not call the codec server` });
      return;
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.use(express.json({ limit: options.maxBodyBytes ?? 4 * 1024 * 1024, strict: true }));

  const handle = (operation: 'encode' | 'decode') => async (req: Request, res: Response) => {
    const fail = (status: number, message: string) => {
      calls.inc({ operation, outcome: String(status) });
      options.log.warn({ operation, status, namespace: req.header('x-namespace') ?? null }, `codec ${operation} refused: ${message}`);
      res.status(status).json({ error: message });
    };
    const namespace = req.header('x-namespace') ?? options.namespace;
    if (namespace !== options.namespace) return fail(403, `no key for namespace ${namespace}`);
    let viewer = 'local';
    if (options.auth) {
      const header = req.header('authorization');
      if (!header?.startsWith('Bearer ')) return fail(401, 'an operator token is required');
      try {
        const claims = await verify(header.slice(7));
        const role = await options.roleOf!(claims);
        if (!role) return fail(403, 'this person is not an active member of the staff directory');
        if (!OPERATOR_ROLES.includes(role)) return fail(403, `role ${role} may not read payloads`);
        viewer = claims.subject;
      } catch (err) {
        return fail(err instanceof IdentityProviderUnavailable ? 503 : 401, err instanceof IdentityProviderUnavailable ? 'the identity provider is not available' : 'invalid token');
      }
    }
    if (!isPayloadList(req.body)) return fail(400, 'expected {"payloads": [...]}');
    try {
      const input = req.body.payloads.map(fromJson);
      let output: Payload[];
      if (operation === 'encode') {
        output = await codec.encode(input);
      } else {
        // Only this key's payloads: others (another key, or a client's own encoding) pass through untouched.
        output = await Promise.all(input.map(async (p) => (codec.canDecode(p) ? codec.decodeForViewer(p) : p)));
        decodedPayloads.inc(output.filter((p, i) => p !== input[i]).length);
      }
      calls.inc({ operation, outcome: '200' });
      options.log.info({ operation, namespace, viewer, payloads: input.length }, `codec ${operation}`);
      res.json({ payloads: output.map(toJson) });
    } catch {
      fail(400, 'a payload could not be decoded (tampered, or not this key)');
    }
  };
  app.post('/decode', handle('decode'));
  app.post('/encode', handle('encode'));
  app.use((err: { type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    calls.inc({ operation: 'unknown', outcome: err.type === 'entity.too.large' ? '413' : '400' });
    res.status(err.type === 'entity.too.large' ? 413 : 400).json({ error: err.type === 'entity.too.large' ? 'request body is too large' : 'malformed request' });
  });
  return app;
}

export interface RunningCodecServer {
  url: string;
  close(): Promise<void>;
}

export async function startCodecServer(options: CodecServerOptions & { port: number; host: string }): Promise<RunningCodecServer> {
  if (options.auth && !options.roleOf) throw new Error('the codec server with operator authentication needs the staff directory (roleOf): a token’s role claim is not believed');
  if (!options.auth && !['127.0.0.1', '::1', 'localhost'].includes(options.host)) {
    throw new Error('the codec server without operator authentication listens on loopback only (set CODEC_AUTH=jwt to serve other hosts)');
  }
  const app = createCodecApp(options);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(options.port, options.host, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `npm run codec`: PAYLOAD_ENCRYPTION_KEY, CODEC_PORT (8888), CODEC_HOST, CODEC_ALLOWED_ORIGINS, CODEC_AUTH=jwt|none. */
async function main(): Promise<void> {
  const env = process.env;
  if (!env.PAYLOAD_ENCRYPTION_KEY) throw new Error('PAYLOAD_ENCRYPTION_KEY is required');
  const auth = (env.CODEC_AUTH ?? 'jwt') === 'jwt' ? verificationKeyFromEnv(env) : undefined;
  // Operators are who the staff directory says they are (DATABASE_URL), never what a token claims.
  // Complaints' data keys live in the database, and with CODEC_AUTH=jwt the staff directory says who is an operator.
  if (!env.DATABASE_URL) throw new Error('the codec server needs DATABASE_URL: complaints’ data keys (and the staff directory) live there');
  const directory = openDatabase(env.DATABASE_URL);
  const keyring = new ServiceKeyring(parsePayloadKey(env.PAYLOAD_ENCRYPTION_KEY), parsePreviousKeys(env.PAYLOAD_ENCRYPTION_PREVIOUS_KEYS));
  const roleOf = auth
    ? async (claims: TokenClaims) => {
        const person = await personNamedBy(directory.db, claims.subject, claims.local);
        return person?.active ? person.role : undefined;
      }
    : undefined;
  const running = await startCodecServer({
    key: keyring,
    dataKeys: createDataKeyStore(directory.db, keyring, { cacheMs: 0 }),
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    allowedOrigins: (env.CODEC_ALLOWED_ORIGINS ?? 'http://localhost:8080').split(',').map((o) => o.trim()).filter(Boolean),
    auth,
    oidc: oidcSettingsFromEnv(env),
    roleOf,
    port: Number(env.CODEC_PORT ?? 8888),
    host: env.CODEC_HOST ?? (auth ? '0.0.0.0' : '127.0.0.1'),
    log: createLogger('codec'),
  });
  const log = createLogger('codec');
  log.info({ url: running.url, auth: auth ? 'jwt' : 'none (loopback)' }, 'codec server started');
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`codec server failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
