/**
 * Who is calling: the bearer token verified (`runtime/tokens.ts`) into the request's actor, and the
 * permission an operation needs checked against the role matrix (`domain/permissions.ts`).
 */
import type { RequestHandler } from 'express';
import type { Actor } from '../../domain/model';
import { isAllowed, type Action } from '../../domain/permissions';
import { TokenRejected, verifyToken, type VerificationKey } from '../../runtime/tokens';
import { forbiddenError, unauthorized } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

export function authenticate(verification: VerificationKey): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next(unauthorized('missing bearer token'));
    verifyToken(header.slice(7), verification)
      .then((actor) => {
        req.actor = actor;
        next();
      })
      .catch((err: unknown) => next(err instanceof TokenRejected ? unauthorized(err.message) : err));
  };
}

export function requirePermission(action: Action): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor!;
    if (!isAllowed(actor.role, action)) return next(forbiddenError(`role ${actor.role} may not ${action}`));
    next();
  };
}
