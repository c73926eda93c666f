/**
 * The outbox: every notification is a row before anything is sent. The row id is derived from what
 * the notification is (event, kind, recipient, channel), so enqueueing the same event twice (a
 * retried `recordTransition`) finds the rows already there and changes nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import { complaints, notifications, type ComplaintRow, type NewNotificationRow } from '../db/schema';
import { storedNotificationData, type NotificationData, type NotificationRequest, type NotificationStatus } from '../domain/notification-kinds';
import { redactContactData } from './privacy';
import { directoryNeedsOf, loadDirectoryEntries, resolveAudiencesFrom, type DirectoryEntry, type NotificationChannel, type RecipientOptions, type RecipientType } from './recipients';
import type { NotificationEvent } from './service';
import { renderNotification, type RenderedNotification, type RenderOptions } from './templates';

export { NOTIFICATION_STATUSES, type NotificationStatus } from '../domain/notification-kinds';

/** Final states: `deliver` returns these as they are, without touching the row. */
export const TERMINAL_STATUSES: readonly NotificationStatus[] = ['sent', 'failed', 'unconfirmed'];

export function notificationId(eventId: string, kind: string, recipientType: RecipientType, recipientId: string, channel: NotificationChannel): string {
  return `${eventId}:${kind}:${recipientType}:${recipientId}:${channel}`;
}

export interface EnqueueOptions extends RecipientOptions {
  render?: RenderOptions;
  /** The complainant's tracking link, added to their acknowledgement (not kept in the workflow's history). */
  trackingUrlFor?: (complaint: { number: string; trackingGeneration: number; trackingSecretHash: string | null }) => string | undefined;
}

/**
 * Free text in staff notifications may quote what the customer said; it must not carry their
 * contact data into the staff's mailbox or chat.
 */
function staffSafeData(data: NotificationData, known: (string | null | undefined)[]): NotificationData {
  const out: NotificationData = {};
  for (const [key, value] of Object.entries(data)) out[key] = typeof value === 'string' ? redactContactData(value, known) : value;
  return out;
}

/**
 * The outbox rows of one event: recipients resolved from `directory` (the rows `directoryNeedsOf`
 * names), channels chosen, templates rendered. Pure: the caller stores the rows.
 */
export function planNotifications(
  event: NotificationEvent,
  complaint: ComplaintRow | undefined,
  requests: readonly NotificationRequest[],
  directory: readonly DirectoryEntry[],
  options: EnqueueOptions = {},
): NewNotificationRow[] {
  if (requests.length === 0) return [];
  const known = [complaint?.complainantPhone, complaint?.complainantEmail];
  const recipientsPerRequest = resolveAudiencesFrom(
    directory,
    event.complaintNumber,
    complaint,
    requests.map((r) => r.to),
    options,
  );

  const rows = new Map<string, NewNotificationRow>();
  const now = new Date();
  requests.forEach((request, i) => {
    const rendered = new Map<string, { data: NotificationData; message: RenderedNotification }>();
    for (const recipient of recipientsPerRequest[i] ?? []) {
      const stored = storedNotificationData(request.data);
      const trackingUrl = request.kind === 'acknowledgement' && recipient.type === 'customer' && complaint?.trackingSecretHash ? options.trackingUrlFor?.(complaint) : undefined;
      for (const channel of recipient.channels) {
        const id = notificationId(event.eventId, request.kind, recipient.type, recipient.id, channel);
        if (rows.has(id)) continue;
        const inApp = channel === 'in_app';
        // The tracking link (its secret) goes only where the person receives it (e-mail, SMS); the
        // stored in-app copy never holds it, whoever might read that inbox.
        const withLink = !inApp && trackingUrl !== undefined;
        const cacheKey = `${recipient.type === 'customer' ? 'c' : 's'}:${recipient.locale}:${withLink ? 'link' : 'nolink'}`;
        let copy = rendered.get(cacheKey);
        if (!copy) {
          const data = recipient.type === 'customer' ? { ...stored, ...(withLink ? { trackingUrl } : {}) } : staffSafeData(stored, known);
          copy = { data, message: renderNotification(request.kind, recipient.locale, data, options.render) };
          rendered.set(cacheKey, copy);
        }
        const { data, message } = copy;
        rows.set(id, {
          id,
          complaintNumber: event.complaintNumber,
          kind: request.kind,
          recipientType: recipient.type,
          recipientId: recipient.id,
          channel,
          locale: recipient.locale,
          subject: message.subject,
          // Gateways for SMS and chat want the short form; the inbox and e-mail the full one.
          bodyText: channel === 'webhook' ? message.summary : message.text,
          bodyHtml: channel === 'webhook' ? null : message.html,
          data: { ...data },
          // Storing an in-app row is its delivery: the inbox reads this table.
          status: inApp ? 'sent' : 'pending',
          sentAt: inApp ? now : null,
        });
      }
    }
  });
  return [...rows.values()];
}

/** Rows that need an external delivery (e-mail, webhook) start `pending`; in-app rows are delivered by being stored. */
export const needsDelivery = (row: Pick<NewNotificationRow, 'status'>): boolean => row.status === 'pending';

/**
 * Of planned rows, the ids still waiting for a delivery, given which of them the caller's insert
 * wrote. The common case: every row is new, so every e-mail and webhook row is pending as written;
 * only a repeated batch asks which of the earlier rows are still pending.
 */
export async function stillPending(tx: DbExecutor, planned: readonly NewNotificationRow[], insertedCount: number): Promise<string[]> {
  if (insertedCount === planned.length) return planned.filter(needsDelivery).map((r) => r.id!);
  const ids = planned.map((r) => r.id!);
  const pending = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(inArray(notifications.id, ids), inArray(notifications.channel, ['email', 'webhook']), eq(notifications.status, 'pending')));
  const waiting = new Set(pending.map((r) => r.id));
  return ids.filter((id) => waiting.has(id));
}

/**
 * Resolves, renders and stores the rows of one event. Returns the ids of e-mail and webhook rows
 * that are still `pending`; rows another attempt is already working on (or finished) are left alone.
 */
export async function enqueueNotifications(tx: DbExecutor, event: NotificationEvent, requests: NotificationRequest[], options: EnqueueOptions = {}): Promise<string[]> {
  if (requests.length === 0) return [];
  const complaint = event.complaint ?? (await tx.select().from(complaints).where(eq(complaints.number, event.complaintNumber)))[0];
  const directory = await loadDirectoryEntries(tx, directoryNeedsOf(requests.map((r) => r.to)));
  const rows = planNotifications(event, complaint, requests, directory, options);
  if (rows.length === 0) return [];
  const inserted = await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.id }).returning({ id: notifications.id });
  return stillPending(tx, rows, inserted.length);
}
