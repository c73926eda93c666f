/**
 * Bearer tokens (JWT, HS256 with JWT_SECRET or RS256 with JWT_PUBLIC_KEY) carry who the caller is:
 * `sub` (user id, or customer id), `role` and `dept`. The actor sent to workflows comes from here only.
 */
import { createPublicKey } from 'node:crypto';
import type { RequestHandler } from 'express';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ROLES, type Actor, type Role } from '../domain/model';
import { isAllowed, type Action } from '../domain/permissions';
import { forbiddenError, unauthorized } from './errors';

export const TOKEN_ISSUER = 'complaint-service';
export const TOKEN_AUDIENCE = 'complaint-service';

export type VerificationKey = { alg: 'HS256'; key: Uint8Array } | { alg: 'RS256'; key: ReturnType<typeof createPublicKey> };

export function verificationKeyFromEnv(env = process.env): VerificationKey {
  if (env.JWT_PUBLIC_KEY) return { alg: 'RS256', key: createPublicKey(env.JWT_PUBLIC_KEY) };
  if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) throw new Error('JWT_SECRET (at least 32 characters) or JWT_PUBLIC_KEY must be set');
  return { alg: 'HS256', key: new TextEncoder().encode(env.JWT_SECRET) };
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

export function authenticate(verification: VerificationKey): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next(unauthorized('missing bearer token'));
    jwtVerify(header.slice(7), verification.key, { algorithms: [verification.alg], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE })
      .then(({ payload }) => {
        const role = payload.role as Role;
        if (typeof payload.sub !== 'string' || !ROLES.includes(role)) return next(unauthorized('token lacks a subject or a known role'));
        req.actor = { id: payload.sub, role, departmentId: typeof payload.dept === 'string' ? payload.dept : undefined };
        next();
      })
      .catch((err: unknown) => next(unauthorized(err instanceof joseErrors.JWTExpired ? 'token expired' : 'invalid token')));
  };
}

export function requireAction(action: Action): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor!;
    if (!isAllowed(actor.role, action)) return next(forbiddenError(`role ${actor.role} may not ${action}`));
    next();
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
