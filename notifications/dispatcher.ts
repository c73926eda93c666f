/**
 * E-mails and webhooks of a recorded transition, sent by the worker that recorded it, outside the
 * workflow's history (patch `deliveries-in-worker`): a delivery costs no activity task and no
 * workflow task, so a burst of acknowledgements or a storm of breach notices does not double the
 * engine's work. The guarantees stay those of `NotificationService.deliver`: a row is never sent
 * twice, failures are retried with backoff up to the complaint's policy limit, and the last failure
 * is recorded on the row. A worker that stops or dies leaves its unsent rows `pending`; the outbox
 * sweep (`notifications/sweep.ts`) sends them once they are stale.
 */
import type { NotificationService } from './service';

export interface DeliveryRetry {
  maxAttempts: number;
  initialIntervalSeconds: number;
}

export interface DeliveryDispatcher {
  /** Queues the rows for delivery now; returns at once. */
  dispatch(notificationIds: readonly string[], retry: DeliveryRetry): void;
  /** Resolves when nothing is queued, sending or waiting for a retry (tests, orderly shutdown). */
  idle(): Promise<void>;
  /** Drops the queue and the pending retries (their rows stay `pending` for the sweep). */
  stop(): void;
}

interface Job {
  id: string;
  attempt: number;
  retry: DeliveryRetry;
}

export function createDeliveryDispatcher(
  service: Pick<NotificationService, 'deliver'>,
  options: { concurrency?: number; onGiveUp?: (id: string, error: unknown) => void } = {},
): DeliveryDispatcher {
  const concurrency = options.concurrency ?? 8;
  const queue: Job[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let active = 0;
  let stopped = false;
  let waiters: (() => void)[] = [];

  const settleIfIdle = () => {
    if (active === 0 && queue.length === 0 && timers.size === 0) {
      const done = waiters;
      waiters = [];
      for (const w of done) w();
    }
  };

  const pump = () => {
    while (!stopped && active < concurrency && queue.length > 0) {
      const job = queue.shift()!;
      active += 1;
      service
        .deliver(job.id, job.attempt, job.retry.maxAttempts)
        .catch((err: unknown) => {
          // `deliver` throws only while attempts remain; the last one records the failure itself.
          if (stopped || job.attempt >= job.retry.maxAttempts) {
            options.onGiveUp?.(job.id, err);
            return;
          }
          const delay = job.retry.initialIntervalSeconds * 1000 * 2 ** (job.attempt - 1);
          const timer = setTimeout(() => {
            timers.delete(timer);
            queue.push({ ...job, attempt: job.attempt + 1 });
            pump();
            settleIfIdle();
          }, delay);
          timer.unref();
          timers.add(timer);
        })
        .finally(() => {
          active -= 1;
          pump();
          settleIfIdle();
        });
    }
  };

  return {
    dispatch(notificationIds, retry) {
      if (stopped) return;
      for (const id of notificationIds) queue.push({ id, attempt: 1, retry });
      pump();
    },
    idle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settleIfIdle();
      });
    },
    stop() {
      stopped = true;
      queue.length = 0;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      settleIfIdle();
    },
  };
}
