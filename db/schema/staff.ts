import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { roleEnum } from './enums';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';

export interface NotificationPreferences {
  channels?: ('email' | 'webhook' | 'in_app')[];
}

/**
 * The staff directory: who works in which department with which role, and how to reach them.
 * Escalation and reassignment walk it (agent → supervisor → manager of the department).
 */
export const staff = pgTable(
  'staff',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    departmentId: text('department_id').notNull(),
    email: text('email'),
    webhookUrl: text('webhook_url'),
    supervisorId: text('supervisor_id'),
    locale: text('locale').notNull().default('zh-CN'),
    preferences: jsonb('preferences').$type<NotificationPreferences>().notNull().default({}),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('staff_department_role_idx').on(t.departmentId, t.role)],
);

export const staffSelectSchema = createSelectSchema(staff);
export const staffInsertSchema = createInsertSchema(staff);
export type StaffRow = typeof staff.$inferSelect;
export type NewStaffRow = typeof staff.$inferInsert;
