import { relations } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { categoryEnum, problemOriginEnum, problemStatusEnum } from './enums';
import { complaints } from './complaints';

/** A systemic problem behind several complaints, and what is being done about it (domain/problems.ts). */
export const problems = pgTable(
  'problems',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    description: text('description'),
    origin: problemOriginEnum('origin').notNull(),
    /** The hot spot or product it was opened from, when it was. */
    category: categoryEnum('category'),
    productKey: text('product_key'),
    status: problemStatusEnum('status').notNull().default('open'),
    correctiveAction: text('corrective_action'),
    ownerId: text('owner_id'),
    dueDate: date('due_date', { mode: 'string' }),
    resolution: text('resolution'),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problems_status_idx').on(t.status, t.openedAt)],
);

/** Which complaints show a problem; a complaint may show several. */
export const problemComplaints = pgTable(
  'problem_complaints',
  {
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    complaintNumber: text('complaint_number')
      .notNull()
      .references(() => complaints.number),
    linkedBy: text('linked_by').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.complaintNumber] }), index('problem_complaints_complaint_idx').on(t.complaintNumber)],
);

export const problemsRelations = relations(problems, ({ many }) => ({ complaints: many(problemComplaints) }));
export const problemComplaintsRelations = relations(problemComplaints, ({ one }) => ({
  problem: one(problems, { fields: [problemComplaints.problemId], references: [problems.id] }),
  complaint: one(complaints, { fields: [problemComplaints.complaintNumber], references: [complaints.number] }),
}));

export const problemSelectSchema = createSelectSchema(problems);
export const problemInsertSchema = createInsertSchema(problems);
export type ProblemRow = typeof problems.$inferSelect;
