import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { notificationChannelEnum, notificationKindEnum, notificationStatusEnum, recipientTypeEnum } from './enums';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';

/**
 * Outbox of every notification. The id is deterministic (complaint + event + recipient + channel):
 * the row is written before delivery, and delivery looks at it first, so a retry never sends twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    complaintNumber: text('complaint_number').notNull(),
    kind: notificationKindEnum('kind').notNull(),
    recipientType: recipientTypeEnum('recipient_type').notNull(),
    recipientId: text('recipient_id').notNull(),
    channel: notificationChannelEnum('channel').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    status: notificationStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When the current delivery attempt claimed the row; a stale claim means the attempt died. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_complaint_idx').on(t.complaintNumber),
    index('notifications_recipient_idx').on(t.recipientType, t.recipientId, t.createdAt),
    index('notifications_status_idx').on(t.status),
  ],
);

export const notificationSelectSchema = createSelectSchema(notifications);
export const notificationInsertSchema = createInsertSchema(notifications);
export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;
