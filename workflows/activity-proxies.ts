/** How the workflow calls its activities. Activities are imported as types only. */
import { proxyLocalActivities } from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';

/**
 * Database work: retried until it succeeds, because a lost timeline event is worse than a late one
 * (data PostgreSQL refuses for good fails at once: InvalidData, see activities/index.ts).
 */
const DATABASE_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;

/**
 * A database step, named in the Temporal UI ("record transition: triaged"). These short writes run
 * as local activities: in the worker that runs the workflow task, with no task round trip through the
 * server — a transition costs one workflow task. The SDK retries them locally, then with timers past
 * `localRetryThreshold`; they fail like remote ones (ActivityFailure).
 */
export function databaseStep(summary: string) {
  return proxyLocalActivities<ComplaintActivities>({ ...DATABASE_OPTIONS, summary, localRetryThreshold: '10 seconds' });
}
