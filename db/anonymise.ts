/**
 * Erasing a complainant's personal data from one complaint, kind by kind (domain/retention.ts), in
 * one transaction per complaint, while the case stays: its number, stages, times, category and
 * outcome, the report roll-up (`complaint_facts` is not touched), the complainant key repeat
 * detection counts by, and every timeline event with its type, stage, actor and time. Free text is
 * replaced by `ERASED_TEXT` so a reader sees something was there. Idempotent: erasing again changes
 * nothing. Used by the retention sweep and by a person's deletion request.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from './client';
import { complaints, dataRequests, evidence, idempotencyKeys, notifications, timelineEvents } from './schema';
import { COMPLAINT_NUMBER } from '../domain/actions';
import { ERASED_TEXT, historyErasedWith, type PersonalDataKind } from '../domain/retention';
import { normalisePhone } from '../runtime/contact-keys';
import { eraseDataKeys } from '../runtime/data-keys';

/** A string that is a code, not words: an enum value, an id, a time, an amount. Anything else may carry a person. */
const CODE = /^[A-Za-z0-9_.:+-]{0,64}$/;
const LONG_DIGITS = /\d{7,}/;

function isCode(value: string): boolean {
  return COMPLAINT_NUMBER.test(value) || (CODE.test(value) && !LONG_DIGITS.test(value.replace(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, '')));
}

/** Every string that is not a code becomes `ERASED_TEXT`; numbers, booleans and the shape stay. */
export function eraseFreeText(value: unknown): unknown {
  if (typeof value === 'string') return isCode(value) ? value : ERASED_TEXT;
  if (Array.isArray(value)) return value.map(eraseFreeText);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eraseFreeText(v)]));
  return value;
}

/** The ways a person's contact data may be written in free text (a phone with or without +86 and spaces). */
export function contactNeedles(contact: { name: string | null; phone: string | null; email: string | null; customerId: string | null }): string[] {
  const needles = new Set<string>();
  if (contact.name && contact.name.trim().length >= 2 && contact.name !== ERASED_TEXT) needles.add(contact.name.trim());
  if (contact.phone) {
    needles.add(contact.phone);
    const digits = normalisePhone(contact.phone);
    if (digits) {
      needles.add(digits);
      // 138 0013 8000, 138-0013-8000
      if (digits.length === 11) for (const sep of [' ', '-']) needles.add(`${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}`);
    }
  }
  if (contact.email) needles.add(contact.email);
  if (contact.customerId) needles.add(contact.customerId);
  return [...needles].sort((a, b) => b.length - a.length);
}

/** Replaces each needle (case-insensitively) in every string of the value. */
export function replaceNeedles(value: unknown, needles: readonly string[]): unknown {
  if (needles.length === 0) return value;
  if (typeof value === 'string') {
    let out = value;
    for (const needle of needles) out = out.split(new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')).join(ERASED_TEXT);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => replaceNeedles(v, needles));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceNeedles(v, needles)]));
  return value;
}

export interface ErasureResult {
  /** Kinds erased by this call (not those erased before). */
  erased: PersonalDataKind[];
  /** Whether the complaint's data key went in this call (its history no longer decodes). */
  historyShredded: boolean;
}

/**
 * Erases the given kinds of one complaint's personal data (those not erased already). The stored
 * answers of repeated requests about it go with any erasure; the data key with the last of
 * `historyErasedWith`.
 */
export async function erasePersonalData(db: Database, number: string, kinds: readonly PersonalDataKind[], options: { dropContactKeys: boolean; at?: Date }): Promise<ErasureResult> {
  const at = (options.at ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(complaints).where(eq(complaints.number, number)).for('update');
    if (!row) return { erased: [], historyShredded: false };
    // The timeline's free text may be rewritten in this transaction only (its trigger, migration 0011).
    await tx.execute(sql`select set_config('complaints.erasure', 'on', true)`);
    const done = row.personalDataErased ?? {};
    const todo = kinds.filter((k) => !done[k]);
    const marks: Record<string, string> = { ...done };
    const needles = contactNeedles({ name: row.complainantName, phone: row.complainantPhone, email: row.complainantEmail, customerId: row.customerId });

    if (todo.includes('contact')) {
      const { orderNumber: _order, ...subject } = row.subject;
      await tx
        .update(complaints)
        .set({
          complainantName: ERASED_TEXT,
          complainantPhone: null,
          complainantEmail: null,
          customerId: null,
          subject,
          trackingSecretHash: null,
          ...(options.dropContactKeys ? { phoneKey: null, emailKey: null } : {}),
          description: replaceNeedles(row.description, needles) as string,
          occurredWhere: row.occurredWhere && (replaceNeedles(row.occurredWhere, needles) as string),
          desiredResolution: row.desiredResolution && (replaceNeedles(row.desiredResolution, needles) as string),
        })
        .where(eq(complaints.number, number));
      // The person's words may name them anywhere: every text of the complaint loses the contact values.
      await rewriteTimeline(tx, number, (reason, data) => ({ reason: reason && (replaceNeedles(reason, needles) as string), data: replaceNeedles(data, needles) as Record<string, unknown> }));
      await rewriteNotifications(tx, number, (n) => ({ subject: replaceNeedles(n.subject, needles) as string, bodyText: replaceNeedles(n.bodyText, needles) as string, bodyHtml: n.bodyHtml && (replaceNeedles(n.bodyHtml, needles) as string), data: replaceNeedles(n.data, needles) as Record<string, unknown>, lastError: n.lastError && (replaceNeedles(n.lastError, needles) as string) }));
      // The customer's inbox id was their customer id: the complaint's own from now on.
      if (row.customerId) {
        await tx.execute(sql`update ${notifications} set recipient_id = ${`customer:${number}`}, id = replace(id, ${`:customer:${row.customerId}:`}, ${`:customer:customer:${number}:`}) where complaint_number = ${number} and recipient_type = 'customer'`);
      }
      for (const e of await tx.select({ id: evidence.id, uri: evidence.uri, note: evidence.note }).from(evidence).where(eq(evidence.complaintNumber, number))) {
        await tx.update(evidence).set({ uri: replaceNeedles(e.uri, needles) as string, note: e.note && (replaceNeedles(e.note, needles) as string) }).where(eq(evidence.id, e.id));
      }
      await tx.update(dataRequests).set({ correction: null }).where(eq(dataRequests.complaintNumber, number));
      marks.contact = at;
    }

    if (todo.includes('content')) {
      await tx.update(complaints).set({ description: ERASED_TEXT, occurredWhere: null, desiredResolution: null }).where(eq(complaints.number, number));
      await tx.update(evidence).set({ uri: `erased:${ERASED_TEXT}`, note: null }).where(eq(evidence.complaintNumber, number));
      await rewriteTimeline(tx, number, (reason, data) => ({ reason: reason && ERASED_TEXT, data: eraseFreeText(data) as Record<string, unknown> }));
      await tx.update(dataRequests).set({ details: null, export: null, exportExpiresAt: null }).where(eq(dataRequests.complaintNumber, number));
      marks.content = at;
    }

    if (todo.includes('messages')) {
      await tx.update(notifications).set({ subject: ERASED_TEXT, bodyText: ERASED_TEXT, bodyHtml: null, data: {}, lastError: null }).where(eq(notifications.complaintNumber, number));
      marks.messages = at;
    }

    let historyShredded = false;
    if (todo.length > 0) {
      await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.complaintNumber, number));
      if (!done.history && historyErasedWith.every((k) => marks[k])) {
        await eraseDataKeys(tx, [number]);
        marks.history = at;
        historyShredded = true;
      }
      await tx.update(complaints).set({ personalDataErased: marks, updatedAt: new Date() }).where(eq(complaints.number, number));
    }
    return { erased: todo, historyShredded };
  });
}

async function rewriteTimeline(tx: DbExecutor, number: string, rewrite: (reason: string | null, data: Record<string, unknown>) => { reason: string | null; data: Record<string, unknown> }): Promise<void> {
  const rows = await tx.select({ id: timelineEvents.id, reason: timelineEvents.reason, data: timelineEvents.data }).from(timelineEvents).where(eq(timelineEvents.complaintNumber, number));
  for (const row of rows) {
    const next = rewrite(row.reason, row.data);
    if (next.reason === row.reason && JSON.stringify(next.data) === JSON.stringify(row.data)) continue;
    await tx.update(timelineEvents).set(next).where(eq(timelineEvents.id, row.id));
  }
}

type NotificationText = { subject: string; bodyText: string; bodyHtml: string | null; data: Record<string, unknown>; lastError: string | null };
async function rewriteNotifications(tx: DbExecutor, number: string, rewrite: (n: NotificationText) => NotificationText): Promise<void> {
  const rows = await tx
    .select({ id: notifications.id, subject: notifications.subject, bodyText: notifications.bodyText, bodyHtml: notifications.bodyHtml, data: notifications.data, lastError: notifications.lastError })
    .from(notifications)
    .where(eq(notifications.complaintNumber, number));
  for (const { id, ...text } of rows) {
    const next = rewrite(text);
    if (JSON.stringify(next) === JSON.stringify(text)) continue;
    await tx.update(notifications).set(next).where(eq(notifications.id, id));
  }
}

/** Expired copies not tied to a complaint's end: stored answers past their period, exports past their expiry. */
export async function expireCopies(db: Database, idempotencyAnswersMs: number, now = new Date()): Promise<{ idempotencyAnswersExpired: number; requestExportsExpired: number }> {
  const answers = await db
    .delete(idempotencyKeys)
    .where(sql`${idempotencyKeys.createdAt} < ${new Date(now.getTime() - idempotencyAnswersMs)}`)
    .returning({ key: idempotencyKeys.key });
  const exports = await db
    .update(dataRequests)
    .set({ export: null, exportExpiresAt: null })
    .where(and(isNotNull(dataRequests.export), sql`${dataRequests.exportExpiresAt} < ${now}`))
    .returning({ id: dataRequests.id });
  return { idempotencyAnswersExpired: answers.length, requestExportsExpired: exports.length };
}

/** The complaints of one person: the same complainant key (or, without one, the complaint alone). */
export async function complaintsOfPerson(db: DbExecutor, number: string): Promise<string[]> {
  const [row] = await db.select({ key: complaints.complainantKey }).from(complaints).where(eq(complaints.number, number));
  if (!row) return [];
  if (!row.key) return [number];
  const rows = await db.select({ number: complaints.number }).from(complaints).where(inArray(complaints.complainantKey, [row.key])).orderBy(complaints.receivedAt);
  return rows.map((r) => r.number);
}
