import { relations } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import { categoryEnum, channelEnum, outcomeEnum, stageEnum } from './enums';
import { complaints } from './complaints';

/**
 * The report roll-up: one narrow row per complaint, written with the complaint at intake and folded
 * forward by the recording activity in the transaction that writes its events
 * (`domain/report-facts.ts`). Reports aggregate these rows; they never scan the timeline. The
 * dimensions (category, department, handler) follow the complaint's projection.
 */
export const complaintFacts = pgTable(
  'complaint_facts',
  {
    complaintNumber: text('complaint_number')
      .primaryKey()
      .references(() => complaints.number),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    channel: channelEnum('channel').notNull(),
    category: categoryEnum('category'),
    departmentId: text('department_id'),
    assigneeId: text('assignee_id'),
    productKey: text('product_key'),
    /** The complainant's identity for repeat detection (see complaints.complainant_key). */
    complainantKey: text('complainant_key'),
    currentStage: stageEnum('current_stage').notNull(),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull(),
    stagesEntered: integer('stages_entered').notNull(),
    stagesBreached: integer('stages_breached').notNull().default(0),
    /** Seconds per stage in the order of STAGES (1-based in SQL), summed over ended visits. */
    stageSeconds: doublePrecision('stage_seconds').array().$type<(number | null)[]>().notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    firstStaffResponseAt: timestamp('first_staff_response_at', { withTimezone: true }),
    resolvedOnSpot: boolean('resolved_on_spot').notNull().default(false),
    closures: integer('closures').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: outcomeEnum('outcome'),
    breaches: integer('breaches').notNull().default(0),
    handlingBreaches: integer('handling_breaches').notNull().default(0),
    escalations: integer('escalations').notNull().default(0),
    reopens: integer('reopens').notNull().default(0),
    satisfaction: smallint('satisfaction'),
    /** At the follow-up visit: the customer stays a customer (service recovery); null: not asked. */
    retained: boolean('retained'),
    /**
     * The last timeline sequence number folded in. Recording a transition writes events and facts in
     * one statement guarded by this value, so a batch is folded once however often it is retried.
     */
    foldedSeq: integer('folded_seq').notNull().default(0),
  },
  (t) => [
    index('complaint_facts_received_idx').on(t.receivedAt),
    index('complaint_facts_department_idx').on(t.departmentId, t.receivedAt),
    index('complaint_facts_product_idx').on(t.productKey, t.receivedAt),
    index('complaint_facts_complainant_idx').on(t.complainantKey, t.receivedAt),
  ],
);

export const complaintFactsRelations = relations(complaintFacts, ({ one }) => ({
  complaint: one(complaints, { fields: [complaintFacts.complaintNumber], references: [complaints.number] }),
}));

export const complaintFactsSelectSchema = createSelectSchema(complaintFacts);
export type ComplaintFactsRow = typeof complaintFacts.$inferSelect;
export type NewComplaintFactsRow = typeof complaintFacts.$inferInsert;
