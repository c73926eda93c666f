/**
 * Personal data on the write side: legal holds, a person's data requests (taken, then answered
 * through their workflow), and running the retention sweep now. Checks that need the database are
 * made here before the engine is asked (a deletion waits for every complaint of the person to end
 * and for no legal hold); the work itself is the request workflow's (workflows/data-request.ts).
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaintCounters, complaints, dataRequests, staff, type DataRequestRow, type RequestedCorrection } from '../../db/schema';
import { complaintsOfPerson } from '../../db/anonymise';
import { localDateOf } from '../../domain/calendar';
import { DATA_REQUEST_CLOCK, DATA_REQUEST_REGIME, type DataRequestKind, type DataRequestWorkflowInput } from '../../domain/data-requests';
import { legalDueAt } from '../../domain/legal-periods';
import { regimeVersionFor } from '../../domain/legal-regimes';
import { DEFAULT_RETENTION, retentionMs, type LegalHoldReason } from '../../domain/retention';
import type { Actor } from '../../domain/model';
import type { ContactKeys } from '../../runtime/contact-keys';
import type { PolicyProvider } from '../../runtime/policy';
import { ensureRetentionSchedule, triggerRetentionSweep } from '../../runtime/retention-schedule';
import { answerDataRequestUpdate } from '../../workflows/data-request';
import { HttpError, notFound, validationFailed, wrongStatusError } from '../http/errors';
import { recordAudit } from './audit';

export interface PrivacyDependencies {
  db: Database;
  client: Client;
  taskQueue: string;
  policy: PolicyProvider;
  contactKeys?: ContactKeys;
}

export interface NewDataRequest {
  kind: DataRequestKind;
  details?: string;
  correction?: RequestedCorrection;
}

const conflict = (code: string, message: string, status?: string) => new HttpError(409, code, message, status ? { status } : {});

export function createPrivacyService({ db, client, taskQueue, policy, contactKeys }: PrivacyDependencies) {
  /** Who answers a request: the complaint's owner while active, else a supervisor of its department, else a manager. */
  async function assigneeFor(row: { assigneeId: string | null; departmentId: string | null }): Promise<string> {
    const people = await db.select({ id: staff.id, role: staff.role, departmentId: staff.departmentId }).from(staff).where(eq(staff.active, true));
    const owner = people.find((p) => p.id === row.assigneeId && p.role !== 'agent');
    if (owner) return owner.id;
    const lead = people.find((p) => p.role === 'supervisor' && p.departmentId === row.departmentId) ?? people.find((p) => p.role === 'manager');
    if (!lead) throw new HttpError(503, 'unavailable', 'nobody in the staff directory can answer a data request (no supervisor or manager)');
    return lead.id;
  }

  async function allocateId(at: Date, utcOffsetMinutes: number): Promise<string> {
    const local = new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10).replaceAll('-', '');
    const [row] = await db
      .insert(complaintCounters)
      .values({ day: `PIR-${local}`, last: 1 })
      .onConflictDoUpdate({ target: complaintCounters.day, set: { last: sql`${complaintCounters.last} + 1` } })
      .returning({ last: complaintCounters.last });
    return `PIR-${local}-${String(row!.last).padStart(6, '0')}`;
  }

  return {
    async placeHold(actor: Actor, number: string, hold: { reason: LegalHoldReason; note: string }): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.select({ reason: complaints.legalHoldReason, note: complaints.legalHoldNote }).from(complaints).where(eq(complaints.number, number)).for('update');
        if (!row) throw notFound('complaint');
        await tx.update(complaints).set({ legalHoldReason: hold.reason, legalHoldNote: hold.note, legalHoldBy: actor.id, legalHoldAt: new Date() }).where(eq(complaints.number, number));
        await recordAudit(tx, { actor, action: 'legal_hold_placed', subject: number, before: row.reason ? { reason: row.reason, note: row.note } : null, after: { reason: hold.reason, note: hold.note }, reason: hold.note });
      });
    },

    async releaseHold(actor: Actor, number: string, note: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.select({ reason: complaints.legalHoldReason, note: complaints.legalHoldNote }).from(complaints).where(eq(complaints.number, number)).for('update');
        if (!row) throw notFound('complaint');
        if (!row.reason) throw conflict('no_legal_hold', `complaint ${number} is not under a legal hold`);
        await tx.update(complaints).set({ legalHoldReason: null, legalHoldNote: null, legalHoldBy: null, legalHoldAt: null }).where(eq(complaints.number, number));
        await recordAudit(tx, { actor, action: 'legal_hold_released', subject: number, before: { reason: row.reason, note: row.note }, after: null, reason: note });
      });
    },

    /** Takes a person's request about their data and starts its clock (15 working days on the business calendar). */
    async receiveRequest(actor: Actor, number: string, request: NewDataRequest, via: string): Promise<DataRequestRow> {
      if (request.kind === 'correction' && !request.correction?.name && !request.correction?.phone && !request.correction?.email) {
        throw validationFailed([{ path: 'body.correction', message: 'a correction names the new name, phone or e-mail' }]);
      }
      const [row] = await db.select().from(complaints).where(eq(complaints.number, number));
      if (!row) throw notFound('complaint');
      if (row.personalDataErased?.contact) throw conflict('personal_data_erased', `the personal data of ${number} was erased; nothing is left to ${request.kind}`);
      const current = await policy();
      const now = new Date();
      const version = regimeVersionFor(DATA_REQUEST_REGIME, localDateOf(current.calendar, now.getTime()));
      const rule = version?.clocks.find((c) => c.id === DATA_REQUEST_CLOCK);
      if (!rule?.period) throw new HttpError(503, 'unavailable', 'no personal-information regime is in effect today');
      const due = legalDueAt(current.calendar, now.getTime(), rule.period);
      const warnings = current.legal?.warnings ?? [0.5, 0.8];
      const assigneeId = await assigneeFor(row);
      const id = await allocateId(now, current.calendar.utcOffsetMinutes);
      const contacts = current.legal?.complianceContacts ?? [];
      const input: DataRequestWorkflowInput = {
        id,
        kind: request.kind,
        complaintNumber: number,
        assigneeId,
        dueAtMs: due.dueAtMs,
        warnAtMs: warnings.map((share) => Math.round(now.getTime() + share * (due.dueAtMs - now.getTime()))),
        escalateTo: contacts.length ? contacts.map((id) => ({ type: 'staff' as const, id })) : { type: 'role', role: 'manager' },
      };
      const [stored] = await db
        .insert(dataRequests)
        .values({ id, complaintNumber: number, complainantKey: row.complainantKey, kind: request.kind, details: request.details ?? null, correction: request.correction ?? null, receivedVia: via, receivedAt: now, dueAt: new Date(due.dueAtMs), dueLastDay: due.lastDay, assigneeId })
        .returning();
      // Its workflow id is the request's id; the person's words stay here, never in the engine's history.
      try {
        await client.workflow.start('dataRequestWorkflow', { workflowId: id, taskQueue, args: [input] });
      } catch (err) {
        // Nothing half-written: without its clock the request is not taken (the caller gets 503 and asks again).
        await db.delete(dataRequests).where(eq(dataRequests.id, id));
        throw err;
      }
      await db.update(dataRequests).set({ workflowStartedAt: new Date() }).where(eq(dataRequests.id, id));
      await recordAudit(db, { actor, action: 'data_request_received', subject: id, after: { complaint: number, kind: request.kind, dueAt: new Date(due.dueAtMs).toISOString(), assigneeId }, reason: via });
      return stored!;
    },

    /**
     * Answers a request: `answer` does what was asked (an export, the correction, the erasure); `refuse`
     * needs a reason. A deletion is possible once every complaint of the person has ended and none is
     * under a legal hold; otherwise 409 naming them (refuse it with the hold as the reason, or wait).
     */
    async answerRequest(actor: Actor, id: string, decision: { decision: 'answer' | 'refuse'; reason?: string }): Promise<DataRequestRow> {
      const [row] = await db.select().from(dataRequests).where(eq(dataRequests.id, id));
      if (!row) throw notFound('data request');
      if (row.status !== 'open') throw wrongStatusError(row.status, `request ${id} is already ${row.status}`);
      if (decision.decision === 'refuse' && !decision.reason?.trim()) throw validationFailed([{ path: 'body.reason', message: 'a refusal needs its reason (e.g. the legal hold)' }]);
      const current = await policy();
      let correctionKeys: { phoneKey?: string | null; emailKey?: string | null } | undefined;
      if (decision.decision === 'answer' && row.kind === 'deletion') {
        const numbers = await complaintsOfPerson(db, row.complaintNumber);
        const blocking = await db
          .select({ number: complaints.number, stage: complaints.stage, hold: complaints.legalHoldReason })
          .from(complaints)
          .where(and(inArray(complaints.number, numbers), sql`(${complaints.stage} <> 'closed' or ${complaints.legalHoldReason} is not null)`));
        if (blocking.length > 0) {
          const held = blocking.filter((b) => b.hold);
          throw conflict(
            held.length ? 'legal_hold' : 'complaint_open',
            held.length
              ? `erasure waits: ${held.map((b) => `${b.number} is under a legal hold (${b.hold})`).join('; ')} — refuse with that reason, or release the hold`
              : `erasure waits until the person's complaints end: ${blocking.map((b) => `${b.number} is ${b.stage}`).join(', ')}`,
          );
        }
      }
      if (decision.decision === 'answer' && row.kind === 'correction' && contactKeys) {
        correctionKeys = {
          ...(row.correction?.phone ? { phoneKey: contactKeys.phone(row.correction.phone) ?? null } : {}),
          ...(row.correction?.email ? { emailKey: contactKeys.email(row.correction.email) ?? null } : {}),
        };
      }
      if (decision.reason) await db.update(dataRequests).set({ answerNote: decision.reason }).where(and(eq(dataRequests.id, id), eq(dataRequests.status, 'open')));
      try {
        await client.workflow.getHandle(id).executeUpdate(answerDataRequestUpdate, {
          args: [
            {
              status: decision.decision === 'answer' ? 'answered' : 'refused',
              answeredBy: actor.id,
              answeredAtMs: Date.now(),
              exportKeepMs: retentionMs((current.retention ?? DEFAULT_RETENTION).copies.requestExports),
              ...(correctionKeys ? { correctionKeys } : {}),
            },
          ],
        });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) throw conflict('wrong_status', err.cause.message);
        throw err;
      }
      await recordAudit(db, { actor, action: 'data_request_answered', subject: id, after: { kind: row.kind, decision: decision.decision }, reason: decision.reason });
      const [fresh] = await db.select().from(dataRequests).where(eq(dataRequests.id, id));
      return fresh!;
    },

    /** Runs the sweep now (its schedule made first if no API has made it yet). */
    async runSweepNow(actor: Actor): Promise<void> {
      await ensureRetentionSchedule(client, taskQueue, (await policy()).retention ?? DEFAULT_RETENTION);
      await triggerRetentionSweep(client, taskQueue);
      await recordAudit(db, { actor, action: 'retention_sweep_run', subject: 'retention-sweep', reason: 'run now' });
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;

/** Requests of the person behind a complaint (newest first). */
export async function requestsOfPerson(db: Database, number: string): Promise<DataRequestRow[]> {
  const numbers = await complaintsOfPerson(db, number);
  if (numbers.length === 0) return [];
  return db.select().from(dataRequests).where(inArray(dataRequests.complaintNumber, numbers)).orderBy(sql`${dataRequests.receivedAt} desc`);
}

