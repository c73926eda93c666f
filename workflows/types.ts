/** Shapes the complaint workflow carries, returns and shows; shared with activities and the API. */
import type { Remedy } from '../domain/actions';
import type { LegalIntake } from '../domain/legal-clocks';
import type { LegalClockEnd, LegalRegimeId, LegalStopReason } from '../domain/legal-regimes/types';
import type { MajorReviewDecision, MajorReviewKind, MajorReviewSummary } from '../domain/major-review';
import type { Actor, Category, Channel, DeadlineKind, EscalationLevel, Grade, Outcome, Responsibility, Severity, Stage } from '../domain/model';
import type { NotificationRequest } from '../domain/notification-kinds';
import type { Policy } from '../domain/policy';
import type { TimelineEventType } from '../domain/timeline';
import type { TriageSuggestion } from '../domain/triage-decision';

export { DEADLINE_KINDS, type DeadlineKind } from '../domain/model';

export interface Deadline {
  kind: DeadlineKind;
  startedAt: number;
  dueAt: number;
  remindAt: number;
  pausedAt?: number;
  pausedTotalMs: number;
  reminded: boolean;
  /** How often this clock has run out; a staff clock is re-armed for the next owner after a breach. */
  breachCount: number;
  /** Set when it ran out and can no longer escalate (already at the top of the ladder). */
  breached: boolean;
}

export interface Proposal {
  round: number;
  remedies: Remedy[];
  totalMinor: number;
  currency: string;
  message: string;
  proposedBy: Actor;
  proposedAt: number;
  /** The findings made the company responsible and the proposer left the apology out: why (service recovery). */
  apologyOmittedReason?: string;
  approval?: {
    requiredRole: 'supervisor' | 'manager';
    status: 'pending' | 'approved' | 'rejected';
    decidedBy?: Actor;
    reason?: string;
  };
}

/** A stop of a legal clock (time for testing or 鉴定 not counted), recorded with its reason. */
export interface LegalStop {
  clockId: string;
  reason: LegalStopReason;
  note: string;
  by: string;
  fromMs: number;
  toMs?: number;
}

/**
 * The legal clocks of a complaint under a regime (domain/legal-regimes.ts): the facts they count
 * from, and how each has gone. The due times are not stored: they are planned from these facts on
 * the policy's calendar whenever needed (domain/legal-clocks.ts), so a stop, an extension or a
 * re-planned calendar moves them in one place.
 */
export interface LegalState {
  regime: LegalRegimeId;
  /** The regime version followed: its `effectiveFrom`. */
  version: string;
  /** When the company received the complaint (epoch ms). */
  receivedAt: number;
  regulatorReference?: string;
  regulatorOffice?: string;
  /** The end of the reply day the regulator set. */
  regulatorDueAt?: number;
  regulatorAcceptedAt?: number;
  stops: LegalStop[];
  extensions: { clockId: string; extensionId: string; at: number; by: string; reason: string }[];
  /** By clock id: early warnings sent, whether it was missed, and how it ended. */
  progress: Record<string, { warned: number; missed: boolean; ended?: { by: LegalClockEnd; at: number; onTime: boolean } }>;
}

/**
 * A legal or PR review of a major case (domain/major-review.ts), with its own owner and clock
 * (`legalReview` / `prReview`). `ended`: the case closed before the sign-off.
 */
export interface MajorReview {
  kind: MajorReviewKind;
  departmentId: string;
  ownerId?: string;
  /** A proposal waits for this sign-off (the policy's `blocksProposal` when it opened). */
  blocksProposal: boolean;
  status: 'open' | 'signed_off' | 'ended';
  openedAt: number;
  /** The reasons it opened: risk kinds found at triage, `critical`. */
  triggers: string[];
  decision?: MajorReviewDecision;
  note?: string;
  signedOffBy?: Actor;
  signedOffAt?: number;
}

export interface ComplaintState {
  number: string;
  channel: Channel;
  receivedAt: number;
  receivedBy?: string;
  /** When the company really received it, when earlier than the intake (a letter opened late). */
  companyReceivedAt?: number;
  /** Present while the complaint is under a legal regime (since patch `legal-clocks`). */
  legal?: LegalState;
  stage: Stage;
  category?: Category;
  severity?: Severity;
  grade?: Grade;
  departmentId?: string;
  assigneeId?: string;
  taskForce?: { leadId: string; memberIds: string[] };
  escalationLevel: EscalationLevel;
  /** When the case last went up the ladder. */
  escalatedAt?: number;
  slaBreached: boolean;
  possiblySystemic: boolean;
  paused: boolean;
  triageSuggestion?: TriageSuggestion;
  triageDecision?: { category: Category; severity: Severity; grade: Grade; departmentId: string; overridden: string[]; decidedBy: Actor };
  /** `apologyOwed` (since patch `service-recovery`): the company was found responsible, so a proposal includes an apology or says why not. */
  findings?: { facts: string; rootCause: string; responsibility: Responsibility; evidenceIds: string[]; recordedBy: Actor; apologyOwed?: boolean };
  /** Legal and PR reviews of a major case (since patch `major-case-review`). */
  majorReviews?: MajorReview[];
  proposal?: Proposal;
  /** Proposals the customer rejected so far. */
  rejectedRounds: number;
  execution?: { ownerId?: string; proof?: string; completedAt?: number };
  satisfaction?: { score: number; comment?: string };
  outcome?: Outcome;
  closeReason?: string;
  /** With outcome `duplicate`: the complaint this one repeats. */
  duplicateOf?: string;
  closedAt?: number;
  firstResponseAt?: number;
  /** `retained`: at the visit, the customer said they stay a customer (service recovery). */
  followUp?: { status: 'scheduled' | 'due' | 'done'; assigneeId?: string; reached?: boolean; satisfied?: boolean; retained?: boolean };
  reopenCount: number;
  deadlines: Partial<Record<DeadlineKind, Deadline>>;
  /** Last timeline sequence number used; event ids derive from it, so retries write each event once. */
  eventSeq: number;
  /** Grows with every change; the database projection ignores older versions. */
  stateVersion: number;
  lastTransitionAt: number;
}

export interface ComplaintWorkflowInput {
  complaintNumber: string;
  channel: Channel;
  /** ISO time the complaint was received (the API's clock at intake). */
  receivedAt: string;
  receivedBy?: string;
  /** When the company really received it (ISO), when intake recorded an earlier time. */
  companyReceivedAt?: string;
  /** The legal regime given at intake, and its facts. */
  legal?: LegalIntake;
  /** The policy in force at intake; the complaint keeps it for life (unless re-planned on purpose). */
  policy: Policy;
  /** State carried over by continue-as-new. */
  continued?: ComplaintState;
}

export interface ComplaintResult {
  number: string;
  outcome?: Outcome;
  reopenCount: number;
}

/** A legal clock as people see it, beside the internal ones in `deadlines`. */
export interface LegalDeadlineView {
  kind: 'legal';
  regime: LegalRegimeId;
  clock: string;
  /** `binding`: the company must meet it; `context`: the regulator's own period, for information. */
  binding: boolean;
  label: { 'zh-CN': string; en: string };
  startedAt: string;
  /** Unknown while a stop is open. */
  dueAt?: string;
  /** The period's last day ('YYYY-MM-DD'); the due time is its end. */
  lastDay?: string;
  warnAt: string[];
  stopped: boolean;
  missed: boolean;
  extensions: string[];
  ended?: { by: LegalClockEnd; at: string; onTime: boolean };
}

export interface DeadlineView {
  kind: DeadlineKind;
  dueAt: string;
  remindAt: string;
  paused: boolean;
  breached: boolean;
  breachCount: number;
  reminded: boolean;
}

/** A major case's review as people see it. */
export type MajorReviewView = Omit<MajorReview, 'openedAt' | 'signedOffAt'> & { openedAt: string; signedOffAt?: string; dueAt?: string };

export type ComplaintView = Omit<ComplaintState, 'deadlines' | 'legal' | 'companyReceivedAt' | 'receivedAt' | 'closedAt' | 'firstResponseAt' | 'lastTransitionAt' | 'eventSeq' | 'execution' | 'escalatedAt' | 'majorReviews'> & {
  majorReviews?: MajorReviewView[];
  receivedAt: string;
  escalatedAt?: string;
  closedAt?: string;
  firstResponseAt?: string;
  lastTransitionAt: string;
  execution?: { ownerId?: string; proof?: string; completedAt?: string };
  deadlines: (DeadlineView | LegalDeadlineView)[];
  nextDeadlineAt?: string;
  policyVersion: string;
  /** The legal regime's facts (the clocks themselves are in `deadlines`). */
  legal?: { regime: LegalRegimeId; version: string; receivedAt: string; regulatorReference?: string; regulatorOffice?: string; regulatorDueAt?: string; regulatorAcceptedAt?: string; stops: (Omit<LegalStop, 'fromMs' | 'toMs'> & { from: string; to?: string })[] };
};

/** The state as the API knows it: the workflow's view, or fewer fields from the projection when the engine does not answer. */
export type ComplaintStateView = Partial<ComplaintView> & Pick<ComplaintView, 'stage'>;

/** One timeline entry as the workflow hands it to the recording activity. */
export interface TimelineEventInput {
  id: string;
  seq: number;
  type: TimelineEventType;
  stage: Stage;
  actor: Actor;
  reason?: string;
  data: Record<string, unknown>;
  internal: boolean;
  occurredAt: string;
  notifications: NotificationRequest[];
}

/** The columns of the complaints table that mirror the workflow state (times as ISO strings). */
export type ComplaintProjection = Pick<
  ComplaintState,
  'stage' | 'category' | 'severity' | 'grade' | 'departmentId' | 'assigneeId' | 'escalationLevel' | 'slaBreached' | 'possiblySystemic' | 'outcome' | 'duplicateOf' | 'reopenCount' | 'stateVersion'
> & {
  nextDeadlineAt?: string;
  satisfaction?: number;
  firstResponseAt?: string;
  closedAt?: string;
  lastTransitionAt: string;
  approverRole?: 'supervisor' | 'manager';
  followUpAssigneeId?: string;
  taskForceIds?: string[];
  /** The major case's reviews (their owners and departments reach the case: `domain/scopes.ts`, `reviewer`). */
  majorReviews?: MajorReviewSummary[];
  /** Under a legal regime: the nearest binding legal due time still open, and whether one was missed. */
  legal?: { regime: LegalRegimeId; dueAt?: string; missed: boolean; regulatorReference?: string; regulatorOffice?: string; regulatorDueAt?: string };
};

/** Evidence added by an action, written with its transition. */
export interface EvidenceRow {
  id: string;
  uri: string;
  note?: string;
  addedBy: string;
  addedAt: string;
}

export interface RecordTransitionInput {
  complaintNumber: string;
  events: TimelineEventInput[];
  projection: ComplaintProjection;
  /** Evidence rows to add with these events (added by an action). */
  evidence?: EvidenceRow[];
  /**
   * The worker that records the transition sends its e-mails and webhooks itself, with this retry
   * limit (the workflow always sets it; without it the ids are returned for the caller to deliver).
   */
  dispatch?: { maxAttempts: number; initialIntervalSeconds: number };
}

/**
 * Re-planning a running complaint (workflows/replan.ts): onto a new policy version (`policy`, already
 * cut to the complaint's calendar years by the API) or with one new calendar year (`calendarYear`, a
 * holiday notice), with why. A preview changes nothing; the update applies it and records it.
 */
export interface ReplanRequest {
  policy?: Policy;
  calendarYear?: { calendarId: string; year: string; data: Policy['calendar']['years'][string] };
  reason: string;
}

/** One deadline that moves: an internal clock (`kind`) or a legal one (`legal: regime:clockId`). */
export interface DeadlineMove {
  clock: string;
  legal: boolean;
  from: string;
  to: string;
}

export interface ReplanResult {
  number: string;
  policyVersion: { from: string; to: string };
  moves: DeadlineMove[];
  /** False for a preview, or when nothing changed (no move and the same policy version). */
  applied: boolean;
}
