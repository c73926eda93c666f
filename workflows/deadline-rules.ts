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

export interface DeadlineRule {
  duration: keyof PolicyDurations;
  /** Stopped while the complaint waits on the customer. Customer-side clocks never pause. */
  pausable: boolean;
  /** Who gets the reminder at the policy's reminder fraction; none for plain timers. */
  remind: 'owner' | 'customer' | 'none';
  onDue: OnDue;
}

export const DEADLINE_RULES: { readonly [K in DeadlineKind]: DeadlineRule } = {
  firstResponse: { duration: 'firstResponse', pausable: true, remind: 'owner', onDue: 'escalate' },
  onSpotResolution: { duration: 'onSpotResolution', pausable: true, remind: 'owner', onDue: 'escalate' },
  reply: { duration: 'reply', pausable: true, remind: 'owner', onDue: 'escalate' },
  progressUpdate: { duration: 'progressUpdate', pausable: true, remind: 'owner', onDue: 'escalate' },
  approval: { duration: 'approval', pausable: false, remind: 'owner', onDue: 'escalateApprover' },
  customerResponse: { duration: 'customerResponse', pausable: false, remind: 'customer', onDue: 'closeNoResponse' },
  execution: { duration: 'execution', pausable: true, remind: 'owner', onDue: 'escalate' },
  satisfaction: { duration: 'satisfaction', pausable: false, remind: 'customer', onDue: 'closeWithoutFeedback' },
  followUpStart: { duration: 'followUpDelay', pausable: false, remind: 'none', onDue: 'startFollowUp' },
  followUpVisit: { duration: 'followUpVisit', pausable: false, remind: 'owner', onDue: 'followUpOverdue' },
  reopenWindow: { duration: 'reopenWindow', pausable: false, remind: 'none', onDue: 'endReopenWindow' },
};
