import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { roleEnum, stageEnum, timelineEventTypeEnum } from './enums';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { complaints } from './complaints';

/**
 * Append-only history of a complaint [000 §一.3]. The id is deterministic (complaint number and the
 * workflow's event sequence), so an activity retried after a crash writes the same row once.
 */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: text('id').primaryKey(),
    complaintNumber: text('complaint_number')
      .notNull()
      .references(() => complaints.number),
    seq: integer('seq').notNull(),
    type: timelineEventTypeEnum('type').notNull(),
    stage: stageEnum('stage').notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: roleEnum('actor_role').notNull(),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Internal events (notes between staff) are hidden from the customer. */
    internal: boolean('internal').notNull().default(false),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('timeline_events_complaint_seq_uq').on(t.complaintNumber, t.seq), index('timeline_events_type_idx').on(t.type)],
);

export const timelineEventSelectSchema = createSelectSchema(timelineEvents);
export const timelineEventInsertSchema = createInsertSchema(timelineEvents);
export type TimelineEventRow = typeof timelineEvents.$inferSelect;
