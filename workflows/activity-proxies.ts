/** How the workflow calls its activities: one proxy per retry regime. Activities are imported as types only. */
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';
import type { Policy } from '../domain/policy';
import { PATCHES } from './patches';

const DATABASE_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;

/**
 * Database work: retried until it succeeds, because a lost timeline event is worse than a late one
 * (data PostgreSQL refuses for good fails at once: InvalidData, see activities/index.ts).
 */
export const database = proxyActivities<ComplaintActivities>(DATABASE_OPTIONS);

/**
 * A database step, named in the Temporal UI ("record transition: triaged"). Since patch
 * `local-database-steps` these short writes run as local activities: in the worker that runs the
 * workflow task, with no task round trip through the server — a transition costs one workflow task
 * instead of one plus an activity task per step. They keep the same retry policy (the SDK retries
 * locally, then with timers past `localRetryThreshold`) and fail the same way (ActivityFailure).
 */
export function databaseStep(summary: string) {
  if (patched(PATCHES.localDatabaseSteps)) return proxyLocalActivities<ComplaintActivities>({ ...DATABASE_OPTIONS, summary, localRetryThreshold: '10 seconds' });
  return proxyActivities<ComplaintActivities>({ ...DATABASE_OPTIONS, summary });
}

/** E-mail and webhooks: retried with backoff up to the policy's limit, then recorded as failed. */
export function deliveryActivities(policy: Policy, summary?: string) {
  return proxyActivities<ComplaintActivities>({
    ...(summary ? { summary } : {}),
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: policy.notificationRetry.maxAttempts,
      initialInterval: `${policy.notificationRetry.initialIntervalSeconds} seconds`,
      backoffCoefficient: 2,
    },
  });
}
