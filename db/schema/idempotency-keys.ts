import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';

/**
 * Answers already given for an `Idempotency-Key`, per caller and route, so a repeated request
 * returns the first answer instead of acting twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const idempotencyKeySelectSchema = createSelectSchema(idempotencyKeys);
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
