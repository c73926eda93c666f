/** How the workflow calls its activities: one proxy per retry regime. Activities are imported as types only. */
import { proxyActivities } from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';
import type { Policy } from '../domain/policy';

const DATABASE_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;

/**
 * Database work: retried until it succeeds, because a lost timeline event is worse than a late one
 * (data PostgreSQL refuses for good fails at once: InvalidData, see activities/index.ts).
 */
export const database = proxyActivities<ComplaintActivities>(DATABASE_OPTIONS);

/** The same, with the step named in the Temporal UI ("record transition: triaged"). */
export function databaseStep(summary: string) {
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
