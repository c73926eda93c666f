import { relations, sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import type { QualitySampleReason, ScorecardCriterion } from '../../domain/quality-review';
import { qualityDisputeDecisionEnum, qualityReviewStatusEnum } from './enums';
import { complaints } from './complaints';

/**
 * A quality review (质检) of a closed case, written beside it (domain/quality-review.ts): why it was
 * sampled, the scorecard it is scored on (kept with the review, so a later scorecard does not
 * change it), the scores, the coaching note, the handler's answer and a supervisor's decision.
 */
export const qualityReviews = pgTable(
  'quality_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    complaintNumber: text('complaint_number')
      .notNull()
      .references(() => complaints.number),
    /** The sampling period ('2026-11' or '2026-W48'). */
    period: text('period').notNull(),
    handlerId: text('handler_id').notNull(),
    departmentId: text('department_id'),
    reasons: text('reasons').array().$type<QualitySampleReason[]>().notNull(),
    status: qualityReviewStatusEnum('status').notNull().default('queued'),
    scorecard: jsonb('scorecard').$type<ScorecardCriterion[]>().notNull(),
    reviewerId: text('reviewer_id'),
    scores: jsonb('scores').$type<Record<string, number>>(),
    total: doublePrecision('total'),
    faults: text('faults').array().notNull().default(sql`'{}'::text[]`),
    coachingNote: text('coaching_note'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    handlerResponse: text('handler_response'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    decision: qualityDisputeDecisionEnum('decision'),
    decisionNote: text('decision_note'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('quality_reviews_complaint_period_key').on(t.complaintNumber, t.period),
    index('quality_reviews_status_idx').on(t.status, t.createdAt),
    index('quality_reviews_handler_idx').on(t.handlerId, t.period),
  ],
);

export const qualityReviewsRelations = relations(qualityReviews, ({ one }) => ({
  complaint: one(complaints, { fields: [qualityReviews.complaintNumber], references: [complaints.number] }),
}));

export const qualityReviewSelectSchema = createSelectSchema(qualityReviews);
export type QualityReviewRow = typeof qualityReviews.$inferSelect;
