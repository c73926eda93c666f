/**
 * Reading notifications back: a user's in-app inbox, and the delivery status of every notification
 * of a complaint for staff. The API decides who the caller is; these functions only ever return the
 * rows of the recipient they are given.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import { z } from 'zod';
import { complaints, notificationSelectSchema, notifications } from '../db/schema';
import { hasControlCharacters } from '../domain/text';
import type { RecipientType } from './recipients';

export interface Recipient {
  recipientType: RecipientType;
  recipientId: string;
}

export interface InboxQuery extends Recipient {
  unreadOnly?: boolean;
  /** 1–100, default 20. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** One in-app notification as its recipient reads it (the answer's schema: the OpenAPI document shows it). */
export const inboxItemSchema = z.object({
  id: z.string(),
  complaintNumber: z.string(),
  kind: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  bodyHtml: z.string().nullable(),
  locale: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
  read: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxPageSchema = z.object({
  items: z.array(inboxItemSchema),
  nextCursor: z.string().optional().describe('Pass as `cursor` for the next (older) page; absent on the last page.'),
  unreadCount: z.int().min(0),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

export class InvalidCursorError extends Error {
  constructor() {
    super('invalid inbox cursor');
    this.name = 'InvalidCursorError';
  }
}

interface CursorPosition {
  t: string;
  id: string;
}

// The cursor carries PostgreSQL's own microsecond timestamp: a JS Date would round it to
// milliseconds, and the page boundary would skip or repeat rows.
const createdAtText = sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPosition>;
    // Exactly what encodeCursor writes: PostgreSQL's microsecond UTC time and a notification id.
    const exactTime = typeof value.t === 'string' && /^(19[7-9]\d|2[01]\d\d)-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(value.t) && !Number.isNaN(Date.parse(value.t));
    const plainId = typeof value.id === 'string' && value.id.length > 0 && value.id.length <= 400 && !hasControlCharacters(value.id, false);
    if (exactTime && plainId) return { t: value.t!, id: value.id! };
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

function ownInApp(recipient: Recipient): SQL {
  return and(eq(notifications.recipientType, recipient.recipientType), eq(notifications.recipientId, recipient.recipientId), eq(notifications.channel, 'in_app'))!;
}

/** Newest first. */
export async function listInbox(db: DbExecutor, query: InboxQuery): Promise<InboxPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), 100);
  const conditions: SQL[] = [ownInApp(query)];
  if (query.unreadOnly) conditions.push(isNull(notifications.readAt));
  if (query.cursor) {
    const at = decodeCursor(query.cursor);
    conditions.push(sql`(${notifications.createdAt}, ${notifications.id}) < (${at.t}::timestamptz, ${at.id})`);
  }
  const rows = await db
    .select({
      id: notifications.id,
      complaintNumber: notifications.complaintNumber,
      kind: notifications.kind,
      subject: notifications.subject,
      bodyText: notifications.bodyText,
      bodyHtml: notifications.bodyHtml,
      locale: notifications.locale,
      createdAt: notifications.createdAt,
      createdAtText,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      complaintNumber: r.complaintNumber,
      kind: r.kind,
      subject: r.subject,
      bodyText: r.bodyText,
      bodyHtml: r.bodyHtml,
      locale: r.locale,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
      read: r.readAt !== null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAtText, id: last.id }) : undefined,
    unreadCount: await countUnread(db, query),
  };
}

export async function countUnread(db: DbExecutor, recipient: Recipient): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(ownInApp(recipient), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * Marks one of the recipient's own in-app notifications read (the first read time is kept).
 * Returns false when there is no such notification for this recipient: the API answers 404 either
 * way, so nobody learns that someone else's notification exists.
 */
export async function markRead(db: DbExecutor, id: string, recipient: Recipient): Promise<boolean> {
  const updated = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), ownInApp(recipient)))
    .returning({ id: notifications.id });
  return updated.length > 0;
}

/** Returns how many were unread. */
export async function markAllRead(db: DbExecutor, recipient: Recipient): Promise<number> {
  const updated = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(ownInApp(recipient), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

/** One notification (a row of the outbox) and how its delivery went; no message bodies. Columns from the table's own schema. */
export const deliveryStatusSchema = notificationSelectSchema.pick({ id: true, kind: true, recipientType: true, recipientId: true, channel: true, status: true, lastError: true }).extend({
  attempts: z.int().min(0),
  createdAt: z.iso.datetime({ offset: true }),
  sentAt: z.iso.datetime({ offset: true }).nullable(),
  readAt: z.iso.datetime({ offset: true }).nullable().describe('In-app notifications: when the recipient read it.'),
});
export type DeliveryStatusItem = z.infer<typeof deliveryStatusSchema>;

const deliveryColumns = {
  id: notifications.id,
  kind: notifications.kind,
  recipientType: notifications.recipientType,
  recipientId: notifications.recipientId,
  channel: notifications.channel,
  status: notifications.status,
  attempts: notifications.attempts,
  lastError: notifications.lastError,
  createdAt: notifications.createdAt,
  sentAt: notifications.sentAt,
  readAt: notifications.readAt,
};

function deliveryItem(r: { createdAt: Date; sentAt: Date | null; readAt: Date | null } & Omit<DeliveryStatusItem, 'createdAt' | 'sentAt' | 'readAt'>): DeliveryStatusItem {
  return { ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null, readAt: r.readAt?.toISOString() ?? null };
}

/** Every notification of a complaint with its delivery state, oldest first; no message bodies. */
export async function listForComplaint(db: DbExecutor, complaintNumber: string): Promise<DeliveryStatusItem[]> {
  const rows = await db.select(deliveryColumns).from(notifications).where(eq(notifications.complaintNumber, complaintNumber)).orderBy(asc(notifications.createdAt), asc(notifications.id));
  return rows.map(deliveryItem);
}

/** Notifications that need a person's decision (`unconfirmed`: maybe delivered; `failed`: not delivered), oldest first. */
export async function listForOperators(db: DbExecutor, status: 'unconfirmed' | 'failed', limit: number, complaintsInScope?: SQL): Promise<(DeliveryStatusItem & { complaintNumber: string })[]> {
  const rows = await db
    .select({ ...deliveryColumns, complaintNumber: notifications.complaintNumber })
    .from(notifications)
    .where(and(eq(notifications.status, status), complaintsInScope ? inArray(notifications.complaintNumber, db.select({ number: complaints.number }).from(complaints).where(complaintsInScope)) : undefined))
    .orderBy(asc(notifications.createdAt), asc(notifications.id))
    .limit(limit);
  return rows.map((r) => ({ ...deliveryItem(r), complaintNumber: r.complaintNumber }));
}

/**
 * An operator decided that an `unconfirmed` or `failed` e-mail/webhook is to be sent (again): the row
 * goes back to `pending` with a fresh count of attempts and a note of who decided and why, and the
 * worker's outbox sweep delivers it within a minute. Returns false when the row is not in such a state.
 */
export async function requestResend(db: DbExecutor, id: string, by: string, reason: string): Promise<boolean> {
  const updated = await db
    .update(notifications)
    // A claim time at the epoch makes the row due for the sweep's next pass (it takes stale rows up).
    .set({ status: 'pending', attempts: 0, claimedAt: new Date(0), lastError: `resend requested by ${by}: ${reason}` })
    .where(and(eq(notifications.id, id), inArray(notifications.status, ['unconfirmed', 'failed']), inArray(notifications.channel, ['email', 'webhook'])))
    .returning({ id: notifications.id });
  return updated.length > 0;
}
