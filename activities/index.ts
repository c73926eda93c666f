/**
 * Activities: the only code that touches PostgreSQL or people. Each one is safe to run more than
 * once (natural keys, ON CONFLICT DO NOTHING, version guards), because Temporal runs them at least once.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { classifyDbError, describeDbError } from '../db/errors';
import { FAILURE_TYPES } from '../domain/errors';
import { complaints, type ComplaintRow } from '../db/schema';
import { createDeliveryDispatcher, type DeliveryDispatcher } from '../notifications/dispatcher';
import { suggestTriage as suggestTriageRule, DEFAULT_TRIAGE_RULES, type TriageRules, type TriageSuggestion } from '../domain/triage';
import { currentTriageRules } from '../db/triage-rules';
import type { NotificationService } from '../notifications/service';
import type { RecordTransitionInput } from '../workflows/types';
import { createStaffingActivities } from './staffing';
import { recordTransitionBatch } from './record-transition';
import { createRetentionActivities, type RetentionActivities } from './retention';
import { createQualityActivities, type QualityActivities } from './quality';
import { createDataRequestActivities, type DataRequestActivities } from './data-requests';

export interface ActivityDependencies {
  db: Database;
  notifications: NotificationService;
  /** The rules when administrators saved none (`triage_rule_versions` is empty): version 0. */
  triageRules?: TriageRules;
  /** Sends a transition's e-mails and webhooks from this worker (default: one over `notifications`). */
  dispatcher?: DeliveryDispatcher;
}

/** The intake as the pick-up statement returns it (column names as PostgreSQL spells them). */
interface PickedUp extends Record<string, unknown> {
  description: string;
  desired_resolution: string | null;
  subject: ComplaintRow['subject'];
  channel: ComplaintRow['channel'];
  by_complainant: number;
  by_product: number;
}

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

  /**
   * Marks the intake row as picked up by its workflow (the API's restart sweep skips it then) and
   * runs the triage rules on it, counting repeats within the rules' window: the same complainant
   * (customer id, or the keyed hash of phone or e-mail, whatever their spelling) and the same
   * product. One statement: the counts read the table as it was before the mark, which they do not
   * depend on.
   */
  async function pickUpAndSuggest(complaintNumber: string, simpleMaxAmountMinor: number | undefined): Promise<TriageSuggestion> {
    const { version, rules } = await currentTriageRules(db, triageRules);
    const windowDays = rules.repeatWindowDays;
    const inWindow = sql`c.number <> picked.number and c.received_at >= picked.received_at - make_interval(days => ${windowDays}) and c.received_at < picked.received_at`;
    const { rows } = await db.execute<PickedUp>(sql`
      with picked as (
        update ${complaints} set workflow_started_at = coalesce(workflow_started_at, now()) where ${eq(complaints.number, complaintNumber)}
        returning number, received_at, description, desired_resolution, subject, channel, customer_id, complainant_key, product_key
      )
      select picked.description, picked.desired_resolution, picked.subject, picked.channel,
        (select count(*)::int from ${complaints} c where ${inWindow} and (
          (picked.customer_id is not null and c.customer_id = picked.customer_id) or
          (picked.complainant_key is not null and c.complainant_key = picked.complainant_key))) as by_complainant,
        (select count(*)::int from ${complaints} c where ${inWindow} and picked.product_key is not null and c.product_key = picked.product_key) as by_product
      from picked`);
    const [row] = rows;
    if (!row) throw ApplicationFailure.create({ type: 'ComplaintNotFound', message: `complaint ${complaintNumber} has no intake row`, nonRetryable: true });
    const suggestion = suggestTriageRule(
      {
        description: row.description,
        desiredResolution: row.desired_resolution ?? undefined,
        productName: row.subject.productName,
        amountMinor: row.subject.amountMinor,
        currency: row.subject.currency,
        channel: row.channel,
        priorComplaintsByComplainant: row.by_complainant,
        priorComplaintsByProduct: row.by_product,
        simpleMaxAmountMinor,
      },
      rules,
    );
    return { ...suggestion, rulesVersion: version };
  }

  const activities = {
    ...createStaffingActivities(db),
    ...createRetentionActivities(db),
    ...createQualityActivities(db),
    ...createDataRequestActivities(db, notifications, dispatcher),

    /** The acknowledgement's one database step: marks the intake picked up and suggests a triage. */
    async pickUpComplaint({ complaintNumber, simpleMaxAmountMinor }: { complaintNumber: string; simpleMaxAmountMinor?: number }): Promise<TriageSuggestion> {
      return pickUpAndSuggest(complaintNumber, simpleMaxAmountMinor);
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

export type { RetentionActivities, DataRequestActivities, QualityActivities };
export type { QualitySamplingInput } from './quality';

/** What a complaint's workflow calls (the sweep and data requests have their own). */
export type ComplaintActivities = Omit<ReturnType<typeof createActivities>, keyof RetentionActivities | keyof DataRequestActivities | keyof QualityActivities>;
