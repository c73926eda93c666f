/**
 * Bearer tokens (JWT, HS256 with JWT_SECRET or RS256 with JWT_PUBLIC_KEY) carry who the caller is:
 * `sub` (user id, or customer id), `role` and `dept`. Verified here for every process that takes
 * tokens — the API (`api/http/auth.ts`) and the codec server — so neither reaches into the other.
 */
import { createPublicKey } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
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
