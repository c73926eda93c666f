import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';

/**
 * Answers already given for an `Idempotency-Key`, per caller and route, so a repeated request
 * returns the first answer instead of acting twice. Answers expire (domain/retention.ts, `copies`).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    /** The complaint the answer is about, so it is erased with the complaint's personal data (it may quote it). */
    complaintNumber: text('complaint_number'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt), index('idempotency_keys_complaint_idx').on(t.complaintNumber)],
);

export const idempotencyKeySelectSchema = createSelectSchema(idempotencyKeys);
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
