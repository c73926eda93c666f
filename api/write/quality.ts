/**
 * Quality review (质检, domain/quality-review.ts), written beside the cases — never on them: the
 * sampling run that fills the queue, the quality team's scores and coaching note, the handler's
 * answer, and a supervisor's decision on a dispute (audited).
 */
import { and, eq, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Database, DbExecutor } from '../../db/client';
import { complaintFacts, complaints, qualityReviews, staff, type QualityReviewRow } from '../../db/schema';
import type { NotificationAudience } from '../../domain/notification-kinds';
import type { NotificationService } from '../../notifications/service';
import type { Actor } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import { DEFAULT_QUALITY_REVIEW, periodBounds, QUALITY_SAMPLE_REASONS, sampleForReview, scoreReview, type ClosedCase, type QualitySampleReason } from '../../domain/quality-review';
import { forbiddenError, HttpError, validationFailed } from '../http/errors';
import { reviewInScope, reviewOut } from '../read/quality';
import type { Viewer } from '../read/scopes';
import { recordAudit } from './audit';

/** Outcomes of a handled case (a withdrawal, an invalid or duplicate complaint has no handling to review). */
const HANDLED = ['resolved', 'unresolved'] as const;

const wrongStatus = (status: string, message: string) => new HttpError(409, 'wrong_status', message, { status });

/** Applies the sampling rule to the cases closed in `period`; a case already queued for it is not added again. */
export async function runSampling(db: Database, actor: Actor, period: string, policy: Policy) {
  const rule = policy.qualityReview ?? DEFAULT_QUALITY_REVIEW;
  const bounds = periodBounds(period, policy.calendar.utcOffsetMinutes);
  if (!bounds) throw validationFailed([{ path: 'period', message: "not a month '2026-11' or an ISO week '2026-W48'" }]);
  if ((rule.period === 'week') !== period.includes('W')) throw validationFailed([{ path: 'period', message: `the policy samples by ${rule.period}` }]);
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
            .returning({ reasons: qualityReviews.reasons });
    const byReason = Object.fromEntries(QUALITY_SAMPLE_REASONS.map((r) => [r, sampled.filter((s) => s.reasons.includes(r)).length])) as Record<QualitySampleReason, number>;
    const answer = { period, closedCases: cases.length, queued: inserted.length, byReason };
    await recordAudit(tx, { actor, action: 'quality_review_sampled', subject: `quality/${period}`, after: answer });
    return answer;
  });
}

/**
 * Tells the person reviewed (scored, decided) or the lead above them (disputed), in the transaction of
 * the change; the notice's id follows from the review and the event, so it is stored once.
 */
async function tell(tx: DbExecutor, notifications: NotificationService, review: QualityReviewRow, event: 'scored' | 'disputed' | 'decided'): Promise<void> {
  const [complaint] = await tx.select({ stage: complaints.stage }).from(complaints).where(eq(complaints.number, review.complaintNumber));
  let to: NotificationAudience = { type: 'staff', id: review.handlerId };
  if (event === 'disputed') {
    const [person] = await tx.select({ supervisorId: staff.supervisorId }).from(staff).where(eq(staff.id, review.handlerId));
    to = person?.supervisorId ? { type: 'staff', id: person.supervisorId } : { type: 'role', role: 'supervisor', departmentId: review.departmentId ?? undefined };
  }
  const data = { number: review.complaintNumber, stage: complaint?.stage ?? 'closed', reviewId: review.id, event, ...(review.total !== null ? { total: review.total } : {}) };
  await notifications.enqueue(tx, { complaintNumber: review.complaintNumber, eventId: `quality-review:${review.id}:${event}`, occurredAt: new Date().toISOString() }, [{ kind: 'quality_review', to, data }]);
}

/** The quality team scores a queued review against the scorecard it was queued with. */
export async function scoreQualityReview(db: Database, notifications: NotificationService, viewer: Viewer, id: number, body: { scores: Record<string, number>; coachingNote: string }, policy: Policy) {
  const row = await reviewInScope(db, viewer, id);
  if (row.status !== 'queued') throw wrongStatus(row.status, `the review is ${row.status}: only a queued review is scored`);
  const scored = scoreReview(row.scorecard, body.scores, (policy.qualityReview ?? DEFAULT_QUALITY_REVIEW).faultAtOrBelow);
  if ('issues' in scored) throw validationFailed(scored.issues);
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .update(qualityReviews)
      .set({ status: 'scored', reviewerId: viewer.id, scores: body.scores, total: scored.total, faults: scored.faults, coachingNote: body.coachingNote, scoredAt: new Date() })
      .where(and(eq(qualityReviews.id, id), eq(qualityReviews.status, 'queued')))
      .returning();
    if (!stored) throw wrongStatus('scored', 'the review was scored meanwhile');
    await tell(tx, notifications, stored, 'scored');
    return reviewOut(stored);
  });
}

/** The handler reviewed accepts the scores, or disputes them (their supervisor then decides). */
export async function answerQualityReview(db: Database, notifications: NotificationService, viewer: Viewer, id: number, body: { agree: boolean; text: string }) {
  const row = await reviewInScope(db, viewer, id);
  if (row.handlerId !== viewer.id) throw forbiddenError('only the person reviewed answers a review');
  if (row.status !== 'scored') throw wrongStatus(row.status, `the review is ${row.status}: a scored review is answered once`);
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .update(qualityReviews)
      .set({ status: body.agree ? 'accepted' : 'disputed', handlerResponse: body.text, respondedAt: new Date() })
      .where(and(eq(qualityReviews.id, id), eq(qualityReviews.status, 'scored')))
      .returning();
    if (!stored) throw wrongStatus(row.status, 'the review was answered meanwhile');
    if (!body.agree) await tell(tx, notifications, stored, 'disputed');
    return reviewOut(stored);
  });
}

/** A lead above the handler decides a dispute: the scores stand, or they are revised (the first ones stay in the audit trail). */
export async function decideQualityDispute(db: Database, notifications: NotificationService, viewer: Viewer, id: number, body: { decision: 'upheld' | 'revised'; note: string; scores?: Record<string, number> }, policy: Policy) {
  const row = await reviewInScope(db, viewer, id);
  if (row.handlerId === viewer.id) throw forbiddenError('a dispute is decided by a lead above the person reviewed');
  if (row.status !== 'disputed') throw wrongStatus(row.status, `the review is ${row.status}: only a disputed review is decided`);
  let revised: { scores: Record<string, number>; total: number; faults: string[] } | undefined;
  if (body.decision === 'revised') {
    const scored = scoreReview(row.scorecard, body.scores!, (policy.qualityReview ?? DEFAULT_QUALITY_REVIEW).faultAtOrBelow);
    if ('issues' in scored) throw validationFailed(scored.issues);
    revised = { scores: body.scores!, ...scored };
  }
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .update(qualityReviews)
      .set({ status: 'decided', decision: body.decision, decisionNote: body.note, decidedBy: viewer.id, decidedAt: new Date(), ...(revised ?? {}) })
      .where(and(eq(qualityReviews.id, id), eq(qualityReviews.status, 'disputed')))
      .returning();
    if (!stored) throw wrongStatus('decided', 'the dispute was decided meanwhile');
    await recordAudit(tx, {
      actor: viewer,
      action: 'quality_dispute_decided',
      subject: `quality-review/${id}`,
      before: { scores: row.scores, total: row.total, faults: row.faults, handlerResponse: row.handlerResponse },
      after: { decision: body.decision, scores: stored.scores, total: stored.total, faults: stored.faults },
      reason: body.note,
    });
    await tell(tx, notifications, stored, 'decided');
    return reviewOut(stored);
  });
}
