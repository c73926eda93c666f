/**
 * Who is calling: the bearer token verified (`runtime/tokens.ts`), the person it names looked up in
 * the staff directory (`api/read/identity.ts`: role, department, scope), and the permission an
 * operation needs checked against the role matrix (`domain/permissions.ts`).
 */
import type { RequestHandler } from 'express';
import { isAllowed, type Action } from '../../domain/permissions';
import { IdentityProviderUnavailable, TokenRejected, type TokenClaims, type TokenVerifier } from '../../runtime/tokens';
import type { IdentityRefusal, IdentityResolver } from '../read/identity';
import type { Viewer } from '../read/scopes';
import { forbiddenError, HttpError, unauthorized } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Viewer;
  }
}

const REFUSALS: Record<IdentityRefusal, string> = {
  unknown: 'this person is not in the staff directory',
  inactive: 'this person’s account is not active',
};

export interface Authentication {
  verify: TokenVerifier;
  identify: IdentityResolver;
  /** Told of each valid token refused (the audit trail). */
  onRefused(claims: TokenClaims, refusal: IdentityRefusal): Promise<void>;
}

export function authenticate({ verify, identify, onRefused }: Authentication): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next(unauthorized('missing bearer token'));
    (async () => {
      const claims = await verify(header.slice(7));
      const identity = await identify(claims);
      if ('refused' in identity) {
        await onRefused(claims, identity.refused);
        throw forbiddenError(REFUSALS[identity.refused]);
      }
      req.actor = identity.viewer;
    })().then(
      () => next(),
      (err: unknown) =>
        next(
          err instanceof TokenRejected
            ? unauthorized(err.message)
            : err instanceof IdentityProviderUnavailable
              ? new HttpError(503, 'unavailable', 'the identity provider is not available; retry shortly')
              : err,
        ),
    );
  };
}

export function requirePermission(action: Action): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor!;
    if (!isAllowed(actor.role, action)) return next(forbiddenError(`role ${actor.role} may not ${action}`));
    next();
  };
}
