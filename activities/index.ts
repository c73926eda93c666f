/**
 * Activities: the only code that touches PostgreSQL or people. Each one is safe to run more than
 * once (natural keys, ON CONFLICT DO NOTHING, version guards), because Temporal runs them at least once.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, gte, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { classifyDbError, describeDbError } from '../db/errors';
import { FAILURE_TYPES } from '../domain/errors';
import { complaints } from '../db/schema';
import { createDeliveryDispatcher, type DeliveryDispatcher } from '../notifications/dispatcher';
import { suggestTriage as suggestTriageRule, DEFAULT_TRIAGE_RULES, type TriageRules, type TriageSuggestion } from '../domain/triage';
import type { NotificationService } from '../notifications/service';
import type { RecordTransitionInput } from '../workflows/types';
import { createStaffingActivities } from './staffing';
import { recordTransitionBatch } from './record-transition';

export interface ActivityDependencies {
  db: Database;
  notifications: NotificationService;
  triageRules?: TriageRules;
  /** Sends a transition's e-mails and webhooks from this worker (default: one over `notifications`). */
  dispatcher?: DeliveryDispatcher;
}

const DAY_MS = 86_400_000;

/**
 * Database errors as the workflow must see them: data PostgreSQL refuses (a NUL in a note, a broken
 * constraint) is a non-retryable `InvalidData` failure — retrying cannot fix it, and the workflow
 * undoes the action instead of waiting for ever; an outage stays retryable. Either way the failure
 * carries only the SQLSTATE, never the statement or its parameters (contact data).
 */
function databaseActivity<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (err instanceof ApplicationFailure) throw err;
      const kind = classifyDbError(err);
      throw ApplicationFailure.create({
        type: kind === 'invalid' ? FAILURE_TYPES.invalidData : kind === 'unavailable' ? 'DatabaseUnavailable' : 'DatabaseError',
        message: describeDbError(err),
        nonRetryable: kind === 'invalid',
      });
    }
  };
}

export function createActivities({ db, notifications, triageRules = DEFAULT_TRIAGE_RULES, dispatcher = createDeliveryDispatcher(notifications) }: ActivityDependencies) {

  /** Marks the intake row as picked up by its workflow (the API's restart sweep skips it then). */
  async function markPickedUp(complaintNumber: string): Promise<void> {
    const updated = await db
      .update(complaints)
      .set({ workflowStartedAt: sql`coalesce(${complaints.workflowStartedAt}, now())` })
      .where(eq(complaints.number, complaintNumber))
      .returning({ number: complaints.number });
    if (updated.length === 0) {
      throw ApplicationFailure.create({ type: 'ComplaintNotFound', message: `complaint ${complaintNumber} has no intake row`, nonRetryable: true });
    }
  }

  /**
   * Runs the triage rules on the stored intake, counting repeats within the rules' window: the same
   * complainant (customer id, or the keyed hash of phone or e-mail, whatever their spelling) and the
   * same product.
   */
  async function triageSuggestionFor(complaintNumber: string): Promise<TriageSuggestion> {
    const [row] = await db.select().from(complaints).where(eq(complaints.number, complaintNumber));
    if (!row) throw ApplicationFailure.create({ type: 'ComplaintNotFound', message: `complaint ${complaintNumber} not found`, nonRetryable: true });
    const since = new Date(row.receivedAt.getTime() - triageRules.repeatWindowDays * DAY_MS);
    const window = and(ne(complaints.number, row.number), gte(complaints.receivedAt, since), lt(complaints.receivedAt, row.receivedAt));
    const sameComplainant = [
      row.customerId ? eq(complaints.customerId, row.customerId) : undefined,
      row.complainantKey ? eq(complaints.complainantKey, row.complainantKey) : undefined,
    ].filter((c) => c !== undefined);
    const count = async (where: ReturnType<typeof and>) =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(where))[0]?.n ?? 0;
    const priorComplaintsByComplainant = sameComplainant.length > 0 ? await count(and(window, or(...sameComplainant))) : 0;
    const priorComplaintsByProduct = row.productKey ? await count(and(window, eq(complaints.productKey, row.productKey))) : 0;
    return suggestTriageRule(
      {
        description: row.description,
        desiredResolution: row.desiredResolution ?? undefined,
        productName: row.subject.productName,
        amountMinor: row.subject.amountMinor,
        currency: row.subject.currency,
        channel: row.channel,
        priorComplaintsByComplainant,
        priorComplaintsByProduct,
      },
      triageRules,
    );
  }

  const activities = {
    ...createStaffingActivities(db),

    /** The acknowledgement's one database step: marks the intake picked up and suggests a triage. */
    async pickUpComplaint({ complaintNumber }: { complaintNumber: string }): Promise<TriageSuggestion> {
      await markPickedUp(complaintNumber);
      return triageSuggestionFor(complaintNumber);
    },

    /**
     * Writes a batch of timeline events, the state projection, the report facts and the
     * notifications they cause, atomically (one statement, `record-transition.ts`). Replays of the
     * same batch change nothing.
     */
    async recordTransition(input: RecordTransitionInput): Promise<{ deliveries: string[] }> {
      const recorded = { deliveries: await recordTransitionBatch(db, notifications, input) };
      // Since patch `deliveries-in-worker` this worker sends them (after the commit: the rows exist),
      // and the workflow starts no delivery activities.
      if (input.dispatch) {
        dispatcher.dispatch(recorded.deliveries, input.dispatch);
        return { deliveries: [] };
      }
      return recorded;
    },

    /** One delivery with Temporal's retries (the sweep's and tests' path; transitions are delivered by the worker's dispatcher). */
    async deliverNotification({ notificationId, maxAttempts }: { notificationId: string; maxAttempts: number }): Promise<{ status: string }> {
      return notifications.deliver(notificationId, Context.current().info.attempt, maxAttempts);
    },

  };
  return Object.fromEntries(Object.entries(activities).map(([name, fn]) => [name, databaseActivity(fn as (...args: unknown[]) => Promise<unknown>)])) as typeof activities;
}

export type ComplaintActivities = ReturnType<typeof createActivities>;
