/**
 * What an action handler (`actions.ts`) or a clock's due handler (`deadline-rules.ts`) may do to a
 * complaint: read its state and policy, move its clocks, record events and notices, and take the
 * transitions several of them share. A narrow interface rather than the whole process, so a handler
 * cannot reach the mutex, the validator or the main loop; `transitions.ts` implements it.
 */
import type { PatchId } from './patches';
import type { LegalClockEnd, LegalClockRule, LegalRegimeVersion } from '../domain/legal-regimes';
import type { LegalIntake, PlannedLegalClock } from '../domain/legal-clocks';
import type { Remedy } from '../domain/actions';
import type { ProposalAssessment } from '../domain/authority';
import type { Actor, DeadlineKind, EscalationLevel, Outcome, Stage } from '../domain/model';
import type { CloseReasonCode, NotificationAudience, NotificationDataByKind, NotificationKind, NotificationRequest, NotificationRequestOf } from '../domain/notification-kinds';
import type { Policy } from '../domain/policy';
import type { AssignmentDecision } from '../domain/staffing';
import type { TimelineEventType } from '../domain/timeline';
import type { ComplaintState, Deadline, EvidenceRow } from './types';

/** Starting, stopping and reading the complaint's clocks (`clocks.ts`). */
export interface ClockControl {
  start(kind: DeadlineKind, from?: number): void;
  clear(...kinds: DeadlineKind[]): void;
  get(kind: DeadlineKind): Deadline | undefined;
  pause(): void;
  resume(): void;
}

/** A complaint's legal clocks (`legal.ts`): what actions and transitions do with them. */
export interface LegalControl {
  /** Puts the complaint under a regime; its clocks count from `intake.receivedAt`. */
  begin(intake: LegalIntake, actor: Actor): void;
  /** The obligations met (or none left): the clocks that end on one of `ends` stop, on time or not. */
  end(ends: readonly LegalClockEnd[], actor: Actor, now: number): void;
  planned(): PlannedLegalClock[];
  rule(clockId: string): LegalClockRule | undefined;
  version(): LegalRegimeVersion | undefined;
}

export interface EmitOptions {
  reason?: string;
  data?: Record<string, unknown>;
  /** Hidden from the customer. */
  internal?: boolean;
  notify?: NotificationRequest[];
}

/** The facts every breach records: which clock, when it was due, the escalation level at the time. */
export interface BreachFacts {
  deadline: DeadlineKind;
  dueAt: string;
  level: EscalationLevel;
}

/** How one missed clock is booked (`ProcessContext.breach`). */
export interface BreachPlan {
  /** The timeline event; `sla_breached` unless the clock says otherwise. */
  event?: 'sla_breached' | 'follow_up_overdue' | 'major_review_overdue';
  /** Hidden from the customer. */
  internal?: boolean;
  /** Marks the complaint SLA-breached (not for a closed case's follow-up visit). Default true. */
  markCase?: boolean;
  /** More facts for the event. */
  data?: Record<string, unknown>;
  /** Who is told; default: the clock's owner gets an `sla_breach` notice. */
  notify?: (facts: BreachFacts) => NotificationRequest[];
  /**
   * Afterwards: `escalate` one level up from the clock's owner and re-arm the clock for the new owner
   * (at the top of the ladder: `stay`); `rearm` the clock as it is; `stay` visibly breached.
   */
  then: 'escalate' | 'rearm' | 'stay';
}

export interface ProcessContext {
  readonly state: ComplaintState;
  readonly policy: Policy;
  readonly clocks: ClockControl;
  /** The legal clocks beside them (workflows/legal.ts); empty unless the complaint is under a regime. */
  readonly legal: LegalControl;

  /** Adds a timeline event to the transition under way; returns its id. */
  emit(type: TimelineEventType, actor: Actor, options?: EmitOptions): string;
  /** A notification showing the complaint's number and current stage, never contact data. */
  notice<K extends NotificationKind>(kind: K, to: NotificationAudience, data: NotificationDataByKind[K]): NotificationRequestOf<K>;
  /** Evidence rows written with the transition. */
  addEvidence(row: EvidenceRow): void;
  enterStage(stage: Stage): void;
  /**
   * A member of staff answered the customer: the first response is met, if it was still owed
   * (patch `first-response-by-answer`; before it, triage met it).
   */
  answeredCustomer(actor: Actor): void;
  /** Whether this complaint takes a workflow change made after release 1.0 (workflows/patches.ts). */
  isPatched(patch: PatchId): boolean;

  /** Who takes a piece of work in a department (decided once by an activity, recorded). */
  assign(role: 'agent' | 'handler', departmentId: string | undefined, purpose: string): Promise<AssignmentDecision>;
  /** Whose clock `kind` is now: the audience of its reminders and breach notices, and the staff id when one person owns it. */
  clockOwner(kind: DeadlineKind): { to: NotificationAudience; staffId?: string };

  /** A proposal's remedies against the actor's authority tier (SPEC §4.6). */
  assess(actor: Actor, remedies: Remedy[]): ProposalAssessment;
  /** Refuses remedies priced in another currency than the policy's (400 naming each). */
  checkCurrencies(remedies: Remedy[]): void;
  /** Asks the approvers whose tier covers the proposal to decide it. */
  approvalRequest(overdue?: { deadline: DeadlineKind; dueAt: string }): NotificationRequestOf<'approval_request'>;

  close(outcome: Outcome, reason: CloseReasonCode | (string & {}), actor: Actor, duplicateOf?: string): Promise<void>;
  reopen(actor: Actor, reason: string): void;
  /** The proposal goes to the customer: negotiating, with the customer-response clock. */
  offerToCustomer(actor: Actor): void;
  escalateOneLevel(actor: Actor, reason: string, fromStaffId?: string): Promise<void>;
  escalateTo(level: EscalationLevel, actor: Actor, reason: string, fromStaffId?: string): Promise<void>;
  /** The one place a missed clock is booked: counted, marked, recorded, told, then escalated, re-armed or left breached. */
  breach(deadline: Deadline, plan: BreachPlan): Promise<void>;
  startFollowUpVisit(): Promise<void>;
  /**
   * Opens the legal and PR reviews a major case needs and does not have yet (domain/major-review.ts):
   * an owner in the policy's department, the review's clock, the owner told (patch `major-case-review`).
   */
  openMajorReviews(actor: Actor): Promise<void>;
  /** A customer's information answers what a paused complaint was waiting for. */
  resumeIfCustomerAnswered(actor: Actor): void;
}
