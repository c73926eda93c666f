/**
 * What every clock of the process does, in one table (SPEC §4–§5): which policy duration sets it,
 * whether the SLA pause stops it, who is reminded, and what happens when it runs out.
 */
import type { PolicyDurations } from '../domain/policy';
import type { DeadlineKind } from './types';

export type OnDue =
  /** Staff deadline missed: breach, one step up the ladder, tell the new owner and the customer. */
  | 'escalate'
  /** Overdue approval goes one level up (supervisor → manager), then escalates like any breach. */
  | 'escalateApprover'
  /** The customer did not answer the proposal: close as no response. */
  | 'closeNoResponse'
  /** The customer did not rate: close as resolved without feedback. */
  | 'closeWithoutFeedback'
  /** The follow-up visit is late: the visiting agent's breach, told to them and their supervisors; the case itself is closed and stays so. */
  | 'followUpOverdue'
  /** Time for the follow-up visit (回访). */
  | 'startFollowUp'
  /** The customer can no longer ask to reopen. */
  | 'endReopenWindow';

/**
 * Whose clock it is: who is reminded and told of a breach, and whose superior an escalation goes to.
 * - `triagePool`: the agents of the department the triage suggestion names (nobody owns the case yet);
 * - `caseOwner`: the complaint's assignee;
 * - `approvers`: the people of the required role (the tier covering the amount) in the department;
 * - `executionOwner`: whoever carries out the agreed remedy;
 * - `visitingAgent`: the agent who makes the follow-up visit.
 */
export type ClockOwner = 'triagePool' | 'caseOwner' | 'approvers' | 'executionOwner' | 'visitingAgent';

/** What happens when a clock of each kind runs out, in words for operators (current details in the UI). */
export const ON_DUE_DESCRIPTION: { readonly [K in OnDue]: string } = {
  escalate: 'SLA breach: one level up the ladder, new owner and customer told',
  escalateApprover: 'approval overdue: passed to the managers (at manager level: reminded, marked breached)',
  closeNoResponse: 'closed as no response from the customer',
  closeWithoutFeedback: 'closed as resolved without feedback',
  followUpOverdue: 'the visiting agent’s breach: they and their supervisors are told',
  startFollowUp: 'the follow-up visit (回访) becomes due',
  endReopenWindow: 'the customer can no longer ask to reopen',
};

export interface DeadlineRule {
  duration: keyof PolicyDurations;
  /** Stopped while the complaint waits on the customer. Customer-side clocks never pause. */
  pausable: boolean;
  /** Who gets the reminder at the policy's reminder fraction; none for plain timers. */
  remind: 'owner' | 'customer' | 'none';
  /** Whose clock it is; with `remind: 'customer'` the owner is reminded too. */
  owner: ClockOwner;
  onDue: OnDue;
}

export const DEADLINE_RULES: { readonly [K in DeadlineKind]: DeadlineRule } = {
  firstResponse: { duration: 'firstResponse', pausable: true, remind: 'owner', owner: 'triagePool', onDue: 'escalate' },
  onSpotResolution: { duration: 'onSpotResolution', pausable: true, remind: 'owner', owner: 'caseOwner', onDue: 'escalate' },
  reply: { duration: 'reply', pausable: true, remind: 'owner', owner: 'caseOwner', onDue: 'escalate' },
  progressUpdate: { duration: 'progressUpdate', pausable: true, remind: 'owner', owner: 'caseOwner', onDue: 'escalate' },
  approval: { duration: 'approval', pausable: false, remind: 'owner', owner: 'approvers', onDue: 'escalateApprover' },
  customerResponse: { duration: 'customerResponse', pausable: false, remind: 'customer', owner: 'caseOwner', onDue: 'closeNoResponse' },
  execution: { duration: 'execution', pausable: true, remind: 'owner', owner: 'executionOwner', onDue: 'escalate' },
  satisfaction: { duration: 'satisfaction', pausable: false, remind: 'customer', owner: 'caseOwner', onDue: 'closeWithoutFeedback' },
  followUpStart: { duration: 'followUpDelay', pausable: false, remind: 'none', owner: 'caseOwner', onDue: 'startFollowUp' },
  followUpVisit: { duration: 'followUpVisit', pausable: false, remind: 'owner', owner: 'visitingAgent', onDue: 'followUpOverdue' },
  reopenWindow: { duration: 'reopenWindow', pausable: false, remind: 'none', owner: 'caseOwner', onDue: 'endReopenWindow' },
};
