import { boolean, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import type { CalendarYear } from '../../domain/calendar';

/**
 * Business calendars as data, one row per calendar and year, loaded from `calendars/*.json` at
 * start and replaceable through the admin API when a new State Council notice is published.
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    calendarId: text('calendar_id').notNull(),
    year: text('year').notNull(),
    provisional: boolean('provisional').notNull(),
    data: jsonb('data').$type<CalendarYear>().notNull(),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.year] })],
);

export const calendarYearSelectSchema = createSelectSchema(calendarYears);
export type CalendarYearRow = typeof calendarYears.$inferSelect;
