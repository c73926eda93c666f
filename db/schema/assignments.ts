import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import { roleEnum } from './enums';

/**
 * Every assignment decision the workflow asked for, by a key the workflow derives (complaint, purpose,
 * event sequence): the activity that decides runs at least once, and a retry answers with the decision
 * already taken instead of picking someone else.
 */
export const assignments = pgTable(
  'assignments',
  {
    key: text('key').primaryKey(),
    complaintNumber: text('complaint_number').notNull(),
    role: roleEnum('role').notNull(),
    departmentId: text('department_id'),
    /** Null when nobody of the role could be found anywhere. */
    staffId: text('staff_id'),
    /** How the person was found: `department`, `department_supervisor`, `anywhere`, `org_chart`, or `none`. */
    via: text('via').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assignments_complaint_idx').on(t.complaintNumber)],
);

export const assignmentSelectSchema = createSelectSchema(assignments);
export type AssignmentRow = typeof assignments.$inferSelect;
