/**
 * Reading notifications back: a user's in-app inbox, and the delivery status of every notification
 * of a complaint for staff. The API decides who the caller is; these functions only ever return the
 * rows of the recipient they are given.
 */
import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import { notifications } from '../db/schema';
import type { NotificationStatus } from './outbox';
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

export interface InboxItem {
  id: string;
  complaintNumber: string;
  kind: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  locale: string;
  createdAt: string;
  readAt: string | null;
  read: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
  unreadCount: number;
}

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
    if (typeof value.t === 'string' && typeof value.id === 'string' && !Number.isNaN(Date.parse(value.t))) return { t: value.t, id: value.id };
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

export interface DeliveryStatusItem {
  id: string;
  kind: string;
  recipientType: string;
  recipientId: string;
  channel: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  readAt: string | null;
}

/** Every notification of a complaint with its delivery state, oldest first; no message bodies. */
export async function listForComplaint(db: DbExecutor, complaintNumber: string): Promise<DeliveryStatusItem[]> {
  const rows = await db
    .select({
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
    })
    .from(notifications)
    .where(eq(notifications.complaintNumber, complaintNumber))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    readAt: r.readAt?.toISOString() ?? null,
  }));
}
