import { boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { roleEnum } from './enums';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';

export interface NotificationPreferences {
  channels?: ('email' | 'webhook' | 'in_app')[];
}

/**
 * The staff directory: who works in which department with which role, who they report to and how
 * to reach them. Assignment picks the least loaded person of a role in a department; escalation walks
 * `supervisorId` (agent/handler → supervisor → manager).
 */
export const staff = pgTable(
  'staff',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    departmentId: text('department_id').notNull(),
    /**
     * Who this person is at the organisation's OpenID provider (the token's subject claim), when it is
     * not their staff id: an access token names them by it, and the directory says what they may do.
     */
    externalSubject: text('external_subject').unique('staff_external_subject_uq'),
    email: text('email'),
    webhookUrl: text('webhook_url'),
    supervisorId: text('supervisor_id'),
    locale: text('locale').notNull().default('zh-CN'),
    preferences: jsonb('preferences').$type<NotificationPreferences>().notNull().default({}),
    active: boolean('active').notNull().default(true),
    /** Marked away (leave, training): from `awayFrom` (inclusive) until `awayUntil` (exclusive; open-ended when null). Nobody assigns work to them then. */
    awayFrom: timestamp('away_from', { withTimezone: true }),
    awayUntil: timestamp('away_until', { withTimezone: true }),
    /** When work was last assigned to them: the tie-breaker between people with equal workloads. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
  },
  (t) => [index('staff_department_role_idx').on(t.departmentId, t.role)],
);

export const staffSelectSchema = createSelectSchema(staff);
export const staffInsertSchema = createInsertSchema(staff);
export type StaffRow = typeof staff.$inferSelect;
export type NewStaffRow = typeof staff.$inferInsert;
