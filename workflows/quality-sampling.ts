/**
 * Quality review's sampling (domain/quality-review.ts), started by its Temporal schedule
 * (`quality-sampling`) just after each period: one activity queues the period's closed cases. The rule
 * travels as the schedule's argument, so operators see in the Temporal UI which rule each run applied.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { QualityActivities, QualitySamplingInput } from '../activities';
import type { SamplingRun } from '../domain/quality-review';

const { sampleQualityReviews } = proxyActivities<QualityActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

export async function qualitySamplingWorkflow(input: QualitySamplingInput): Promise<SamplingRun> {
  return sampleQualityReviews(input);
}
