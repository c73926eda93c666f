/**
 * The work of a person's data request (workflows/data-request.ts): telling its handler (and, on a
 * miss, the compliance contacts), and doing the answer — the export, the correction, the erasure —
 * then telling the person. Each step is idempotent: notices have deterministic ids, the answer is done
 * once (the row's status guards it), and an erasure repeated erases nothing more.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { complaints, dataRequests, auditLog } from '../db/schema';
import { complaintsOfPerson, erasePersonalData } from '../db/anonymise';
import { exportPersonalData } from '../db/personal-data-export';
import type { DataRequestAnswer, DataRequestWorkflowInput } from '../domain/data-requests';
import type { NotificationAudience, NotificationRequest } from '../domain/notification-kinds';
import { PERSONAL_DATA_KIND_NAMES } from '../domain/retention';
import type { DeliveryDispatcher } from '../notifications/dispatcher';
import type { NotificationService } from '../notifications/service';
import { DEFAULT_NOTIFICATION_RETRY } from '../domain/policy';

export interface DataRequestAnswerInput {
  id: string;
  answer: DataRequestAnswer;
}

export function createDataRequestActivities(db: Database, notifications: NotificationService, dispatcher: DeliveryDispatcher) {
  async function notify(id: string, event: string, complaintNumber: string, requests: NotificationRequest[]): Promise<string[]> {
    return db.transaction((tx) => notifications.enqueue(tx, { complaintNumber, eventId: `${id}:${event}`, occurredAt: new Date().toISOString() }, requests));
  }
  /** E-mails and webhooks go out from this worker after the commit, as a transition's do (never twice: the outbox). */
  const send = (ids: string[]) => dispatcher.dispatch(ids, DEFAULT_NOTIFICATION_RETRY);

  return {
    /** Tells the handler of a new request, warns them before the legal date, and tells them and the compliance contacts of a miss. */
    async dataRequestNotice({ id, event, escalateTo }: { id: string; event: 'received' | 'warning' | 'missed'; escalateTo?: DataRequestWorkflowInput['escalateTo'] }): Promise<void> {
      const [row] = await db.select().from(dataRequests).where(eq(dataRequests.id, id));
      if (!row) return;
      const [complaint] = await db.select({ stage: complaints.stage }).from(complaints).where(eq(complaints.number, row.complaintNumber));
      const data = { number: row.complaintNumber, stage: complaint?.stage ?? 'closed', requestId: id, requestKind: row.kind, event, dueAt: row.dueAt.toISOString() } as const;
      const audiences: NotificationAudience[] = [{ type: 'staff', id: row.assigneeId }];
      if (event === 'missed') audiences.push(...(Array.isArray(escalateTo) ? escalateTo : escalateTo ? [escalateTo] : []));
      const ids = await notify(id, event, row.complaintNumber, audiences.map((to) => ({ kind: 'data_request', to, data })));
      if (event === 'warning') await db.update(dataRequests).set({ warnedAt: sql`coalesce(${dataRequests.warnedAt}, now())` }).where(eq(dataRequests.id, id));
      if (event === 'missed') await db.update(dataRequests).set({ missedAt: sql`coalesce(${dataRequests.missedAt}, now())` }).where(eq(dataRequests.id, id));
      send(ids);
    },

    /**
     * Does what the answer says, then tells the person. A deletion tells them first (the message needs
     * their address), then erases every complaint of theirs whose process has ended and is not under a
     * legal hold; any other stays, named in the answer's note.
     */
    async answerDataRequest({ id, answer }: DataRequestAnswerInput): Promise<{ kept: string[] }> {
      const [row] = await db.select().from(dataRequests).where(eq(dataRequests.id, id));
      if (!row || row.status !== 'open') return { kept: [] };
      const [complaint] = await db.select({ stage: complaints.stage }).from(complaints).where(eq(complaints.number, row.complaintNumber));
      const tell = async () => {
        const ids = await notify(id, 'answered', row.complaintNumber, [
          {
            kind: 'data_request_answered',
            to: { type: 'customer' },
            data: { number: row.complaintNumber, stage: complaint?.stage ?? 'closed', requestId: id, requestKind: row.kind, status: answer.status, ...(answer.status === 'refused' && row.answerNote ? { reason: row.answerNote } : {}) },
          },
        ]);
        return ids;
      };
      let kept: string[] = [];
      const finish = (extra: Partial<typeof dataRequests.$inferInsert> = {}) =>
        db
          .update(dataRequests)
          .set({ status: answer.status, answeredBy: answer.answeredBy, answeredAt: new Date(answer.answeredAtMs), ...extra })
          .where(and(eq(dataRequests.id, id), eq(dataRequests.status, 'open')));

      if (answer.status === 'refused') {
        send(await tell());
        await finish();
        return { kept };
      }
      switch (row.kind) {
        case 'access':
        case 'copy': {
          const exported = await exportPersonalData(db, row.complaintNumber);
          await finish({ export: exported as unknown as Record<string, unknown>, exportExpiresAt: new Date(answer.answeredAtMs + (answer.exportKeepMs ?? 30 * 86_400_000)) });
          send(await tell());
          break;
        }
        case 'correction': {
          const numbers = await complaintsOfPerson(db, row.complaintNumber);
          const c = row.correction ?? {};
          await db
            .update(complaints)
            .set({
              ...(c.name ? { complainantName: c.name } : {}),
              ...(c.phone ? { complainantPhone: c.phone, phoneKey: answer.correctionKeys?.phoneKey ?? null } : {}),
              ...(c.email ? { complainantEmail: c.email, emailKey: answer.correctionKeys?.emailKey ?? null } : {}),
              updatedAt: new Date(),
            })
            .where(and(inArray(complaints.number, numbers), sql`${complaints.personalDataErased} ->> 'contact' is null`));
          await finish();
          send(await tell());
          break;
        }
        case 'deletion': {
          // Told first, and sent now (once): the erasure takes the address the message goes to.
          for (const nid of await tell()) await notifications.deliver(nid, 1, 1);
          const numbers = await complaintsOfPerson(db, row.complaintNumber);
          const erasable = await db
            .select({ number: complaints.number })
            .from(complaints)
            .where(and(inArray(complaints.number, numbers), eq(complaints.stage, 'closed'), isNull(complaints.legalHoldReason)));
          const erase = new Set(erasable.map((r) => r.number));
          kept = numbers.filter((n) => !erase.has(n));
          for (const number of erase) await erasePersonalData(db, number, PERSONAL_DATA_KIND_NAMES, { dropContactKeys: true });
          await finish({ details: null, correction: null, complainantKey: null, ...(kept.length ? { answerNote: `kept: ${kept.join(', ')}` } : {}) });
          await db.insert(auditLog).values({ actorId: answer.answeredBy, action: 'personal_data_erased', subject: id, after: { complaints: [...erase], kept }, reason: 'the person’s deletion request' });
          break;
        }
      }
      return { kept };
    },
  };
}

export type DataRequestActivities = ReturnType<typeof createDataRequestActivities>;
