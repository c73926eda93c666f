/**
 * The complaint a tracking link opens: the same 404 for a wrong secret, a revoked link and an
 * unknown number, and a limit on failed attempts per client, so guessing is pointless.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints, type ComplaintRow } from '../../db/schema';
import { COMPLAINT_NUMBER } from '../../domain/actions';
import type { Actor } from '../../domain/model';
import { trackingSecretMatches, type TrackingLinks } from '../../runtime/tracking';
import { HttpError } from '../http/errors';

const FAILED_ATTEMPTS_LIMIT = 20;
const WINDOW_MS = 15 * 60_000;

/** Failed look-ups per client (IP address), in this process: enough to make guessing pointless. */
export function createAttemptLimiter(limit = FAILED_ATTEMPTS_LIMIT, windowMs = WINDOW_MS) {
  const failures = new Map<string, { count: number; resetAt: number }>();
  return {
    check(client: string): void {
      const entry = failures.get(client);
      if (entry && entry.resetAt > Date.now() && entry.count >= limit) {
        throw Object.assign(new HttpError(429, 'too_many_attempts', 'too many failed attempts; try again later'), { retryAfterSeconds: Math.ceil((entry.resetAt - Date.now()) / 1000) });
      }
    },
    fail(client: string): void {
      const now = Date.now();
      const entry = failures.get(client);
      if (!entry || entry.resetAt <= now) failures.set(client, { count: 1, resetAt: now + windowMs });
      else entry.count += 1;
      if (failures.size > 100_000) for (const [k, v] of failures) if (v.resetAt <= now) failures.delete(k);
    },
  };
}
export type AttemptLimiter = ReturnType<typeof createAttemptLimiter>;

export const linkNotFound = () => new HttpError(404, 'not_found', 'no complaint matches this link');

export interface LinkedComplaint {
  row: ComplaintRow;
  /** The complainant as the workflow records them. */
  actor: Actor;
  /** Ids under which the complainant's own words and evidence were recorded. */
  selfIds: string[];
}

/** The complaint the link opens, or the same 404 for a wrong secret, a revoked link or an unknown number. */
export async function linkedComplaint(db: Database, tracking: TrackingLinks | undefined, limiter: AttemptLimiter, client: string, number: string, secret: string): Promise<LinkedComplaint> {
  limiter.check(client);
  const [row] = COMPLAINT_NUMBER.test(number) ? await db.select().from(complaints).where(eq(complaints.number, number)) : [];
  if (!tracking || !row || !trackingSecretMatches(secret, row.trackingSecretHash)) {
    limiter.fail(client);
    throw linkNotFound();
  }
  const actor: Actor = { id: row.customerId ?? `tracking:${row.number}`, role: 'customer' };
  return { row, actor, selfIds: [actor.id, `tracking:${row.number}`] };
}

/** The complaint's row again after an action (the projection may have moved on). */
export async function freshRow(db: Database, row: ComplaintRow): Promise<ComplaintRow> {
  const [fresh] = await db.select().from(complaints).where(eq(complaints.number, row.number));
  return fresh ?? row;
}
