/**
 * Bearer tokens, verified here for every process that takes them — the API (`api/http/auth.ts`) and
 * the codec server — so neither reaches into the other. Two kinds are accepted:
 * - the service's own (HS256 with JWT_SECRET or RS256 with JWT_PUBLIC_KEY; `npm run token`, tests,
 *   a customer portal's backend): `sub`, `role` and `dept`;
 * - access tokens of the organisation's OpenID Connect provider (`OIDC_ISSUER`: discovery, then its
 *   JWKS, keys refetched when one rotates), which identify a person and nothing more.
 * Either way a token only says *who* calls: for staff, the service's directory says what they are
 * (`api/read/identity.ts`), and a role claim that disagrees is ignored.
 */
import { createPublicKey } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ROLES, SYSTEM_ACTOR, type Actor, type Role } from '../domain/model';
import { hasControlCharacters } from '../domain/text-rules';

/** A token that does not identify a caller (the API answers 401 with the message). */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

export const TOKEN_ISSUER = 'complaint-service';
export const TOKEN_AUDIENCE = 'complaint-service';

/** How tokens are checked: the key, and the claims every token must carry. */
export type VerificationKey = ({ alg: 'HS256'; key: Uint8Array } | { alg: 'RS256'; key: ReturnType<typeof createPublicKey> }) & {
  /** Longest lifetime accepted (`exp` − `iat`, and `exp` − now); default 12 h. */
  maxAgeSeconds?: number;
  issuer?: string;
  audience?: string;
};

export const DEFAULT_TOKEN_MAX_AGE_SECONDS = 12 * 3600;

/** Subjects the service itself acts as: a token claiming one would be recorded as the system. */
export const RESERVED_SUBJECTS: readonly string[] = [SYSTEM_ACTOR.id];
/**
 * Name spaces the service gives complainants without an account (`customer:<number>` for their
 * notifications, `tracking:<number>` for what they do through the tracking link): a token whose
 * subject starts with one would read or act as that complainant, so no token may carry one.
 */
export const RESERVED_SUBJECT_PREFIXES: readonly string[] = ['customer:', 'tracking:'];

export function verificationKeyFromEnv(env = process.env): VerificationKey {
  const maxAgeHours = env.JWT_MAX_AGE_HOURS === undefined ? undefined : Number(env.JWT_MAX_AGE_HOURS);
  if (maxAgeHours !== undefined && !(maxAgeHours > 0 && maxAgeHours <= 24 * 30)) throw new Error('JWT_MAX_AGE_HOURS must be a number of hours between 0 and 720');
  const claims = { maxAgeSeconds: maxAgeHours === undefined ? undefined : Math.round(maxAgeHours * 3600), issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
  if (env.JWT_PUBLIC_KEY) return { alg: 'RS256', key: createPublicKey(env.JWT_PUBLIC_KEY), ...claims };
  if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) throw new Error('JWT_SECRET (at least 32 characters) or JWT_PUBLIC_KEY must be set');
  return { alg: 'HS256', key: new TextEncoder().encode(env.JWT_SECRET), ...claims };
}

/**
 * Verifies a bearer token: signature, issuer, audience, an `exp` and `iat` no further apart (and no
 * further ahead) than the maximum age, a subject that is not reserved, a known role. Throws a 401.
 */
export async function verifyToken(token: string, verification: VerificationKey): Promise<Actor> {
  const maxAge = verification.maxAgeSeconds ?? DEFAULT_TOKEN_MAX_AGE_SECONDS;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, verification.key, {
      algorithms: [verification.alg],
      issuer: verification.issuer ?? TOKEN_ISSUER,
      audience: verification.audience ?? TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: maxAge,
    }));
  } catch (err) {
    throw new TokenRejected(err instanceof joseErrors.JWTExpired ? 'token expired' : err instanceof joseErrors.JWTClaimValidationFailed ? `token rejected: ${err.claim} ${err.reason}` : 'invalid token');
  }
  const now = Math.floor(Date.now() / 1000);
  if (payload.exp! - payload.iat! > maxAge || payload.exp! - now > maxAge) throw new TokenRejected(`token lifetime exceeds ${maxAge} s`);
  const role = payload.role as Role;
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128 || !ROLES.includes(role)) throw new TokenRejected('token lacks a subject or a known role');
  if (RESERVED_SUBJECTS.includes(payload.sub) || RESERVED_SUBJECT_PREFIXES.some((prefix) => payload.sub!.startsWith(prefix)) || hasControlCharacters(payload.sub, false)) {
    throw new TokenRejected('token subject is reserved or malformed');
  }
  return { id: payload.sub, role, departmentId: typeof payload.dept === 'string' ? payload.dept : undefined };
}

/** What a verified token says of its bearer; for staff only who they are (`subject` at `issuer`). */
export interface TokenClaims {
  issuer: string;
  subject: string;
  /** The service's own tokens only: the role claimed (believed for customers alone). */
  claimedRole?: Role;
  claimedDepartmentId?: string;
  /** Issued by the service's own key (not by the OpenID provider). */
  local: boolean;
}

/** The organisation's OpenID Connect provider. */
export interface OidcSettings {
  /** `iss` of its tokens; discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** `aud` the access tokens must carry (the API's resource identifier at the provider). */
  audience: string;
  /** The claim that holds the person's identity (default `sub`), matched to the staff directory. */
  subjectClaim?: string;
  /** Longest lifetime accepted; default 12 h. */
  maxAgeSeconds?: number;
  /** After fetching the keys, no refetch for a token naming an unknown key for this long (default 30 s). */
  jwksCooldownMs?: number;
}

/** The provider cannot be reached (discovery or keys): the API answers 503 with Retry-After. */
export class IdentityProviderUnavailable extends Error {
  override readonly name = 'IdentityProviderUnavailable';
}

export function oidcSettingsFromEnv(env = process.env): OidcSettings | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  if (!env.OIDC_AUDIENCE) throw new Error('OIDC_AUDIENCE must be set with OIDC_ISSUER (the audience of the access tokens the API accepts)');
  return { issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE, subjectClaim: env.OIDC_SUBJECT_CLAIM || undefined };
}

export type TokenVerifier = (token: string) => Promise<TokenClaims>;

/**
 * Verifies a bearer token of either kind, told apart by its (unverified) `iss`: the OpenID provider's
 * against its published keys, the service's own against the local key.
 */
export function createTokenVerifier(options: { local?: VerificationKey; oidc?: OidcSettings }): TokenVerifier {
  const oidc = options.oidc ? oidcVerifier(options.oidc) : undefined;
  const localIssuer = options.local?.issuer ?? TOKEN_ISSUER;
  return async (token) => {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new TokenRejected('invalid token');
    }
    if (oidc && issuer === options.oidc!.issuer) return oidc(token);
    if (!options.local) throw new TokenRejected('token rejected: iss unexpected "iss" claim value');
    const actor = await verifyToken(token, options.local);
    return { issuer: localIssuer, subject: actor.id, claimedRole: actor.role, claimedDepartmentId: actor.departmentId, local: true };
  };
}

function oidcVerifier(settings: OidcSettings): (token: string) => Promise<TokenClaims> {
  const maxAge = settings.maxAgeSeconds ?? DEFAULT_TOKEN_MAX_AGE_SECONDS;
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const discover = async () => {
    const url = `${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (document.issuer !== settings.issuer || typeof document.jwks_uri !== 'string') throw new Error('discovery document does not name this issuer and its jwks_uri');
    // Fetches the key set when a token names a key it does not hold (rotation), at most every 30 s.
    return createRemoteJWKSet(new URL(document.jwks_uri), { cooldownDuration: settings.jwksCooldownMs ?? 30_000, timeoutDuration: 5_000 });
  };
  return async (token) => {
    keys ??= discover().catch((err: unknown) => {
      keys = undefined;
      throw new IdentityProviderUnavailable(`the identity provider is not available: ${err instanceof Error ? err.message : String(err)}`);
    });
    const jwks = await keys;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: settings.issuer, audience: settings.audience, requiredClaims: ['exp', 'sub'], algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] }));
    } catch (err) {
      if (err instanceof joseErrors.JWKSTimeout || (err instanceof Error && err.name === 'TypeError')) throw new IdentityProviderUnavailable('the identity provider’s keys could not be fetched');
      throw new TokenRejected(err instanceof joseErrors.JWTExpired ? 'token expired' : err instanceof joseErrors.JWTClaimValidationFailed ? `token rejected: ${err.claim} ${err.reason}` : 'invalid token');
    }
    const now = Math.floor(Date.now() / 1000);
    if (payload.exp! - now > maxAge) throw new TokenRejected(`token lifetime exceeds ${maxAge} s`);
    const subject = payload[settings.subjectClaim ?? 'sub'];
    if (typeof subject !== 'string' || subject.length === 0 || subject.length > 256 || hasControlCharacters(subject, false)) throw new TokenRejected('token lacks a subject');
    return { issuer: settings.issuer, subject, local: false };
  };
}

/** Mints a token (the `npm run token` script and tests). */
export async function mintToken(secret: string, claims: { sub: string; role: Role; dept?: string }, expiresIn = '8h'): Promise<string> {
  const payload: JWTPayload = { role: claims.role, ...(claims.dept ? { dept: claims.dept } : {}) };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
