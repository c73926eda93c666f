import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import type { RetentionPolicy, RetentionRunCounts } from '../../domain/retention';

/** One row per retention sweep (the schedule's workflow run): what it erased, as counts, never data. */
export const retentionRuns = pgTable('retention_runs', {
  /** The sweep's workflow run id: a retried activity records the same run once. */
  id: text('id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  /** The rules the run applied. */
  rules: jsonb('rules').$type<RetentionPolicy>().notNull(),
  counts: jsonb('counts').$type<RetentionRunCounts>().notNull(),
  /** Complaints touched in all (a complaint counted once however many kinds it lost). */
  complaints: integer('complaints').notNull().default(0),
});

export const retentionRunSelectSchema = createSelectSchema(retentionRuns);
export type RetentionRunRow = typeof retentionRuns.$inferSelect;
