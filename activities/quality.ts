/**
 * The quality-sampling schedule's work (workflows/quality-sampling.ts): after each period ends, queue
 * that period's closed cases for quality review by the policy's sampling rule (db/quality-sampling.ts).
 * Safe to run again: a case already queued for the period is not queued twice.
 */
import type { Database } from '../db/client';
import { sampleClosedCases, type SamplingRun } from '../db/quality-sampling';
import { SYSTEM_ACTOR } from '../domain/model';
import { periodOf, previousPeriod, type QualityReviewPolicy } from '../domain/quality-review';

export interface QualitySamplingInput {
  rule: QualityReviewPolicy;
  utcOffsetMinutes: number;
  /** The period to sample; by default the one that ended last (the schedule runs just after it). */
  period?: string;
}

export function createQualityActivities(db: Database) {
  return {
    async sampleQualityReviews({ rule, utcOffsetMinutes, period }: QualitySamplingInput): Promise<SamplingRun> {
      const target = period ?? previousPeriod(periodOf(Date.now(), utcOffsetMinutes, rule.period));
      const run = await sampleClosedCases(db, SYSTEM_ACTOR, target, rule, utcOffsetMinutes);
      if (!run) throw new Error(`${target} is not a ${rule.period} period`);
      return run;
    },
  };
}

export type QualityActivities = ReturnType<typeof createQualityActivities>;
