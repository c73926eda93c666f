import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { complaints } from './complaints';

/** Evidence is stored as references (URIs) with a note; the files themselves live elsewhere. */
export const evidence = pgTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    complaintNumber: text('complaint_number')
      .notNull()
      .references(() => complaints.number),
    uri: text('uri').notNull(),
    note: text('note'),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evidence_complaint_idx').on(t.complaintNumber)],
);

export const evidenceSelectSchema = createSelectSchema(evidence);
export const evidenceInsertSchema = createInsertSchema(evidence);
export type EvidenceRow = typeof evidence.$inferSelect;
