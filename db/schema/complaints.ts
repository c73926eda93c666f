import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import type { EscalationLevel } from '../../domain/model';
import { categoryEnum, channelEnum, gradeEnum, legalHoldReasonEnum, legalRegimeEnum, outcomeEnum, roleEnum, severityEnum, stageEnum } from './enums';
import type { PersonalDataKind } from '../../domain/retention';
import type { MajorReviewSummary } from '../../domain/major-review';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';

export interface ComplaintSubject {
  productName?: string;
  orderNumber?: string;
  sku?: string;
  amountMinor?: number;
  currency?: string;
}

/**
 * One row per complaint: the intake as received plus a projection of the workflow's state that
 * activities keep current (stage, owner, deadlines), so lists and reports never query the engine.
 * Contact fields are personal data: they never leave this table except to notify the complainant.
 */
export const complaints = pgTable(
  'complaints',
  {
    number: text('number').primaryKey(),
    channel: channelEnum('channel').notNull(),
    complainantName: text('complainant_name').notNull(),
    complainantPhone: text('complainant_phone'),
    complainantEmail: text('complainant_email'),
    customerId: text('customer_id'),
    /**
     * Who complained, for repeat detection without contact data: the key of an earlier complaint with
     * the same customer id, phone or e-mail (keyed hashes, runtime/contact-keys.ts), else a new one.
     */
    complainantKey: text('complainant_key'),
    /** Keyed hashes (HMAC) of the normalised phone and e-mail: they match, they do not reveal. */
    phoneKey: text('phone_key'),
    emailKey: text('email_key'),
    preferredLocale: text('preferred_locale').notNull().default('zh-CN'),
    subject: jsonb('subject').$type<ComplaintSubject>().notNull(),
    productKey: text('product_key'),
    description: text('description').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    occurredWhere: text('occurred_where'),
    desiredResolution: text('desired_resolution'),
    receivedBy: text('received_by'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** When the company really received it, when intake recorded an earlier time (a letter opened late); legal clocks count from it. */
    companyReceivedAt: timestamp('company_received_at', { withTimezone: true }),
    /** The legal regime (domain/legal-regimes.ts), given at intake or triage, and the regulator's transfer. */
    regime: legalRegimeEnum('regime'),
    regulatorReference: text('regulator_reference'),
    regulatorOffice: text('regulator_office'),
    /** The end of the reply day the regulator set. */
    regulatorDueAt: timestamp('regulator_due_at', { withTimezone: true }),
    /** Projection: the nearest binding legal due time still owed, and whether one was missed. */
    legalDueAt: timestamp('legal_due_at', { withTimezone: true }),
    legalMissed: boolean('legal_missed').notNull().default(false),
    // Projection of the workflow state; `stateVersion` only ever grows so a late retry cannot roll it back.
    stage: stageEnum('stage').notNull().default('received'),
    category: categoryEnum('category'),
    severity: severityEnum('severity'),
    grade: gradeEnum('grade'),
    departmentId: text('department_id'),
    assigneeId: text('assignee_id'),
    /** While a proposal waits for approval: the role whose tier covers it (work queues of approvers). */
    approverRole: roleEnum('approver_role'),
    /** While a follow-up visit is due: the visiting agent. */
    followUpAssigneeId: text('follow_up_assignee_id'),
    /** Task-force lead and members, when one was formed. */
    taskForceIds: text('task_force_ids').array().notNull().default(sql`'{}'::text[]`),
    /**
     * A major case's legal and PR reviews (domain/major-review.ts) as the workspace lists them; their
     * owners and departments reach the case (`reviewer` in domain/scopes.ts).
     */
    majorReviews: jsonb('major_reviews').$type<MajorReviewSummary[]>().notNull().default([]),
    reviewerIds: text('reviewer_ids').array().notNull().default(sql`'{}'::text[]`),
    reviewDepartmentIds: text('review_department_ids').array().notNull().default(sql`'{}'::text[]`),
    escalationLevel: smallint('escalation_level').$type<EscalationLevel>().notNull().default(0),
    slaBreached: boolean('sla_breached').notNull().default(false),
    possiblySystemic: boolean('possibly_systemic').notNull().default(false),
    nextDeadlineAt: timestamp('next_deadline_at', { withTimezone: true }),
    outcome: outcomeEnum('outcome'),
    /** With outcome `duplicate`: the complaint this one repeats. */
    duplicateOf: text('duplicate_of'),
    satisfaction: smallint('satisfaction'),
    reopenCount: integer('reopen_count').notNull().default(0),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    lastTransitionAt: timestamp('last_transition_at', { withTimezone: true }).notNull().defaultNow(),
    stateVersion: integer('state_version').notNull().default(0),
    workflowStartedAt: timestamp('workflow_started_at', { withTimezone: true }),
    /** The tracking link: SHA-256 of its secret (null: revoked), and its generation (the secret derives from it). */
    trackingSecretHash: text('tracking_secret_hash'),
    trackingGeneration: integer('tracking_generation').notNull().default(1),
    /**
     * Retention (domain/retention.ts): when the process was seen to have ended (the sweep asks the
     * engine once), a legal hold that keeps the personal data past its periods, and which kinds of
     * it were erased when.
     */
    processEndedAt: timestamp('process_ended_at', { withTimezone: true }),
    legalHoldReason: legalHoldReasonEnum('legal_hold_reason'),
    legalHoldNote: text('legal_hold_note'),
    legalHoldBy: text('legal_hold_by'),
    legalHoldAt: timestamp('legal_hold_at', { withTimezone: true }),
    personalDataErased: jsonb('personal_data_erased').$type<Partial<Record<PersonalDataKind | 'history', string>>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('complaints_stage_idx').on(t.stage),
    index('complaints_received_at_idx').on(t.receivedAt),
    index('complaints_assignee_deadline_idx').on(t.assigneeId, t.nextDeadlineAt),
    index('complaints_customer_idx').on(t.customerId),
    index('complaints_complainant_key_idx').on(t.complainantKey, t.receivedAt).where(sql`${t.complainantKey} is not null`),
    index('complaints_phone_key_idx').on(t.phoneKey).where(sql`${t.phoneKey} is not null`),
    index('complaints_email_key_idx').on(t.emailKey).where(sql`${t.emailKey} is not null`),
    index('complaints_follow_up_assignee_idx').on(t.followUpAssigneeId).where(sql`${t.followUpAssigneeId} is not null`),
    index('complaints_task_force_idx').using('gin', t.taskForceIds),
    index('complaints_reviewer_idx').using('gin', t.reviewerIds),
    index('complaints_duplicate_of_idx').on(t.duplicateOf).where(sql`${t.duplicateOf} is not null`),
    index('complaints_product_key_idx').on(t.productKey, t.receivedAt),
    index('complaints_legal_due_idx').on(t.legalDueAt).where(sql`${t.legalDueAt} is not null`),
    index('complaints_retention_idx').on(t.closedAt).where(sql`${t.closedAt} is not null and ${t.legalHoldReason} is null`),
    index('complaints_unstarted_idx').on(t.createdAt).where(sql`${t.workflowStartedAt} is null`),
  ],
);

export const complaintSelectSchema = createSelectSchema(complaints);
export const complaintInsertSchema = createInsertSchema(complaints);
export type ComplaintRow = typeof complaints.$inferSelect;
export type NewComplaintRow = typeof complaints.$inferInsert;
