/**
 * What the API does with a complaint: store the intake and start its workflow, read it, and forward
 * actions to it as updates. No process rules here: the workflow and its validators decide.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { calendarHeader, DEFAULT_CALENDAR_ID } from '../db/calendars';
import { complaintCounters, complaints, evidence, timelineEvents, type ComplaintRow } from '../db/schema';
import type { ActionPayload, ComplaintActionName } from '../domain/actions';
import { productKeyOf, type Intake } from '../domain/intake';
import type { Actor, Channel } from '../domain/model';
import type { PolicyProvider } from '../runtime/policy';
import { complaintWorkflow } from '../workflows/complaint';
import { actionUpdates, getComplaintQuery } from '../workflows/messages';
import { ComplaintChannel, ComplaintStage } from '../workflows/search-attributes';
import type { ComplaintView, ComplaintWorkflowInput } from '../workflows/types';
import { fromTemporalError, notFound, wrongStageError } from './errors';
import { claimKey, completeKey, type StoredAnswer } from './idempotency';

export interface GatewayDependencies {
  db: Database;
  client: Client;
  taskQueue: string;
  policy: PolicyProvider;
  log: Logger;
}

/** Intake shown to staff; customers see their own complaint without internal fields. */
export interface ComplaintDocument {
  number: string;
  channel: string;
  complainant?: { name: string; phone?: string; email?: string; customerId?: string; locale: string };
  subject: ComplaintRow['subject'];
  description: string;
  occurredAt?: string;
  occurredWhere?: string;
  desiredResolution?: string;
  receivedAt: string;
  receivedBy?: string;
  evidence: { id: string; uri: string; note?: string; addedBy: string; addedAt: string }[];
  state: Partial<ComplaintView> & { stage: string };
}

const INTERNAL_VIEW_FIELDS = ['triageSuggestion', 'triageDecision', 'taskForce', 'findings', 'assigneeId', 'departmentId', 'escalationLevel', 'possiblySystemic', 'stateVersion', 'receivedBy'] as const;

export function createComplaintGateway(deps: GatewayDependencies) {
  const { db, client, taskQueue, log } = deps;
  const utcOffsetMinutes = calendarHeader(DEFAULT_CALENDAR_ID).utcOffsetMinutes;

  /** CMP-YYYYMMDD-NNNNNN, numbered per day of the organisation's calendar. */
  async function allocateNumber(tx: Parameters<Parameters<Database['transaction']>[0]>[0], at: Date): Promise<string> {
    const local = new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10).replaceAll('-', '');
    const [row] = await tx
      .insert(complaintCounters)
      .values({ day: local, last: 1 })
      .onConflictDoUpdate({ target: complaintCounters.day, set: { last: sql`${complaintCounters.last} + 1` } })
      .returning({ last: complaintCounters.last });
    return `CMP-${local}-${String(row.last).padStart(6, '0')}`;
  }

  async function startWorkflow(row: Pick<ComplaintRow, 'number' | 'channel' | 'receivedAt' | 'receivedBy'>): Promise<void> {
    const input: ComplaintWorkflowInput = {
      complaintNumber: row.number,
      channel: row.channel as Channel,
      receivedAt: row.receivedAt.toISOString(),
      receivedBy: row.receivedBy ?? undefined,
      policy: await deps.policy(),
    };
    try {
      await client.workflow.start(complaintWorkflow, {
        workflowId: row.number,
        taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
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

  return {
    /**
     * Stores the intake (row, evidence, the 'received' event and the idempotency key in one
     * transaction), then starts the workflow. Should the start fail, the row stays marked unstarted
     * and `startPendingWorkflows` starts it later: a recorded complaint is never lost.
     */
    async intake(actor: Actor, intake: Intake, idempotencyKey: string | undefined, hash: string): Promise<StoredAnswer & { replayed: boolean }> {
      const receivedAt = new Date();
      const scope = `intake:${actor.id}`;
      const outcome = await db.transaction(async (tx) => {
        if (idempotencyKey) {
          const previous = await claimKey(tx, scope, idempotencyKey, hash);
          if (previous) return { previous };
        }
        const number = await allocateNumber(tx, receivedAt);
        const customerId = actor.role === 'customer' ? actor.id : intake.complainant.customerId;
        const [row] = await tx
          .insert(complaints)
          .values({
            number,
            channel: intake.channel,
            complainantName: intake.complainant.name,
            complainantPhone: intake.complainant.phone ?? null,
            complainantEmail: intake.complainant.email ?? null,
            customerId: customerId ?? null,
            preferredLocale: intake.complainant.locale,
            subject: intake.subject,
            productKey: productKeyOf(intake.subject) ?? null,
            description: intake.description,
            occurredAt: intake.occurredAt ? new Date(intake.occurredAt) : null,
            occurredWhere: intake.occurredWhere ?? null,
            desiredResolution: intake.desiredResolution ?? null,
            receivedBy: actor.role === 'customer' ? null : actor.id,
            receivedAt,
          })
          .returning();
        if (intake.evidence.length > 0) {
          await tx.insert(evidence).values(
            intake.evidence.map((e, i) => ({ id: `${number}:evidence:intake-${i + 1}`, complaintNumber: number, uri: e.uri, note: e.note ?? null, addedBy: actor.id, addedAt: receivedAt })),
          );
        }
        await tx.insert(timelineEvents).values({
          id: `${number}:0`,
          complaintNumber: number,
          seq: 0,
          type: 'received',
          stage: 'received',
          actorId: actor.id,
          actorRole: actor.role,
          data: { channel: intake.channel, evidence: intake.evidence.length },
          occurredAt: receivedAt,
        });
        const answer: StoredAnswer = {
          status: 201,
          headers: { Location: `/complaints/${number}` },
          body: { number, stage: 'received', receivedAt: receivedAt.toISOString(), links: { self: `/complaints/${number}`, timeline: `/complaints/${number}/timeline` } },
        };
        if (idempotencyKey) await completeKey(tx, scope, idempotencyKey, answer);
        return { row, answer };
      });
      if ('previous' in outcome && outcome.previous) return { ...outcome.previous, replayed: true };
      const { row, answer } = outcome as { row: ComplaintRow; answer: StoredAnswer };
      try {
        await startWorkflow(row);
      } catch (err) {
        log.error({ err, complaint: row.number }, 'workflow start failed; the pending-start sweep will retry');
      }
      return { ...answer, replayed: false };
    },

    /** Starts workflows for intake rows whose start was interrupted (API crash, engine outage). */
    async startPendingWorkflows(olderThanMs = 5_000): Promise<number> {
      const rows = await db
        .select({ number: complaints.number, channel: complaints.channel, receivedAt: complaints.receivedAt, receivedBy: complaints.receivedBy })
        .from(complaints)
        .where(and(isNull(complaints.workflowStartedAt), lt(complaints.createdAt, new Date(Date.now() - olderThanMs))))
        .orderBy(asc(complaints.createdAt))
        .limit(100);
      for (const row of rows) await startWorkflow(row);
      return rows.length;
    },

    /** The stored row, or 404; a customer only ever finds their own complaints. */
    async findRow(number: string, actor: Actor): Promise<ComplaintRow> {
      const [row] = await db.select().from(complaints).where(eq(complaints.number, number));
      if (!row || (actor.role === 'customer' && row.customerId !== actor.id)) throw notFound('complaint');
      return row;
    },

    /** Live state from the workflow, or the projection when the workflow has not started yet. */
    async liveState(row: ComplaintRow): Promise<Partial<ComplaintView> & { stage: string }> {
      try {
        return await client.workflow.getHandle(row.number).query(getComplaintQuery);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) log.warn({ err, complaint: row.number }, 'query failed; answering from the projection');
        return projectionState(row);
      }
    },

    async document(row: ComplaintRow, actor: Actor): Promise<ComplaintDocument> {
      const state = await this.liveState(row);
      const rows = await db.select().from(evidence).where(eq(evidence.complaintNumber, row.number)).orderBy(asc(evidence.addedAt));
      const isCustomer = actor.role === 'customer';
      const visibleState = isCustomer ? stripInternal(state) : state;
      return {
        number: row.number,
        channel: row.channel,
        // Contact data only for staff and the complainant themself.
        complainant: {
          name: row.complainantName,
          phone: row.complainantPhone ?? undefined,
          email: row.complainantEmail ?? undefined,
          customerId: row.customerId ?? undefined,
          locale: row.preferredLocale,
        },
        subject: row.subject,
        description: row.description,
        occurredAt: row.occurredAt?.toISOString(),
        occurredWhere: row.occurredWhere ?? undefined,
        desiredResolution: row.desiredResolution ?? undefined,
        receivedAt: row.receivedAt.toISOString(),
        receivedBy: isCustomer ? undefined : (row.receivedBy ?? undefined),
        evidence: rows.map((e) => ({ id: e.id, uri: e.uri, note: e.note ?? undefined, addedBy: isCustomer && e.addedBy !== actor.id ? 'staff' : e.addedBy, addedAt: e.addedAt.toISOString() })),
        state: visibleState,
      };
    },

    /** Forwards an action as an update; the workflow's validator has the last word. */
    async act<A extends ComplaintActionName>(row: ComplaintRow, actor: Actor, name: A, payload: ActionPayload<A>): Promise<Partial<ComplaintView> & { stage: string }> {
      const handle = client.workflow.getHandle(row.number);
      try {
        const view = await handle.executeUpdate(actionUpdates[name], { args: [{ actor, payload }] });
        return actor.role === 'customer' ? stripInternal(view) : view;
      } catch (err) {
        // A workflow that has finished (closed and past its reopen window) takes no more actions.
        if (err instanceof WorkflowNotFoundError || (err instanceof Error && /already completed/i.test(err.message))) {
          const [fresh] = await db.select({ stage: complaints.stage }).from(complaints).where(eq(complaints.number, row.number));
          throw wrongStageError((fresh?.stage ?? row.stage) as never, `the complaint is ${fresh?.stage ?? row.stage} and its process has ended`);
        }
        throw fromTemporalError(err) ?? err;
      }
    },
  };
}

export type ComplaintGateway = ReturnType<typeof createComplaintGateway>;

function projectionState(row: ComplaintRow): Partial<ComplaintView> & { stage: string } {
  return {
    number: row.number,
    stage: row.stage as ComplaintView['stage'],
    category: (row.category ?? undefined) as ComplaintView['category'],
    severity: (row.severity ?? undefined) as ComplaintView['severity'],
    grade: (row.grade ?? undefined) as ComplaintView['grade'],
    departmentId: row.departmentId ?? undefined,
    assigneeId: row.assigneeId ?? undefined,
    escalationLevel: row.escalationLevel as ComplaintView['escalationLevel'],
    slaBreached: row.slaBreached,
    outcome: (row.outcome ?? undefined) as ComplaintView['outcome'],
    reopenCount: row.reopenCount,
    nextDeadlineAt: row.nextDeadlineAt?.toISOString(),
    deadlines: [],
  };
}

function stripInternal<T extends object>(state: T): T {
  const copy = { ...state } as Record<string, unknown>;
  for (const field of INTERNAL_VIEW_FIELDS) delete copy[field];
  return copy as T;
}
