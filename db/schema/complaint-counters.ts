import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';

/** Per-day counter behind the human-readable complaint number (CMP-YYYYMMDD-NNNNNN). */
export const complaintCounters = pgTable('complaint_counters', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

export const complaintCounterSelectSchema = createSelectSchema(complaintCounters);
