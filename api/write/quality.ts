/**
 * Quality review (质检, domain/quality-review.ts), written beside the cases — never on them: the
 * sampling run that fills the queue, the quality team's scores and coaching note, the handler's
 * answer, and a supervisor's decision on a dispute (audited).
 */
import { and, eq } from 'drizzle-orm';
import type { Database, DbExecutor } from '../../db/client';
import { complaints, qualityReviews, staff, type QualityReviewRow } from '../../db/schema';
import { sampleClosedCases } from '../../db/quality-sampling';
import type { NotificationAudience } from '../../domain/notification-kinds';
import type { NotificationService } from '../../notifications/service';
import type { Actor } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import { DEFAULT_QUALITY_REVIEW, scoreReview } from '../../domain/quality-review';
import { forbiddenError, validationFailed, wrongStatusError } from '../http/errors';
import { reviewInScope, reviewOut } from '../read/quality';
import type { Viewer } from '../read/scopes';
import { recordAudit } from './audit';

/** The quality team's sampling run over a period (`db/quality-sampling.ts`; the schedule runs it after each period too). */
export async function runSampling(db: Database, actor: Actor, period: string, policy: Policy) {
  const rule = policy.qualityReview ?? DEFAULT_QUALITY_REVIEW;
  const run = await sampleClosedCases(db, actor, period, rule, policy.calendar.utcOffsetMinutes);
  if (!run) throw validationFailed([{ path: 'period', message: `a ${rule.period === 'week' ? "ISO week '2026-W48'" : "month '2026-11'"}: the policy samples by ${rule.period}` }]);
  return run;
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
  if (row.status !== 'queued') throw wrongStatusError(row.status, `the review is ${row.status}: only a queued review is scored`);
  const scored = scoreReview(row.scorecard, body.scores, (policy.qualityReview ?? DEFAULT_QUALITY_REVIEW).faultAtOrBelow);
  if ('issues' in scored) throw validationFailed(scored.issues);
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .update(qualityReviews)
      .set({ status: 'scored', reviewerId: viewer.id, scores: body.scores, total: scored.total, faults: scored.faults, coachingNote: body.coachingNote, scoredAt: new Date() })
      .where(and(eq(qualityReviews.id, id), eq(qualityReviews.status, 'queued')))
      .returning();
    if (!stored) throw wrongStatusError('scored', 'the review was scored meanwhile');
    await tell(tx, notifications, stored, 'scored');
    return reviewOut(stored);
  });
}

/** The handler reviewed accepts the scores, or disputes them (their supervisor then decides). */
export async function answerQualityReview(db: Database, notifications: NotificationService, viewer: Viewer, id: number, body: { agree: boolean; text: string }) {
  const row = await reviewInScope(db, viewer, id);
  if (row.handlerId !== viewer.id) throw forbiddenError('only the person reviewed answers a review');
  if (row.status !== 'scored') throw wrongStatusError(row.status, `the review is ${row.status}: a scored review is answered once`);
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .update(qualityReviews)
      .set({ status: body.agree ? 'accepted' : 'disputed', handlerResponse: body.text, respondedAt: new Date() })
      .where(and(eq(qualityReviews.id, id), eq(qualityReviews.status, 'scored')))
      .returning();
    if (!stored) throw wrongStatusError(row.status, 'the review was answered meanwhile');
    if (!body.agree) await tell(tx, notifications, stored, 'disputed');
    return reviewOut(stored);
  });
}

/** A lead above the handler decides a dispute: the scores stand, or they are revised (the first ones stay in the audit trail). */
export async function decideQualityDispute(db: Database, notifications: NotificationService, viewer: Viewer, id: number, body: { decision: 'upheld' | 'revised'; note: string; scores?: Record<string, number> }, policy: Policy) {
  const row = await reviewInScope(db, viewer, id);
  if (row.handlerId === viewer.id) throw forbiddenError('a dispute is decided by a lead above the person reviewed');
  if (row.status !== 'disputed') throw wrongStatusError(row.status, `the review is ${row.status}: only a disputed review is decided`);
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
    if (!stored) throw wrongStatusError('decided', 'the dispute was decided meanwhile');
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
