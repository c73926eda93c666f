/**
 * The outbox sweep: every row ends `sent`, `failed` (with the reason) or `unconfirmed`, never stays
 * in between.
 * - A delivery attempt that dies after claiming its row (worker killed during the last allowed
 *   attempt) leaves the row `sending` for good: such rows become `unconfirmed` — outcome unknown, not
 *   resent — so that they show up for an operator instead of looking forever in progress.
 * - A delivery whose activity gave up without reaching the row's last step (the database was down
 *   through all its attempts) leaves it `pending` or `retrying`: the sweep delivers it again, and
 *   marks it `failed` once it has had all its attempts.
 * Only rows untouched for longer than any attempt and its backoff can take are swept, so a sweep
 * never races a delivery still in progress.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { notifications } from '../db/schema';
import { DEFAULT_NOTIFICATION_RETRY } from '../domain/policy';
import type { NotificationService } from './service';

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

/** Longer than all attempts of a delivery activity and their backoff (5 × 1 min + 10 + 20 + 40 + 80 s). */
export const STALE_DELIVERY_AFTER_MS = 15 * 60_000;

/**
 * Delivers again the e-mail and webhook rows left `pending` or `retrying` with nothing happening to
 * them for `olderThanMs`; a row that has had `maxAttempts` becomes `failed`. Returns how many rows it
 * took up. Delivery keeps its at-most-once rule: a row is claimed before it is sent.
 */
export async function redriveStaleDeliveries(
  db: Database,
  service: Pick<NotificationService, 'deliver'>,
  maxAttempts: number,
  now = new Date(),
  olderThanMs = STALE_DELIVERY_AFTER_MS,
  limit = 200,
): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanMs);
  const stale = await db
    .select({ id: notifications.id, attempts: notifications.attempts })
    .from(notifications)
    .where(
      and(
        inArray(notifications.status, ['pending', 'retrying']),
        inArray(notifications.channel, ['email', 'webhook']),
        or(lt(notifications.claimedAt, cutoff), and(isNull(notifications.claimedAt), lt(notifications.createdAt, cutoff))),
      ),
    )
    .orderBy(asc(notifications.createdAt))
    .limit(limit);
  for (const row of stale) {
    if (row.attempts >= maxAttempts) {
      await db
        .update(notifications)
        .set({ status: 'failed', lastError: sql`coalesce(${notifications.lastError} || '; ', '') || ${`gave up after ${row.attempts} attempts`}` })
        .where(and(eq(notifications.id, row.id), inArray(notifications.status, ['pending', 'retrying'])));
      continue;
    }
    try {
      await service.deliver(row.id, row.attempts + 1, maxAttempts);
    } catch {
      // The attempt failed and was recorded on the row (`retrying`, with the reason); the next sweep tries again.
    }
  }
  return stale.length;
}

export interface SweepOptions {
  notifications: Pick<NotificationService, 'deliver'>;
  maxAttempts: number;
  onError: (err: unknown) => void;
  onMarked: (count: number) => void;
  onRedriven?: (count: number) => void;
  intervalMs?: number;
}

/** Runs the sweep every `intervalMs` until the returned function is called. */
export function startAbandonedDeliverySweep(db: Database, options: SweepOptions): () => void {
  const { onError, onMarked, intervalMs = 60_000 } = options;
  let running = false;
  const run = (): void => {
    if (running) return;
    running = true;
    markAbandonedDeliveries(db)
      .then(async (count) => {
        if (count > 0) onMarked(count);
        const redriven = await redriveStaleDeliveries(db, options.notifications, options.maxAttempts);
        if (redriven > 0) options.onRedriven?.(redriven);
      })
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The worker's outbox sweep with the default retry limit, reporting to a logger. */
export function startOutboxSweep(db: Database, notifications: Pick<NotificationService, 'deliver'>, log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void }): () => void {
  return startAbandonedDeliverySweep(db, {
    notifications,
    maxAttempts: DEFAULT_NOTIFICATION_RETRY.maxAttempts,
    onError: (err) => log.error({ err }, 'outbox sweep failed'),
    onMarked: (count) => log.warn({ count }, 'marked abandoned notification deliveries unconfirmed'),
    onRedriven: (count) => log.warn({ count }, 'delivered stale notification rows again'),
  });
}
