/**
 * Sends one outbox row at most once (SPEC §6, §8: "a retry never sends the same notification twice").
 *
 * Protocol, with each step its own committed statement:
 *   1. claim the row: `pending`/`retrying` → `sending`, attempts + 1 (only one attempt can win),
 *      reading in the same statement the row as it was and the recipient's address now (from the
 *      complaint or the directory, never from the outbox); a recipient without an address for the
 *      channel fails the row for good;
 *   2. send;
 *   3. record `sent` (or `retrying`/`failed`/`unconfirmed`).
 * An attempt that finds the row still `sending` knows an earlier attempt died between 1 and 3: the
 * message may have gone out. It marks the row `unconfirmed` and does not send — never twice beats
 * maybe twice. Likewise a transport that cannot say whether the message arrived (connection lost
 * after the body was handed over, or an error we cannot classify) leads to `unconfirmed`.
 */
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { classifyDbError } from '../db/errors';
import { complaints, notifications, staff, type NotificationRow } from '../db/schema';
import { TERMINAL_STATUSES, type NotificationStatus } from './outbox';
import { sanitizeErrorText } from './privacy';
import { DeliveryError, type EmailTransport, type SendResult, type WebhookTransport } from './transports';

export interface DeliveryDependencies {
  db: Database;
  email: EmailTransport;
  webhook: WebhookTransport;
  customerSmsWebhookUrl?: string;
}

export interface DeliveryResult {
  status: NotificationStatus;
}

/** Where one row goes, looked up now: contact data is read from its source, never from the outbox. */
interface Target {
  send(): Promise<SendResult>;
  /** Values to scrub from error texts (the address itself). */
  known: string[];
}

/** The recipient's addresses as the claiming statement read them (null where the recipient has none, or is inactive staff). */
interface Addresses {
  customerEmail: string | null;
  customerPhone: string | null;
  staffEmail: string | null;
  staffWebhookUrl: string | null;
}

function resolveTarget(deps: DeliveryDependencies, row: NotificationRow, addresses: Addresses): Target {
  let email: string | null = null;
  let phone: string | null = null;
  let webhookUrl: string | null = null;
  if (row.recipientType === 'customer') {
    email = addresses.customerEmail;
    phone = addresses.customerPhone;
    webhookUrl = phone ? (deps.customerSmsWebhookUrl ?? null) : null;
  } else if (row.recipientType === 'staff') {
    email = addresses.staffEmail;
    webhookUrl = addresses.staffWebhookUrl;
  }

  if (row.channel === 'email') {
    if (!email) throw new DeliveryError('recipient has no e-mail address (or is no longer active)', 'permanent');
    const to = email;
    return {
      known: [to],
      send: () => deps.email.send({ notificationId: row.id, to, subject: row.subject, text: row.bodyText, html: row.bodyHtml, locale: row.locale }),
    };
  }
  if (row.channel === 'webhook') {
    if (!webhookUrl) throw new DeliveryError('recipient has no webhook address (or is no longer active)', 'permanent');
    const url = webhookUrl;
    const payload: Record<string, unknown> = {
      id: row.id,
      kind: row.kind,
      complaintNumber: row.complaintNumber,
      locale: row.locale,
      recipient: { type: row.recipientType, id: row.recipientId },
      subject: row.subject,
      text: row.bodyText,
      data: row.data,
      createdAt: row.createdAt.toISOString(),
    };
    // The SMS gateway needs the number; it is the only place it is sent.
    if (row.recipientType === 'customer') payload.to = phone;
    return { known: [url, phone ?? ''], send: () => deps.webhook.send({ notificationId: row.id, url, payload }) };
  }
  if (row.channel === 'in_app') return { known: [], send: async () => ({}) };
  throw new DeliveryError(`unknown channel "${row.channel}"`, 'permanent');
}

/** Updates the row only if it is still in one of `from`; returns whether it was. */
async function transition(db: Database, id: string, from: NotificationStatus[], set: PgUpdateSetSource<typeof notifications>): Promise<boolean> {
  const updated = await db
    .update(notifications)
    .set(set)
    .where(and(eq(notifications.id, id), inArray(notifications.status, from)))
    .returning({ id: notifications.id });
  return updated.length > 0;
}

async function currentStatus(db: Database, id: string): Promise<NotificationStatus | undefined> {
  const [row] = await db.select({ status: notifications.status }).from(notifications).where(eq(notifications.id, id));
  return row?.status;
}

/** The earlier attempt's fate is unknown: record that instead of guessing. */
async function markInterrupted(db: Database, id: string, attempt: number): Promise<DeliveryResult> {
  await transition(db, id, ['sending'], {
    status: 'unconfirmed',
    lastError: `outcome unknown: an earlier attempt was interrupted while sending (found by attempt ${attempt}); not sent again to avoid a duplicate`,
  });
  return { status: (await currentStatus(db, id)) ?? 'unconfirmed' };
}

export async function deliverNotification(deps: DeliveryDependencies, id: string, attempt: number, maxAttempts: number): Promise<DeliveryResult> {
  const { db } = deps;
  const claim = db.$with('claimed', { id: notifications.id }).as(
    db
      .update(notifications)
      .set({ status: 'sending', attempts: sql`${notifications.attempts} + 1`, claimedAt: new Date() })
      .where(and(eq(notifications.id, id), inArray(notifications.status, ['pending', 'retrying'])))
      .returning({ id: notifications.id })
      .getSQL(),
  );
  // The SELECT sees the row as it was before the claim (one snapshot for the whole statement).
  const [found] = await db
    .with(claim)
    .select({
      row: getTableColumns(notifications),
      claimed: sql<boolean>`exists (select 1 from ${claim})`,
      customerEmail: complaints.complainantEmail,
      customerPhone: complaints.complainantPhone,
      staffEmail: staff.email,
      staffWebhookUrl: staff.webhookUrl,
    })
    .from(notifications)
    .leftJoin(complaints, and(eq(notifications.recipientType, 'customer'), eq(complaints.number, notifications.complaintNumber)))
    .leftJoin(staff, and(eq(notifications.recipientType, 'staff'), eq(staff.id, notifications.recipientId), eq(staff.active, true)))
    .where(eq(notifications.id, id));
  if (!found) {
    throw ApplicationFailure.create({ type: 'NotificationNotFound', message: `notification ${id} is not in the outbox`, nonRetryable: true });
  }
  const { row } = found;
  if (!found.claimed) {
    if (TERMINAL_STATUSES.includes(row.status)) return { status: row.status };
    // `sending` as read, or claimed by a racing attempt while this statement waited for the row.
    const now = row.status === 'sending' ? 'sending' : await currentStatus(db, id);
    if (now === 'sending') return markInterrupted(db, id, attempt);
    return { status: now ?? 'failed' };
  }

  let target: Target;
  try {
    target = resolveTarget(deps, row, found);
  } catch (err) {
    if (err instanceof DeliveryError && err.failure === 'permanent') {
      if (await transition(db, id, ['sending'], { status: 'failed', lastError: sanitizeErrorText(err.message) })) return { status: 'failed' };
      return { status: (await currentStatus(db, id)) ?? 'failed' };
    }
    throw err;
  }

  let result: SendResult;
  try {
    result = await target.send();
  } catch (err) {
    return recordFailure(db, id, err, target.known, attempt, maxAttempts);
  }
  // Outside the try: if recording fails, the activity fails and its retry finds the row `sending`
  // (and says `unconfirmed`). A short database outage is waited out first, so that a message that
  // did go out is recorded `sent`. `unconfirmed` is accepted too, for an attempt that outlived its
  // timeout and was given up on.
  await whileDatabaseUnavailable(() => transition(db, id, ['sending', 'unconfirmed'], { status: 'sent', sentAt: new Date(), lastError: result.note ?? null }));
  return { status: 'sent' };
}

async function recordFailure(db: Database, id: string, err: unknown, known: string[], attempt: number, maxAttempts: number): Promise<DeliveryResult> {
  // An error we cannot place may have come after the message left.
  const failure = err instanceof DeliveryError ? err.failure : 'unknown';
  const reason = sanitizeErrorText(err instanceof Error ? err.message : String(err), known);

  if (failure === 'unknown') {
    await transition(db, id, ['sending'], { status: 'unconfirmed', lastError: `outcome unknown, not retried to avoid a duplicate: ${reason}` });
    return { status: 'unconfirmed' };
  }
  if (failure === 'permanent' || attempt >= maxAttempts) {
    const why = failure === 'permanent' ? reason : `${reason} (gave up after attempt ${attempt} of ${maxAttempts})`;
    await transition(db, id, ['sending'], { status: 'failed', lastError: why });
    // Returning instead of throwing ends the activity: the complaint's process does not wait on it.
    return { status: 'failed' };
  }
  await transition(db, id, ['sending'], { status: 'retrying', lastError: reason });
  throw new Error(`notification ${id}: attempt ${attempt} of ${maxAttempts} failed: ${reason}`);
}

/** Retries `write` while PostgreSQL is unreachable, for up to `budgetMs` (within the activity's 1-minute timeout). */
async function whileDatabaseUnavailable<T>(write: () => Promise<T>, budgetMs = 40_000): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let wait = 500; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await write();
    } catch (err) {
      if (classifyDbError(err) !== 'unavailable' || Date.now() + wait > deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
