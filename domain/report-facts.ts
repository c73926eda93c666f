/**
 * The report roll-up: one row of facts per complaint, folded from its timeline events as the
 * recording activity writes them (in the same transaction), so a report over a million complaints
 * aggregates one narrow row each instead of replaying ten million events. `docs/kpis.md` defines
 * every figure built on these facts; `test/integration/report-reference.test.ts` checks the SQL
 * answers against figures computed independently from the raw event lists.
 */
import { STAGES, type Outcome, type Stage } from './model';
import type { TimelineEventType } from './timeline';

/** An event as the fold needs it (a timeline row or a recording batch's event). */
export interface FactEvent {
  type: TimelineEventType;
  stage: Stage;
  actorId: string;
  actorRole: string;
  internal: boolean;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface ComplaintFacts {
  currentStage: Stage;
  /** When the complaint entered `currentStage`. */
  stageEnteredAt: Date;
  /** Bit `i` set: the complaint has been in `STAGES[i]`. */
  stagesEntered: number;
  /** Bit `i` set: an SLA breach happened while the complaint was in `STAGES[i]`. */
  stagesBreached: number;
  /** Seconds spent in each stage (index as STAGES), summed over the visits that ended; null: none ended. */
  stageSeconds: (number | null)[];
  acknowledgedAt: Date | null;
  firstStaffResponseAt: Date | null;
  resolvedOnSpot: boolean;
  closures: number;
  /** The closure that stands (null while open, and again after a reopen). */
  closedAt: Date | null;
  outcome: Outcome | null;
  breaches: number;
  /** Breaches before the case was closed (handling stages only; a late follow-up visit is not one). */
  handlingBreaches: number;
  escalations: number;
  reopens: number;
  satisfaction: number | null;
  /** At the last follow-up visit that asked: the customer stays a customer (service recovery). */
  retained: boolean | null;
}

/** The stages after the closure: a breach there does not make the closure late. */
const AFTER_CLOSURE: readonly Stage[] = ['closed', 'follow_up'];

/**
 * What counts as a person answering the customer (the 24-hour response figure): a message the
 * customer sees, written by a member of staff. The automatic acknowledgement and triage are not.
 */
export const RESPONSE_EVENT_TYPES: readonly TimelineEventType[] = ['note', 'progress_update_sent', 'resolved_on_spot', 'proposal_sent', 'closed'];

export function isStaffResponse(e: Pick<FactEvent, 'type' | 'internal' | 'actorId' | 'actorRole'>): boolean {
  return RESPONSE_EVENT_TYPES.includes(e.type) && !e.internal && e.actorRole !== 'customer' && e.actorId !== 'system';
}

export const stageBit = (stage: Stage): number => 1 << STAGES.indexOf(stage);

/** The facts of a complaint that was just received (the intake writes them with the complaint). */
export function initialFacts(receivedAt: Date): ComplaintFacts {
  return {
    currentStage: 'received',
    stageEnteredAt: receivedAt,
    stagesEntered: stageBit('received'),
    stagesBreached: 0,
    stageSeconds: STAGES.map(() => null),
    acknowledgedAt: null,
    firstStaffResponseAt: null,
    resolvedOnSpot: false,
    closures: 0,
    closedAt: null,
    outcome: null,
    breaches: 0,
    handlingBreaches: 0,
    escalations: 0,
    reopens: 0,
    satisfaction: null,
    retained: null,
  };
}

function moveTo(f: ComplaintFacts, stage: Stage, at: Date): void {
  if (stage === f.currentStage) return;
  const i = STAGES.indexOf(f.currentStage);
  const spent = Math.max(0, (at.getTime() - f.stageEnteredAt.getTime()) / 1000);
  f.stageSeconds[i] = (f.stageSeconds[i] ?? 0) + spent;
  f.currentStage = stage;
  f.stageEnteredAt = at;
  f.stagesEntered |= stageBit(stage);
}

/**
 * Folds one recorded batch into the facts. An event's `stage` is the stage the complaint was in when
 * it happened; `stageAfter` is the stage the batch left it in (a transition may end in a stage it
 * wrote no event in, e.g. a follow-up visit that closes the case again), entered when the batch's
 * last event happened.
 */
export function foldFacts(previous: ComplaintFacts, events: readonly FactEvent[], stageAfter?: Stage): ComplaintFacts {
  const f: ComplaintFacts = { ...previous, stageSeconds: [...previous.stageSeconds] };
  for (const e of events) {
    moveTo(f, e.stage, e.occurredAt);
    switch (e.type) {
      case 'acknowledged':
        f.acknowledgedAt ??= e.occurredAt;
        break;
      case 'resolved_on_spot':
        f.resolvedOnSpot = true;
        break;
      case 'sla_breached':
        f.breaches += 1;
        f.stagesBreached |= stageBit(e.stage);
        if (!AFTER_CLOSURE.includes(e.stage)) f.handlingBreaches += 1;
        break;
      case 'escalated':
        f.escalations += 1;
        break;
      case 'satisfaction_recorded':
        f.satisfaction = typeof e.data.score === 'number' ? e.data.score : f.satisfaction;
        break;
      case 'follow_up_recorded':
        if (typeof e.data.retained === 'boolean') f.retained = e.data.retained;
        break;
      case 'closed':
        f.closures += 1;
        f.closedAt = e.occurredAt;
        f.outcome = (e.data.outcome as Outcome | undefined) ?? null;
        break;
      case 'withdrawn':
        // A withdrawal closes the case too (its `closed` event follows); nothing of its own to count.
        break;
      case 'reopened':
        f.reopens += 1;
        f.closedAt = null;
        f.outcome = null;
        break;
      default:
        break;
    }
    if (f.firstStaffResponseAt === null && isStaffResponse(e)) f.firstStaffResponseAt = e.occurredAt;
  }
  const last = events.at(-1);
  if (stageAfter !== undefined && last) moveTo(f, stageAfter, last.occurredAt);
  return f;
}
