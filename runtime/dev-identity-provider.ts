/**
 * The embedded OpenID provider of `npm start`: a maintained implementation (`oidc-provider`) whose
 * users are the service's staff directory, with a development sign-in — pick a person, no password.
 * It stands in for the company's provider (Keycloak, Azure AD, Feishu/DingTalk/WeCom through their
 * OIDC bridges) the way embedded PostgreSQL stands in for DATABASE_URL, and it refuses to run when
 * the service is configured for production (`OIDC_ISSUER` set, or NODE_ENV=production).
 *
 * It issues JWT access tokens for one resource, the API (`audience`), signed with a key kept in the
 * data folder, so the API verifies them exactly as it would a real provider's: discovery, then JWKS.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import express from 'express';

/** The public client the staff's browsers sign in with (authorization code + PKCE, no secret). */
export const WORKSPACE_CLIENT_ID = 'complaint-workspace';
/** The API's resource identifier: the `aud` of the access tokens. */
export const DEV_API_AUDIENCE = 'urn:complaint-service:api';

export interface DirectoryPerson {
  id: string;
  name: string;
  role: string;
  departmentId: string;
  active: boolean;
}

export interface DevIdentityProviderOptions {
  port: number;
  /** People who may sign in: the staff directory. */
  directory: { find(id: string): Promise<DirectoryPerson | undefined>; list(): Promise<DirectoryPerson[]> };
  /** Where the workspace may be sent back to after sign-in (its `/signin` page). */
  redirectUris: string[];
  /** Keeps the signing key here across restarts (tokens stay valid); a fresh key per start without. */
  dataDir?: string;
  audience?: string;
  accessTokenTtlSeconds?: number;
  env?: NodeJS.ProcessEnv;
}

export interface RunningIdentityProvider {
  issuer: string;
  audience: string;
  close(): Promise<void>;
}

/** Thrown when the development sign-in would run in a production configuration. */
export class DevSignInRefused extends Error {
  override readonly name = 'DevSignInRefused';
}

export function assertEmbeddedDefaults(env: NodeJS.ProcessEnv = process.env): void {
  if (env.OIDC_ISSUER) throw new DevSignInRefused('the development sign-in is off: OIDC_ISSUER points at the organisation’s identity provider');
  if (env.NODE_ENV === 'production') throw new DevSignInRefused('the development sign-in is off: NODE_ENV is production');
}

function signingKey(dataDir: string | undefined): Record<string, unknown> {
  const file = dataDir ? path.join(dataDir, 'oidc-signing-key.json') : undefined;
  if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
  if (file) fs.writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function pickPersonPage(uid: string, people: DirectoryPerson[], clientName: string): string {
  const byDepartment = new Map<string, DirectoryPerson[]>();
  for (const p of people) byDepartment.set(p.departmentId, [...(byDepartment.get(p.departmentId) ?? []), p]);
  const groups = [...byDepartment.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([department, members]) => `<fieldset><legend>${escapeHtml(department)}</legend>${members
        .map((m) => `<button type="submit" name="staffId" value="${escapeHtml(m.id)}" data-staff-id="${escapeHtml(m.id)}"><strong>${escapeHtml(m.name)}</strong> <span>${escapeHtml(m.id)} · ${escapeHtml(m.role)}</span></button>`)
        .join('')}</fieldset>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>开发登录 Development sign-in</title><link rel="icon" href="data:,">
<style>body{font:15px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;max-width:760px;margin:32px auto;padding:0 16px;color:#1f1f1f}
.warn{background:#fff7e6;border:1px solid #ffd591;padding:8px 12px;border-radius:6px}fieldset{border:1px solid #d9d9d9;border-radius:8px;margin:12px 0;padding:8px 12px}
legend{font-weight:600;padding:0 4px}button{display:block;width:100%;text-align:left;margin:6px 0;padding:8px 12px;border:1px solid #d9d9d9;border-radius:6px;background:#fff;cursor:pointer;font:inherit}
button:hover{border-color:#1677ff}button span{color:#8c8c8c;margin-left:8px}.cancel{color:#8c8c8c;text-align:center}</style></head>
<body><h1>选择登录身份 · Sign in as</h1><p class="warn">开发登录：无需密码，仅在内置默认配置下可用。生产环境请配置 <code>OIDC_ISSUER</code> 接入公司的身份提供方。<br>Development sign-in: no password; only with the embedded defaults. Production uses the company’s provider (<code>OIDC_ISSUER</code>).</p>
<p>${escapeHtml(clientName)}</p><form method="post" action="/interaction/${escapeHtml(uid)}/login">${groups}</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button class="cancel" type="submit">取消 · Cancel</button></form></body></html>`;
}

export async function startDevIdentityProvider(options: DevIdentityProviderOptions): Promise<RunningIdentityProvider> {
  assertEmbeddedDefaults(options.env);
  // oidc-provider is an ES module; this file is loaded as CommonJS (tsx and the build), hence import().
  const { default: Provider } = (await import('oidc-provider')) as { default: new (issuer: string, config: Record<string, unknown>) => OidcProviderInstance };
  const audience = options.audience ?? DEV_API_AUDIENCE;
  const app = express();
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(options.port, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  // Loopback only, by address: the development sign-in is never reachable from another machine.
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: WORKSPACE_CLIENT_ID, client_name: 'Complaint workspace', token_endpoint_auth_method: 'none', redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [signingKey(options.dataDir)] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name'] },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== audience) throw new Error(`unknown resource ${resource}`);
          return { scope: 'complaints', audience, accessTokenFormat: 'jwt', accessTokenTTL: options.accessTokenTtlSeconds ?? 8 * 3600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    ttl: { Session: 8 * 3600, Grant: 8 * 3600, Interaction: 600, AuthorizationCode: 60, IdToken: 3600 },
    // Only people of the directory, and only while they are active, can sign in.
    async findAccount(_ctx: unknown, id: string) {
      const person = await options.directory.find(id);
      if (!person?.active) return undefined;
      return { accountId: person.id, claims: async () => ({ sub: person.id, name: person.name }) };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Sign-in error</title><h1>Sign-in error</h1><p>${escapeHtml(out.error_description ?? out.error ?? 'error')}</p>`;
    },
  });
  // The API is on another origin only by port; plain HTTP on localhost is what development means.
  provider.proxy = false;

  const finish = (req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, merge = false) => provider.interactionFinished(req, res, result, { mergeWithLastSubmission: merge });
  app.get('/interaction/:uid', async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        const people = (await options.directory.list()).filter((p) => p.active);
        res.set('Cache-Control', 'no-store').type('html').send(pickPersonPage(details.uid, people, 'Complaint workspace'));
        return;
      }
      // Consent: the workspace is the service's own client; what it asked for is granted.
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      const missing = details.prompt.details;
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      await finish(req, res, { consent: { grantId: await grant.save() } }, true);
    } catch (err) {
      next(err);
    }
  });
  app.post('/interaction/:uid/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      const id = typeof req.body?.staffId === 'string' ? req.body.staffId : '';
      const person = await options.directory.find(id);
      if (!person?.active) {
        res.status(400).type('text').send('this person is not an active member of the staff directory');
        return;
      }
      await finish(req, res, { login: { accountId: person.id } });
    } catch (err) {
      next(err);
    }
  });
  app.post('/interaction/:uid/abort', async (req, res, next) => {
    try {
      await finish(req, res, { error: 'access_denied', error_description: 'sign-in cancelled' });
    } catch (err) {
      next(err);
    }
  });
  app.use(provider.callback());

  return {
    issuer,
    audience,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The few parts of oidc-provider's Provider used here (the package ships no type declarations). */
interface OidcProviderInstance {
  proxy: boolean;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{
    uid: string;
    grantId?: string;
    session?: { accountId: string };
    params: Record<string, unknown>;
    prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
  }>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options: { mergeWithLastSubmission: boolean }): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): OidcGrant;
    find(id: string): Promise<OidcGrant>;
  };
}

interface OidcGrant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}
