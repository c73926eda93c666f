/**
 * Recording: what the process did becomes timeline events, collected while a transition runs and
 * written in one transaction by `flush` (events, evidence, the projection row and the notification
 * outbox). The worker that records the transition then sends its e-mails and webhooks, outside the
 * history; afterwards the operator's search attributes and current details are brought up to date.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { Actor } from '../domain/model';
import type { NotificationAudience, NotificationDataByKind, NotificationKind, NotificationRequestOf } from '../domain/notification-kinds';
import type { Policy } from '../domain/policy';
import type { TimelineEventType } from '../domain/timeline';
import { databaseStep } from './activity-proxies';
import type { EmitOptions } from './context';
import { currentDetailsOf, operatorAttributes, projectionOf } from './projection';
import type { ComplaintState, Deadline, EvidenceRow, TimelineEventInput } from './types';

export class Recorder {
  private pending: { events: TimelineEventInput[]; evidence: EvidenceRow[] } = { events: [], evidence: [] };
  /** Grows with every written transition; the main loop wakes on it to re-plan its timer. */
  flushes = 0;
  /** The search attributes as last upserted in this run (JSON by name). */
  private readonly upserted = new Map<string, string>();

  constructor(
    private readonly state: ComplaintState,
    private readonly policy: Policy,
    private readonly nextDeadlineAt: () => number | undefined,
    private readonly openClocks: () => Deadline[],
    private readonly legalDueAt: () => number | undefined,
  ) {}

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

  /** Writes what was emitted (timeline, projection, outbox) in one transaction; the worker then delivers. */
  async flush(): Promise<void> {
    const state = this.state;
    if (this.pending.events.length === 0) return;
    state.stateVersion += 1;
    state.lastTransitionAt = Date.now();
    const batch = this.pending;
    this.pending = { events: [], evidence: [] };
    // Planned once per transition (a complaint under a regime plans its legal clocks from its facts).
    const legalDueAt = this.legalDueAt();
    await databaseStep(`record transition: ${[...new Set(batch.events.map((e) => e.type))].join(', ')}`).recordTransition({
      complaintNumber: state.number,
      events: batch.events,
      evidence: batch.evidence.length > 0 ? batch.evidence : undefined,
      projection: projectionOf(state, this.nextDeadlineAt(), legalDueAt),
      dispatch: this.policy.notificationRetry,
    });
    this.upsertChangedAttributes(operatorAttributes(state, this.nextDeadlineAt(), legalDueAt, this.policy.calendar.utcOffsetMinutes));
    setCurrentDetails(currentDetailsOf(state, this.policy, this.openClocks(), batch.events.at(-1)?.type, legalDueAt));
    this.flushes += 1;
  }

  /**
   * Search attributes for operators: only those that changed since the last upsert of this run are
   * sent (none: no upsert at all), which keeps the visibility store's writes down when a burst of
   * transitions changes little.
   */
  private upsertChangedAttributes(pairs: SearchAttributeUpdatePair[]): void {
    const changed = pairs.filter((p) => {
      const value = JSON.stringify(p.value);
      if (this.upserted.get(p.key.name) === value) return false;
      this.upserted.set(p.key.name, value);
      return true;
    });
    if (changed.length > 0) upsertSearchAttributes(changed);
  }
}
