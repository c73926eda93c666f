/**
 * The sampling run of quality review (domain/quality-review.ts) over one period's closed cases: the
 * reviews it queues (a case already queued for the period is not queued again) and one audit row with
 * its counts. Run by the quality team (`POST /quality/sampling-runs`) and by the `quality-sampling`
 * schedule after each period (`workflows/quality-sampling.ts`).
 */
import { and, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Database } from './client';
import { auditLog, complaintFacts, qualityReviews } from './schema';
import type { Actor } from '../domain/model';
import { periodBounds, QUALITY_SAMPLE_REASONS, sampleForReview, type ClosedCase, type QualityReviewPolicy, type QualitySampleReason, type SamplingRun } from '../domain/quality-review';

/** Outcomes of a handled case (a withdrawal, an invalid or duplicate complaint has no handling to review). */
const HANDLED = ['resolved', 'unresolved'] as const;

export type { SamplingRun };

/** Undefined when `period` is not a period of the rule's kind. */
export async function sampleClosedCases(db: Database, actor: Actor, period: string, rule: QualityReviewPolicy, utcOffsetMinutes: number): Promise<SamplingRun | undefined> {
  const bounds = periodBounds(period, utcOffsetMinutes);
  if (!bounds || (rule.period === 'week') !== period.includes('W')) return undefined;
  const closed = await db
    .select({ number: complaintFacts.complaintNumber, handlerId: complaintFacts.assigneeId, departmentId: complaintFacts.departmentId, reopens: complaintFacts.reopens, satisfaction: complaintFacts.satisfaction, breaches: complaintFacts.breaches, escalations: complaintFacts.escalations })
    .from(complaintFacts)
    .where(and(isNotNull(complaintFacts.closedAt), gte(complaintFacts.closedAt, new Date(bounds.from)), lt(complaintFacts.closedAt, new Date(bounds.to)), inArray(complaintFacts.outcome, [...HANDLED]), isNotNull(complaintFacts.assigneeId)));
  const cases: ClosedCase[] = closed.map((c) => ({ ...c, handlerId: c.handlerId!, period }));
  const sampled = sampleForReview(cases, rule);
  const department = new Map(closed.map((c) => [c.number, c.departmentId]));
  return db.transaction(async (tx) => {
    const inserted =
      sampled.length === 0
        ? []
        : await tx
            .insert(qualityReviews)
            .values(sampled.map((s) => ({ complaintNumber: s.number, period, handlerId: s.handlerId, departmentId: department.get(s.number) ?? null, reasons: s.reasons, scorecard: [...rule.scorecard] })))
            .onConflictDoNothing()
            .returning({ id: qualityReviews.id });
    const byReason = Object.fromEntries(QUALITY_SAMPLE_REASONS.map((r) => [r, sampled.filter((s) => s.reasons.includes(r)).length])) as Record<QualitySampleReason, number>;
    const run = { period, closedCases: cases.length, queued: inserted.length, byReason };
    await tx.insert(auditLog).values({ actorId: actor.id, actorRole: actor.role, action: 'quality_review_sampled', subject: `quality/${period}`, before: null, after: run, reason: null });
    return run;
  });
}
