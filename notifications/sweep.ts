/**
 * A delivery attempt that dies after claiming its row (worker killed during the last allowed attempt)
 * leaves the row `sending` for good: Temporal retries no further. This sweep marks such rows
 * `unconfirmed` — outcome unknown, not resent — so that they show up for an operator instead of
 * looking forever in progress. A claim older than any attempt can last is certainly abandoned.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { notifications } from '../db/schema';

/** Longer than an attempt may run (the delivery activity's start-to-close timeout is 1 minute). */
export const ABANDONED_CLAIM_AFTER_MS = 10 * 60_000;

export async function markAbandonedDeliveries(db: Database, now = new Date(), olderThanMs = ABANDONED_CLAIM_AFTER_MS): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ status: 'unconfirmed', lastError: 'outcome unknown: the delivery attempt stopped after claiming the notification; not sent again to avoid a duplicate' })
    .where(and(eq(notifications.status, 'sending'), lt(notifications.claimedAt, new Date(now.getTime() - olderThanMs))))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Runs the sweep every `intervalMs` until the returned function is called. */
export function startAbandonedDeliverySweep(db: Database, onError: (err: unknown) => void, onMarked: (count: number) => void, intervalMs = 60_000): () => void {
  const run = (): void => {
    markAbandonedDeliveries(db)
      .then((count) => {
        if (count > 0) onMarked(count);
      })
      .catch(onError);
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
