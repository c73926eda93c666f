/**
 * Receiving a complaint: allocate its number, store the intake (row, evidence, the 'received' event
 * and the idempotency key) in one transaction, then start its workflow. Should the start fail, the row
 * stays marked unstarted and `startPendingWorkflows` starts it later: a recorded complaint is never lost.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { and, asc, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, DbExecutor } from '../../db/client';
import { calendarHeader, DEFAULT_CALENDAR_ID } from '../../db/calendars';
import { complaintCounters, complaintFacts, complaints, evidence, timelineEvents, type ComplaintRow } from '../../db/schema';
import { productKeyOf, type Intake } from '../../domain/intake';
import { legalIntakeIssues, type LegalIntake } from '../../domain/legal-clocks';
import { validationFailed } from '../http/errors';
import type { Actor } from '../../domain/model';
import { policyForComplaint } from '../../domain/policy';
import type { PolicyProvider } from '../../runtime/policy';
import type { ContactKeys } from '../../runtime/contact-keys';
import { hashTrackingSecret, type TrackingLinks } from '../../runtime/tracking';
import { complainantOf, initialFactsRow } from '../../db/report-facts';
import { complaintWorkflow } from '../../workflows/complaint';
import { ComplaintChannel, ComplaintStage } from '../../workflows/search-attributes';
import type { ComplaintWorkflowInput } from '../../workflows/types';
import { claimKey, completeKey, type StoredAnswer } from './idempotency';

export interface IntakeDependencies {
  /** Tracking links for complainants without an account; none: intake answers without one. */
  tracking?: TrackingLinks;
  /** Keyed hashes of phone and e-mail for repeat detection; none: repeats are found by customer id only. */
  contactKeys?: ContactKeys;
  /** The client's connection is a worker's NativeConnection in this process (`npm start`): ask for eager workflow start. */
  eagerStart?: boolean;
  db: Database;
  client: Client;
  taskQueue: string;
  policy: PolicyProvider;
  log: Logger;
}

type StartRow = Pick<ComplaintRow, 'number' | 'channel' | 'receivedAt' | 'receivedBy' | 'companyReceivedAt' | 'regime' | 'regulatorReference' | 'regulatorOffice' | 'regulatorDueAt'>;

/** The columns a workflow start reads (the intake's answer, and the sweep of unstarted rows). */
const START_COLUMNS = {
  number: complaints.number,
  channel: complaints.channel,
  receivedAt: complaints.receivedAt,
  receivedBy: complaints.receivedBy,
  companyReceivedAt: complaints.companyReceivedAt,
  regime: complaints.regime,
  regulatorReference: complaints.regulatorReference,
  regulatorOffice: complaints.regulatorOffice,
  regulatorDueAt: complaints.regulatorDueAt,
};

/** The end of local day `date` ('YYYY-MM-DD') at `utcOffsetMinutes`: a regulator's reply date as an instant. */
export function endOfLocalDay(date: string, utcOffsetMinutes: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000 - utcOffsetMinutes * 60_000);
}

/** The regime's facts for the workflow, from the intake row. */
function legalIntakeOf(row: StartRow, utcOffsetMinutes: number): LegalIntake | undefined {
  if (!row.regime) return undefined;
  return {
    regime: row.regime,
    receivedAt: (row.companyReceivedAt ?? row.receivedAt).toISOString(),
    ...(row.regulatorReference ? { regulatorReference: row.regulatorReference } : {}),
    ...(row.regulatorOffice ? { regulatorOffice: row.regulatorOffice } : {}),
    ...(row.regulatorDueAt ? { regulatorDueDate: new Date(row.regulatorDueAt.getTime() - 1 + utcOffsetMinutes * 60_000).toISOString().slice(0, 10) } : {}),
  };
}

export function createIntake(deps: IntakeDependencies) {
  const { db, client, taskQueue, log } = deps;
  const utcOffsetMinutes = calendarHeader(DEFAULT_CALENDAR_ID).utcOffsetMinutes;

  /** CMP-YYYYMMDD-NNNNNN, numbered per day of the organisation's calendar. */
  async function allocateNumber(tx: DbExecutor, at: Date): Promise<string> {
    const local = new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10).replaceAll('-', '');
    const [row] = await tx
      .insert(complaintCounters)
      .values({ day: local, last: 1 })
      .onConflictDoUpdate({ target: complaintCounters.day, set: { last: sql`${complaintCounters.last} + 1` } })
      .returning({ last: complaintCounters.last });
    return `CMP-${local}-${String(row.last).padStart(6, '0')}`;
  }

  async function startWorkflow(row: StartRow): Promise<void> {
    const input: ComplaintWorkflowInput = {
      complaintNumber: row.number,
      channel: row.channel,
      receivedAt: row.receivedAt.toISOString(),
      receivedBy: row.receivedBy ?? undefined,
      ...(row.companyReceivedAt ? { companyReceivedAt: row.companyReceivedAt.toISOString() } : {}),
      ...(row.regime ? { legal: legalIntakeOf(row, utcOffsetMinutes) } : {}),
      // The calendar years its clocks can reach, not every year the database holds.
      policy: policyForComplaint(await deps.policy(), row.receivedAt.getTime(), (row.companyReceivedAt ?? row.receivedAt).getTime()),
    };
    try {
      await client.workflow.start(complaintWorkflow, {
        workflowId: row.number,
        taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // With a worker in this process sharing the client's connection, the server hands it the
        // first workflow task in the start's answer (no trip through the task queue).
        requestEagerStart: deps.eagerStart === true,
        // What an operator sees in the UI's list before opening the case; never personal data.
        staticSummary: `Complaint ${row.number} · ${row.channel}`,
        staticDetails: `Complaint **${row.number}** received ${row.receivedAt.toISOString()} by ${row.channel}. The current details show its stage, owner and clocks.`,
        typedSearchAttributes: [
          { key: ComplaintStage, value: 'received' },
          { key: ComplaintChannel, value: row.channel },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // Started already (a repeat, or the sweep got there first): the complaint is in good hands,
      // unless that workflow is older than the row, which means the engine holds history for a
      // number this database reused (a database restored or reset without the engine's data).
      const { startTime } = await client.workflow.getHandle(row.number).describe();
      if (startTime.getTime() < row.receivedAt.getTime() - 60_000) {
        throw new Error(`workflow id collision: ${row.number} already has a workflow started ${startTime.toISOString()}, before this complaint was received`);
      }
    }
  }

  async function startIfUnstarted(number: string): Promise<void> {
    const [row] = await db.select(START_COLUMNS).from(complaints).where(and(eq(complaints.number, number), isNull(complaints.workflowStartedAt)));
    if (!row) return;
    try {
      await startWorkflow(row);
    } catch (err) {
      log.error({ err, complaint: number }, 'workflow start failed; the pending-start sweep will retry');
    }
  }

  return {
    async receive(actor: Actor, intake: Intake, idempotencyKey: string | undefined, hash: string): Promise<StoredAnswer & { replayed: boolean }> {
      const receivedAt = new Date();
      const scope = `intake:${actor.id}`;
      // What needs the clock and the calendar; the request schema checked the shapes.
      const issues = [
        ...(actor.role === 'customer' && intake.receivedAt !== undefined ? [{ path: 'body.receivedAt', message: 'is recorded by staff' }] : []),
        ...(actor.role === 'customer' && intake.regulator !== undefined ? [{ path: 'body.regulator', message: 'is recorded by staff' }] : []),
        ...legalIntakeIssues(
          { regime: intake.regime, receivedAt: intake.receivedAt, regulatorReference: intake.regulator?.reference, regulatorDueDate: intake.regulator?.dueDate },
          receivedAt.getTime(),
          utcOffsetMinutes,
          // Named as the request's own schema names its fields.
          { receivedAt: 'body.receivedAt', regime: 'body.regime', regulatorReference: 'body.regulator.reference', regulatorDueDate: 'body.regulator.dueDate' },
        ),
        ...(intake.regulator !== undefined && intake.regime === undefined ? [{ path: 'body.regime', message: "a regulator's transfer needs the regime it belongs to" }] : []),
      ];
      if (issues.length > 0) throw validationFailed(issues);
      // The day's counter row is the one thing every intake writes: taken in a statement of its own
      // (committed at once), its lock is not held through the intake's inserts, and intakes run side
      // by side. A request with an Idempotency-Key takes its number inside the transaction, after the
      // key is claimed, so a repeat never uses up a number; without a key a failed intake may leave
      // a gap in the day's numbers (they stay unique and increasing).
      const early = idempotencyKey ? undefined : await allocateNumber(db, receivedAt);
      // Without a key the intake is two statements (a read, then one atomic write) and needs no
      // transaction; with one, the claim, the write and the stored answer commit together.
      const write = async (tx: DbExecutor) => {
        if (idempotencyKey) {
          const previous = await claimKey(tx, scope, idempotencyKey, hash);
          if (previous) return { previous, row: undefined };
        }
        const number = early ?? (await allocateNumber(tx, receivedAt));
        const { row, earlierComplaints } = await storeIntake(tx, {
          number,
          receivedAt,
          actor,
          intake,
          contactKeys: deps.contactKeys,
          trackingSecretHash: deps.tracking ? hashTrackingSecret(deps.tracking.secret(number, 1)) : null,
          utcOffsetMinutes,
        });
        const answer: StoredAnswer = {
          status: 201,
          headers: { Location: `/complaints/${number}` },
          body: {
            number,
            stage: 'received',
            receivedAt: receivedAt.toISOString(),
            // A repeat complainant is flagged to the person taking the call (same customer id, phone or e-mail).
            earlierComplaints,
            links: {
              self: `/complaints/${number}`,
              timeline: `/complaints/${number}/timeline`,
              // For the complainant: the page where they follow and answer their complaint without an account.
              ...(deps.tracking ? { tracking: deps.tracking.url(number, 1) } : {}),
            },
          },
        };
        if (idempotencyKey) await completeKey(tx, scope, idempotencyKey, answer, number);
        return { previous: undefined, row, answer };
      };
      const outcome = idempotencyKey ? await db.transaction(write) : await write(db);
      if (outcome.previous) {
        // A repeat of an intake whose process may not have started (the first attempt died between
        // storing and starting): start it now rather than leave it to the sweep.
        const number = (outcome.previous.body as { number?: string }).number;
        if (outcome.previous.status === 201 && number) await startIfUnstarted(number);
        return { ...outcome.previous, replayed: true };
      }
      try {
        await startWorkflow(outcome.row);
      } catch (err) {
        log.error({ err, complaint: outcome.row.number }, 'workflow start failed; the pending-start sweep will retry');
      }
      return { ...outcome.answer, replayed: false };
    },

    /** Starts workflows for intake rows whose start was interrupted (API crash, engine outage). */
    async startPendingWorkflows(olderThanMs = 5_000): Promise<number> {
      const rows = await db
        .select(START_COLUMNS)
        .from(complaints)
        .where(and(isNull(complaints.workflowStartedAt), lt(complaints.createdAt, new Date(Date.now() - olderThanMs))))
        .orderBy(asc(complaints.createdAt))
        .limit(100);
      for (const row of rows) await startWorkflow(row);
      return rows.length;
    },
  };
}

export type IntakeService = ReturnType<typeof createIntake>;

/** What the intake needs of the row it wrote: to start the workflow and to answer. */
export type StoredIntake = StartRow & Pick<ComplaintRow, 'complainantKey'>;

/**
 * What an intake writes: the complaint row (with its complainant key for repeat detection), the
 * evidence, the report facts and the `received` event, in one statement (atomic by itself; the
 * caller's transaction when it has one), after one read for the complainant key and how many
 * complaints that complainant made before. The intake and the report reference check
 * (test/integration/report-reference.test.ts) both write through it.
 */
export async function storeIntake(
  tx: DbExecutor,
  {
    number,
    receivedAt,
    actor,
    intake,
    contactKeys,
    trackingSecretHash,
    utcOffsetMinutes = 480,
  }: { number: string; receivedAt: Date; actor: Actor; intake: Intake; contactKeys?: ContactKeys; trackingSecretHash: string | null; utcOffsetMinutes?: number },
): Promise<{ row: StoredIntake; earlierComplaints: number }> {
  const customerId = actor.role === 'customer' ? actor.id : intake.complainant.customerId;
  const phoneKey = (intake.complainant.phone && contactKeys?.phone(intake.complainant.phone)) || null;
  const emailKey = (intake.complainant.email && contactKeys?.email(intake.complainant.email)) || null;
  const complainant = await complainantOf(tx, { customerId: customerId ?? null, phoneKey, emailKey });
  const row = {
    number,
    channel: intake.channel,
    receivedAt,
    receivedBy: actor.role === 'customer' ? null : actor.id,
    companyReceivedAt: intake.receivedAt !== undefined ? new Date(intake.receivedAt) : null,
    regime: intake.regime ?? null,
    regulatorReference: intake.regulator?.reference ?? null,
    regulatorOffice: intake.regulator?.office ?? null,
    regulatorDueAt: intake.regulator?.dueDate !== undefined ? endOfLocalDay(intake.regulator.dueDate, utcOffsetMinutes) : null,
    complainantKey: complainant.key,
    productKey: productKeyOf(intake.subject) ?? null,
  };
  // Data-modifying CTEs run once each; the foreign keys of the evidence, facts and event are checked
  // at the end of the statement, when the complaint row exists.
  const parts: SQL[] = [
    sql`new_complaint as (${tx
      .insert(complaints)
      .values({
        ...row,
        complainantName: intake.complainant.name,
        complainantPhone: intake.complainant.phone ?? null,
        complainantEmail: intake.complainant.email ?? null,
        customerId: customerId ?? null,
        phoneKey,
        emailKey,
        preferredLocale: intake.complainant.locale,
        subject: intake.subject,
        description: intake.description,
        occurredAt: intake.occurredAt ? new Date(intake.occurredAt) : null,
        occurredWhere: intake.occurredWhere ?? null,
        desiredResolution: intake.desiredResolution ?? null,
        trackingSecretHash,
      })
      .getSQL()})`,
    sql`new_facts as (${tx.insert(complaintFacts).values(initialFactsRow(row)).onConflictDoNothing().getSQL()})`,
    sql`received_event as (${tx
      .insert(timelineEvents)
      .values({
        id: `${number}:0`,
        complaintNumber: number,
        seq: 0,
        type: 'received',
        stage: 'received',
        actorId: actor.id,
        actorRole: actor.role,
        data: {
          channel: intake.channel,
          evidence: intake.evidence.length,
          // Who said when the company really received it (the actor of this event entered it).
          ...(intake.receivedAt !== undefined ? { companyReceivedAt: new Date(intake.receivedAt).toISOString(), receivedAtEnteredBy: actor.id } : {}),
          ...(intake.regime !== undefined ? { regime: intake.regime } : {}),
        },
        occurredAt: receivedAt,
      })
      .getSQL()})`,
  ];
  if (intake.evidence.length > 0) {
    parts.push(
      sql`intake_evidence as (${tx
        .insert(evidence)
        .values(intake.evidence.map((e, i) => ({ id: `${number}:evidence:intake-${i + 1}`, complaintNumber: number, uri: e.uri, note: e.note ?? null, addedBy: actor.id, addedAt: receivedAt })))
        .getSQL()})`,
    );
  }
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
  return { row, earlierComplaints: complainant.earlierComplaints };
}
