/** Shapes the complaint workflow carries, returns and shows; shared with activities and the API. */
import type { Remedy } from '../domain/actions';
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
  approval?: {
    requiredRole: 'supervisor' | 'manager';
    status: 'pending' | 'approved' | 'rejected';
    decidedBy?: Actor;
    reason?: string;
  };
}

export interface ComplaintState {
  number: string;
  channel: Channel;
  receivedAt: number;
  receivedBy?: string;
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
  findings?: { facts: string; rootCause: string; responsibility: Responsibility; evidenceIds: string[]; recordedBy: Actor };
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
  followUp?: { status: 'scheduled' | 'due' | 'done'; assigneeId?: string; reached?: boolean; satisfied?: boolean };
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
  /** The policy in force at intake; the complaint keeps it for life. */
  policy: Policy;
  /** State carried over by continue-as-new. */
  continued?: ComplaintState;
}

export interface ComplaintResult {
  number: string;
  outcome?: Outcome;
  reopenCount: number;
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

export type ComplaintView = Omit<ComplaintState, 'deadlines' | 'receivedAt' | 'closedAt' | 'firstResponseAt' | 'lastTransitionAt' | 'eventSeq' | 'execution' | 'escalatedAt'> & {
  receivedAt: string;
  escalatedAt?: string;
  closedAt?: string;
  firstResponseAt?: string;
  lastTransitionAt: string;
  execution?: { ownerId?: string; proof?: string; completedAt?: string };
  deadlines: DeadlineView[];
  nextDeadlineAt?: string;
  policyVersion: string;
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
