/**
 * Every clock of the process, one entry each (SPEC §4–§5): which policy duration sets it, whether
 * the SLA pause stops it, who is reminded, whose clock it is and what happens when it runs out. The
 * owner and the due handler are code, not names interpreted elsewhere: adding a clock is one entry
 * here (and its duration in the policy).
 */
import { nextApproverOnOverdue } from '../domain/authority';
import { ESCALATION_ROLES, SYSTEM_ACTOR } from '../domain/model';
import type { NotificationAudience } from '../domain/notification-kinds';
import type { PolicyDurations } from '../domain/policy';
import type { ProcessContext } from './context';
import { iso } from './format';
import type { MajorReviewKind } from '../domain/major-review';
import type { ComplaintState, Deadline, DeadlineKind } from './types';

/** Whose clock it is: who is reminded and told of a breach, and whose superior an escalation goes to. */
export interface ClockOwnerRule {
  /** Shown to operators ("whose" in the UI's current details). */
  name: string;
  of(state: ComplaintState): { to: NotificationAudience; staffId?: string };
}

/** What happens when the clock runs out. */
export interface DueRule {
  /** In words for operators (the UI's current details). */
  description: string;
  run(p: ProcessContext, deadline: Deadline): Promise<void> | void;
}

export interface DeadlineRule {
  duration: keyof PolicyDurations;
  /** Stopped while the complaint waits on the customer. Customer-side clocks never pause. */
  pausable: boolean;
  /** Who gets the reminder at the policy's reminder fraction; none for plain timers. */
  remind: 'owner' | 'customer' | 'none';
  /** Whose clock it is; with `remind: 'customer'` the owner is reminded too. */
  owner: ClockOwnerRule;
  onDue: DueRule;
}

// ── Owners ─────────────────────────────────────────────────────────────────────────────────────

type StaffRole = 'agent' | 'handler' | 'supervisor' | 'manager';
/** One person when someone holds it, else the role's pool in the complaint's department. */
const person = (state: ComplaintState, id: string | undefined, role: StaffRole) =>
  id ? { to: { type: 'staff', id } as const, staffId: id } : { to: { type: 'role', role, departmentId: state.departmentId } as const };

/** The agents of the department the triage suggestion names (nobody owns the case yet). */
const triagePool = (s: ComplaintState) => ({ to: { type: 'role', role: 'agent', departmentId: s.triageSuggestion?.departmentId ?? s.departmentId } as const });

const OWNERS = {
  /**
   * Whoever must answer the customer first: the case owner once triage named one (the first
   * response outlives triage since patch `first-response-by-answer`), else the triage pool.
   */
  firstResponder: { name: 'firstResponder', of: (s) => (s.assigneeId ? person(s, s.assigneeId, 'agent') : triagePool(s)) },
  /** The complaint's assignee (else the pool of the escalation level's role). */
  caseOwner: { name: 'caseOwner', of: (s) => person(s, s.assigneeId, ESCALATION_ROLES[s.escalationLevel]) },
  /** The people of the required role (the tier covering the amount) in the department. */
  approvers: { name: 'approvers', of: (s) => ({ to: { type: 'role', role: s.proposal?.approval?.requiredRole ?? 'supervisor', departmentId: s.departmentId } }) },
  /** Whoever carries out the agreed remedy. */
  executionOwner: { name: 'executionOwner', of: (s) => person(s, s.execution?.ownerId ?? s.assigneeId, 'handler') },
  /** The agent who makes the follow-up visit. */
  visitingAgent: { name: 'visitingAgent', of: (s) => person(s, s.followUp?.assigneeId, 'agent') },
  legalReviewer: { name: 'legalReviewer', of: (s) => reviewer(s, 'legal') },
  prReviewer: { name: 'prReviewer', of: (s) => reviewer(s, 'pr') },
} satisfies Record<string, ClockOwnerRule>;

/** A major case's reviewer: the person who took the review, else the handlers of the reviewing department. */
function reviewer(state: ComplaintState, kind: MajorReviewKind): { to: NotificationAudience; staffId?: string } {
  const review = state.majorReviews?.find((r) => r.kind === kind);
  if (review?.ownerId) return { to: { type: 'staff', id: review.ownerId }, staffId: review.ownerId };
  return { to: { type: 'role', role: 'handler', departmentId: review?.departmentId } };
}

// ── What happens when a clock runs out ─────────────────────────────────────────────────────────

const facts = (d: Deadline) => ({ deadline: d.kind, dueAt: iso(d.dueAt)! });

const ON_DUE = {
  /** Staff deadline missed: breach, one step up the ladder, tell the new owner and the customer. */
  escalate: {
    description: 'SLA breach: one level up the ladder, new owner and customer told',
    run: (p, d) => p.breach(d, { then: 'escalate' }),
  },
  /**
   * An overdue approval moves up the approvers' ladder (supervisor → manager); overdue again at
   * manager level it stays with the managers, reminded and marked breached — it never falls onto the
   * general ladder, where a supervisor who cannot grant the amount would receive it.
   */
  escalateApprover: {
    description: 'approval overdue: passed to the managers (at manager level: reminded, marked breached)',
    async run(p, d) {
      const approval = p.state.proposal?.approval;
      if (!approval) return p.breach(d, { then: 'escalate' });
      if (approval.requiredRole === 'supervisor') {
        approval.requiredRole = nextApproverOnOverdue(approval.requiredRole);
        await p.breach(d, { data: { approverRole: 'supervisor' }, notify: () => [], then: 'rearm' });
        p.emit('approval_overdue', SYSTEM_ACTOR, { data: { ...facts(d), approverRole: approval.requiredRole }, notify: [p.approvalRequest(facts(d))] });
        return;
      }
      if (approval.status !== 'pending') return p.breach(d, { then: 'escalate' });
      return p.breach(d, { data: { approverRole: approval.requiredRole }, notify: () => [p.approvalRequest(facts(d))], then: 'stay' });
    },
  },
  /** The customer did not answer the proposal. */
  closeNoResponse: {
    description: 'closed as no response from the customer',
    async run(p, d) {
      p.emit('customer_no_response', SYSTEM_ACTOR, { data: facts(d) });
      await p.close('unresolved', 'no_response', SYSTEM_ACTOR);
    },
  },
  /** The customer did not rate. */
  closeWithoutFeedback: {
    description: 'closed as resolved without feedback',
    async run(p, d) {
      p.emit('satisfaction_not_given', SYSTEM_ACTOR, { data: facts(d) });
      await p.close('resolved', 'resolved_without_feedback', SYSTEM_ACTOR);
    },
  },
  /**
   * The visiting agent missed the follow-up visit: their breach, told to them and the department's
   * supervisors. The complaint was closed and stays so — no SLA breach on it, no escalation, nothing
   * to the customer. The visit can still be recorded.
   */
  followUpOverdue: {
    description: 'the visiting agent’s breach: they and their supervisors are told',
    run(p, d) {
      const agent = p.state.followUp?.assigneeId;
      return p.breach(d, {
        event: 'follow_up_overdue',
        internal: true,
        markCase: false,
        data: { assigneeId: agent ?? null },
        notify: (breach) => [
          ...(agent ? [p.notice('sla_breach', { type: 'staff', id: agent }, breach)] : []),
          p.notice('sla_breach', { type: 'role', role: 'supervisor', departmentId: p.state.departmentId }, breach),
        ],
        then: 'stay',
      });
    },
  },
  /**
   * A review not signed off in time: the reviewer's breach, told to them, the reviewing department's
   * supervisors and the case owner. Not an SLA breach of the case; the review stays open (a legal
   * review still holds the proposal back).
   */
  reviewOverdue: {
    description: 'the reviewer’s breach: they, their supervisors and the case owner are told',
    run(p, d) {
      const kind = d.kind === 'legalReview' ? 'legal' : 'pr';
      const review = p.state.majorReviews?.find((r) => r.kind === kind);
      const data = { review: kind, event: 'overdue', dueAt: iso(d.dueAt) } as const;
      return p.breach(d, {
        event: 'major_review_overdue',
        internal: true,
        markCase: false,
        data: { review: kind, ownerId: review?.ownerId ?? null },
        notify: () => [
          p.notice('major_review', p.clockOwner(d.kind).to, data),
          p.notice('major_review', { type: 'role', role: 'supervisor', departmentId: review?.departmentId }, data),
          ...(p.state.assigneeId ? [p.notice('major_review', { type: 'staff', id: p.state.assigneeId }, data)] : []),
        ],
        then: 'stay',
      });
    },
  },
  startFollowUp: {
    description: 'the follow-up visit (回访) becomes due',
    run: (p) => p.startFollowUpVisit(),
  },
  endReopenWindow: {
    description: 'the customer can no longer ask to reopen',
    run(p, d) {
      p.clocks.clear('reopenWindow');
      p.emit('reopen_window_ended', SYSTEM_ACTOR, { internal: true, data: facts(d) });
    },
  },
} satisfies Record<string, DueRule>;

export const DEADLINE_RULES: { readonly [K in DeadlineKind]: DeadlineRule } = {
  firstResponse: { duration: 'firstResponse', pausable: true, remind: 'owner', owner: OWNERS.firstResponder, onDue: ON_DUE.escalate },
  onSpotResolution: { duration: 'onSpotResolution', pausable: true, remind: 'owner', owner: OWNERS.caseOwner, onDue: ON_DUE.escalate },
  reply: { duration: 'reply', pausable: true, remind: 'owner', owner: OWNERS.caseOwner, onDue: ON_DUE.escalate },
  progressUpdate: { duration: 'progressUpdate', pausable: true, remind: 'owner', owner: OWNERS.caseOwner, onDue: ON_DUE.escalate },
  approval: { duration: 'approval', pausable: false, remind: 'owner', owner: OWNERS.approvers, onDue: ON_DUE.escalateApprover },
  customerResponse: { duration: 'customerResponse', pausable: false, remind: 'customer', owner: OWNERS.caseOwner, onDue: ON_DUE.closeNoResponse },
  execution: { duration: 'execution', pausable: true, remind: 'owner', owner: OWNERS.executionOwner, onDue: ON_DUE.escalate },
  satisfaction: { duration: 'satisfaction', pausable: false, remind: 'customer', owner: OWNERS.caseOwner, onDue: ON_DUE.closeWithoutFeedback },
  followUpStart: { duration: 'followUpDelay', pausable: false, remind: 'none', owner: OWNERS.caseOwner, onDue: ON_DUE.startFollowUp },
  followUpVisit: { duration: 'followUpVisit', pausable: false, remind: 'owner', owner: OWNERS.visitingAgent, onDue: ON_DUE.followUpOverdue },
  reopenWindow: { duration: 'reopenWindow', pausable: false, remind: 'none', owner: OWNERS.caseOwner, onDue: ON_DUE.endReopenWindow },
  legalReview: { duration: 'legalReview', pausable: false, remind: 'owner', owner: OWNERS.legalReviewer, onDue: ON_DUE.reviewOverdue },
  prReview: { duration: 'prReview', pausable: false, remind: 'owner', owner: OWNERS.prReviewer, onDue: ON_DUE.reviewOverdue },
};
