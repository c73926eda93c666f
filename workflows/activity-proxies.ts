/** How the workflow calls its activities: one proxy per retry regime. Activities are imported as types only. */
import { proxyActivities } from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';
import type { Policy } from '../domain/policy';

/** Database work: retried until it succeeds, because a lost timeline event is worse than a late one. */
export const database = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** E-mail and webhooks: retried with backoff up to the policy's limit, then recorded as failed. */
export function deliveryActivities(policy: Policy) {
  return proxyActivities<ComplaintActivities>({
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: policy.notificationRetry.maxAttempts,
      initialInterval: `${policy.notificationRetry.initialIntervalSeconds} seconds`,
      backoffCoefficient: 2,
    },
  });
}
