import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import { auditActionEnum, roleEnum } from './enums';

/**
 * The audit trail: administrative changes and sensitive reads (`domain/audit.ts`), one row each, in
 * the same transaction as the change. Append-only: a trigger (migration 0008) refuses UPDATE and
 * DELETE, for the service's database role as for any other.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** Staff id, or the identity refused (`<issuer> <subject>` for `sign_in_refused`). */
    actorId: text('actor_id').notNull(),
    actorRole: roleEnum('actor_role'),
    action: auditActionEnum('action').notNull(),
    /** What was changed or read: a staff id, `calendar/year`, a complaint number, a problem or notification id. */
    subject: text('subject').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    reason: text('reason'),
  },
  (t) => [index('audit_log_occurred_idx').on(t.occurredAt), index('audit_log_subject_idx').on(t.subject), index('audit_log_action_idx').on(t.action, t.occurredAt)],
);

export const auditLogSelectSchema = createSelectSchema(auditLog);
export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;
