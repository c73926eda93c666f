/**
 * Recording: what the process did becomes timeline events, collected while a transition runs and
 * written in one transaction by `flush` (events, evidence, the projection row and the notification
 * outbox), after which the worker sends the e-mails and webhooks (patch `deliveries-in-worker`;
 * before it, background activities) and the operator's search attributes are brought up to date.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { log, patched, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { Actor } from '../domain/model';
import type { NotificationAudience, NotificationDataByKind, NotificationKind, NotificationRequest, NotificationRequestOf } from '../domain/notification-kinds';
import type { Policy } from '../domain/policy';
import type { TimelineEventType } from '../domain/timeline';
import { databaseStep, deliveryActivities } from './activity-proxies';
import { PATCHES } from './patches';
import { currentDetailsOf, operatorAttributes, projectionOf } from './projection';
import type { ComplaintState, Deadline, RecordTransitionInput, TimelineEventInput } from './types';

export interface EmitOptions {
  reason?: string;
  data?: Record<string, unknown>;
  /** Hidden from the customer. */
  internal?: boolean;
  notify?: NotificationRequest[];
}

type EvidenceRow = NonNullable<RecordTransitionInput['evidence']>[number];

export class Recorder {
  private pending: { events: TimelineEventInput[]; evidence: EvidenceRow[] } = { events: [], evidence: [] };
  private readonly deliveries = new Set<Promise<unknown>>();
  /** Grows with every written transition; the main loop wakes on it to re-plan its timer. */
  flushes = 0;
  /** The search attributes as last upserted in this run (JSON by name). */
  private readonly upserted = new Map<string, string>();

  constructor(
    private readonly state: ComplaintState,
    private readonly policy: Policy,
    private readonly nextDeadlineAt: () => number | undefined,
    private readonly openClocks: () => Deadline[],
  ) {
  }

  /** Adds a timeline event to the transition under way; its id follows the complaint's event sequence. */
  emit(type: TimelineEventType, actor: Actor, options: EmitOptions = {}): string {
    const state = this.state;
    state.eventSeq += 1;
    const id = `${state.number}:${state.eventSeq}`;
    this.pending.events.push({
      id,
      seq: state.eventSeq,
      type,
      stage: state.stage,
      actor,
      reason: options.reason,
      data: options.data ?? {},
      internal: options.internal ?? false,
      occurredAt: new Date(Date.now()).toISOString(),
      notifications: options.notify ?? [],
    });
    return id;
  }

  /** Drops what was emitted but not written (an action undone after the database refused it). */
  discardPending(): void {
    this.pending = { events: [], evidence: [] };
  }

  /** Evidence rows written with the next flush. */
  addEvidence(row: EvidenceRow): void {
    this.pending.evidence.push(row);
  }

  /** A notification showing the complaint's number and current stage, never contact data. */
  notice<K extends NotificationKind>(kind: K, to: NotificationAudience, data: NotificationDataByKind[K]): NotificationRequestOf<K> {
    return { kind, to, data: { number: this.state.number, stage: this.state.stage, ...data } };
  }

  /** Writes what was emitted (timeline, projection, outbox) in one transaction, then starts delivery. */
  async flush(): Promise<void> {
    const state = this.state;
    if (this.pending.events.length === 0) return;
    state.stateVersion += 1;
    state.lastTransitionAt = Date.now();
    const batch = this.pending;
    this.pending = { events: [], evidence: [] };
    const dispatchInWorker = patched(PATCHES.deliveriesInWorker);
    const { deliveries } = await databaseStep(`record transition: ${[...new Set(batch.events.map((e) => e.type))].join(', ')}`).recordTransition({
      complaintNumber: state.number,
      events: batch.events,
      evidence: batch.evidence.length > 0 ? batch.evidence : undefined,
      projection: projectionOf(state, this.nextDeadlineAt()),
      ...(dispatchInWorker ? { dispatch: this.policy.notificationRetry } : {}),
    });
    // Complaints started before patch `deliveries-in-worker`: one background activity per delivery.
    for (const id of deliveries) this.trackDelivery(id);
    this.upsertOperatorAttributes(operatorAttributes(state, this.nextDeadlineAt(), patched(PATCHES.operatorMetadata)));
    setCurrentDetails(currentDetailsOf(state, this.policy, this.openClocks(), batch.events.at(-1)?.type));
    this.flushes += 1;
  }

  /**
   * Search attributes for operators. Since patch `changed-search-attributes` only those that changed
   * since the last upsert of this run are sent (none: no upsert at all), which keeps the visibility
   * store's writes down when a burst of transitions changes little.
   */
  private upsertOperatorAttributes(pairs: SearchAttributeUpdatePair[]): void {
    if (!patched(PATCHES.changedSearchAttributes)) {
      upsertSearchAttributes(pairs);
      return;
    }
    const changed = pairs.filter((p) => {
      const value = JSON.stringify(p.value);
      if (this.upserted.get(p.key.name) === value) return false;
      this.upserted.set(p.key.name, value);
      return true;
    });
    if (changed.length > 0) upsertSearchAttributes(changed);
  }

  /** Resolves when every delivery started so far has finished (before continue-as-new and at the end). */
  async deliveriesSettled(): Promise<void> {
    await Promise.all([...this.deliveries]);
  }

  /**
   * E-mail and webhooks go out in the background with their own retry limit: an SMTP outage must not
   * hold up the complaint. The activity records the final failure itself.
   */
  private trackDelivery(notificationId: string): void {
    // The id ends in `…:<kind>:<recipient type>:<recipient id>:<channel>`; the UI shows kind and channel only.
    const [kind, , , channel] = notificationId.split(':').slice(-4);
    const p = deliveryActivities(this.policy, `deliver ${channel === 'email' ? 'e-mail' : channel}: ${kind}`)
      .deliverNotification({ notificationId, maxAttempts: this.policy.notificationRetry.maxAttempts })
      .catch((err: unknown) => log.warn('notification delivery gave up', { notificationId, error: String(err) }))
      .finally(() => this.deliveries.delete(p));
    this.deliveries.add(p);
  }
}
