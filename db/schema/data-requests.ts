import { relations } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import { complaints } from './complaints';
import { dataRequestKindEnum, dataRequestStatusEnum } from './enums';

/** What the person asked to be corrected (only these fields, on every complaint of theirs). */
export interface RequestedCorrection {
  name?: string;
  phone?: string;
  email?: string;
}

/**
 * A person's request about their personal data (domain/data-requests.ts), made through the tracking
 * page, by a signed-in customer or by staff on their behalf. The person is the complainant of
 * `complaintNumber` and of every complaint with the same complainant key.
 */
export const dataRequests = pgTable(
  'data_requests',
  {
    id: text('id').primaryKey(),
    complaintNumber: text('complaint_number')
      .notNull()
      .references(() => complaints.number),
    /** The person, as repeat detection knows them (complaints.complainant_key). */
    complainantKey: text('complainant_key'),
    kind: dataRequestKindEnum('kind').notNull(),
    /** The person's own words; erased with their data. */
    details: text('details'),
    correction: jsonb('correction').$type<RequestedCorrection>(),
    /** `tracking_link`, `customer_account` or the staff id who took it down. */
    receivedVia: text('received_via').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** The last day to answer, in the organisation's time zone (the law counts days: due by its end). */
    dueLastDay: date('due_last_day', { mode: 'string' }).notNull(),
    assigneeId: text('assignee_id').notNull(),
    status: dataRequestStatusEnum('status').notNull().default('open'),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    missedAt: timestamp('missed_at', { withTimezone: true }),
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** A refusal's reason, or the handler's note on the answer. */
    answerNote: text('answer_note'),
    /** The export (access and copy), until `exportExpiresAt`; then the sweep removes it. */
    export: jsonb('export').$type<Record<string, unknown>>(),
    exportExpiresAt: timestamp('export_expires_at', { withTimezone: true }),
    workflowStartedAt: timestamp('workflow_started_at', { withTimezone: true }),
  },
  (t) => [index('data_requests_assignee_idx').on(t.assigneeId, t.status, t.dueAt), index('data_requests_complaint_idx').on(t.complaintNumber), index('data_requests_person_idx').on(t.complainantKey)],
);

export const dataRequestsRelations = relations(dataRequests, ({ one }) => ({
  complaint: one(complaints, { fields: [dataRequests.complaintNumber], references: [complaints.number] }),
}));

export const dataRequestSelectSchema = createSelectSchema(dataRequests);
export type DataRequestRow = typeof dataRequests.$inferSelect;
