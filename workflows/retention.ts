/**
 * The retention sweep (domain/retention.ts), started by its Temporal schedule (`retention-sweep`):
 * one activity that erases what has passed its period, in batches with heartbeats, and records the
 * run as counts. The rules travel as the schedule's argument, so operators see in the Temporal UI
 * which rules each run applied.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities';
import type { RetentionPolicy, RetentionRunCounts } from '../domain/retention';

const { sweepRetention } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

export async function retentionSweepWorkflow(rules: RetentionPolicy): Promise<RetentionRunCounts> {
  return sweepRetention({ rules });
}
