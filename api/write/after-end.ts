/**
 * What staff may still add to a complaint whose workflow has ended (closed as invalid or duplicate,
 * or past its reopen window): case reviews (复盘), staff notes and contact reveals outlive the
 * process, so the API writes them itself, as the workflow would have recorded them.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints, timelineEvents } from '../../db/schema';
import type { ActionPayload, ComplaintActionName } from '../../domain/actions';
import type { Actor } from '../../domain/model';
import { notFound } from '../http/errors';

export interface AfterEndEntry {
  type: 'note' | 'case_review' | 'contact_revealed';
  text: string;
  internal: boolean;
  data?: Record<string, unknown>;
}

/** The timeline entry an action becomes after the process ended, or undefined if it cannot happen then. */
export function afterEndEntry(name: ComplaintActionName, payload: unknown): AfterEndEntry | undefined {
  if (name === 'addNote') {
    const note = payload as ActionPayload<'addNote'>;
    const toCustomer = note.kind === 'note' && note.toCustomer && !note.internal;
    return { type: note.kind === 'review' ? 'case_review' : 'note', text: note.text, internal: !toCustomer, ...(toCustomer ? { data: { toCustomer: true } } : {}) };
  }
  if (name === 'revealContact') return { type: 'contact_revealed', text: (payload as ActionPayload<'revealContact'>).reason, internal: true };
  return undefined;
}

/**
 * Writes the entry next in the timeline's sequence. The complaint row is locked, so two such notes
 * never take the same number; the workflow that kept the sequence before has finished and writes no more.
 */
export async function appendAfterEnd(db: Database, number: string, actor: Actor, entry: AfterEndEntry): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ stage: complaints.stage }).from(complaints).where(eq(complaints.number, number)).for('update');
    if (!row) throw notFound('complaint');
    const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${timelineEvents.seq}), 0)::int` }).from(timelineEvents).where(eq(timelineEvents.complaintNumber, number));
    const seq = last + 1;
    await tx.insert(timelineEvents).values({
      id: `${number}:${seq}`,
      complaintNumber: number,
      seq,
      type: entry.type,
      stage: row.stage,
      actorId: actor.id,
      actorRole: actor.role,
      reason: entry.text,
      data: { afterProcessEnded: true, ...entry.data },
      internal: entry.internal,
      occurredAt: new Date(),
    });
  });
}
