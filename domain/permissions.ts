/**
 * Who may do what: the role × permission matrix. The permissions of complaint actions come from the
 * action table (./actions, `roles` of each entry); the others are listed here. The API checks it
 * before forwarding a request, and the workflow's update validators check it again (with stage and
 * authority tiers), so a client that reaches the engine by another route gets the same answer.
 */
import { ACTION_RULES, COMPLAINT_ACTIONS, type ComplaintActionName } from './actions';
import type { Role } from './model';

/** Staff who read complaints (an administrator reads none: SPEC's need-to-know, `domain/scopes.ts`). */
const CASE_STAFF: readonly Role[] = ['agent', 'handler', 'supervisor', 'manager', 'quality'];

/**
 * Permissions that are not complaint actions: reading, listing, reports, administration. Which
 * complaints a permitted person reaches is their scope (`domain/scopes.ts`).
 */
const OTHER_PERMISSIONS = {
  intake: ['customer', 'agent', 'handler', 'supervisor', 'manager'],
  read: ['customer', ...CASE_STAFF],
  readInternal: CASE_STAFF,
  list: CASE_STAFF,
  /** Tracking links: give the complainant a new one, or revoke it (those who handle the case). */
  manageTrackingLink: ['agent', 'handler', 'supervisor', 'manager'],
  reports: ['supervisor', 'manager', 'quality'],
  /** Systemic problems: open, link complaints, record the corrective action (the quality work of supervisors and the quality team). */
  problems: ['supervisor', 'manager', 'quality'],
  /** Notifications that need a person's decision: look, and send again. */
  supervise: ['supervisor', 'manager'],
  administer: ['admin'],
  /** The audit trail: administrators and the quality team. */
  audit: ['admin', 'quality'],
  /** A legal hold keeps a complaint's personal data past its retention periods (a dispute, a regulator's review). */
  legalHold: ['supervisor', 'manager', 'quality'],
  /** Taking down a person's request about their data (the complainant, or staff on their behalf). */
  takeDataRequest: ['customer', 'agent', 'handler', 'supervisor', 'manager'],
  /** Working on people's data requests: their queue, the export, the answer. */
  dataRequests: ['handler', 'supervisor', 'manager', 'quality'],
  answerDataRequest: ['handler', 'supervisor', 'manager'],
  /** The retention rules in force and the sweep's runs (counts). */
  retention: ['admin', 'quality'],
  /** The triage rules (keywords, risk words, thresholds, departments): administrators change them, audited and versioned. */
  triageRules: ['admin'],
  readTriageRules: ['agent', 'supervisor', 'manager', 'quality', 'admin'],
  /** The knowledge base (domain/knowledge.ts): read it; write drafts and record an article's use on a case; publish (leads). */
  knowledge: ['agent', 'handler', 'supervisor', 'manager', 'quality'],
  writeKnowledge: ['agent', 'handler', 'supervisor', 'manager'],
  publishKnowledge: ['supervisor', 'manager'],
  /**
   * Quality review (domain/quality-review.ts): the queue and the reviews (handlers see their own,
   * supervisors their people's, the quality team and managers all); scoring is the quality team's;
   * the handler accepts or disputes; a supervisor decides a dispute.
   */
  qualityReviews: ['agent', 'handler', 'supervisor', 'manager', 'quality'],
  scoreQualityReview: ['quality'],
  answerQualityReview: ['handler', 'agent'],
  decideQualityDispute: ['supervisor', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof OTHER_PERMISSIONS | ComplaintActionName;

export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  ...OTHER_PERMISSIONS,
  ...(Object.fromEntries(COMPLAINT_ACTIONS.map((name) => [name, ACTION_RULES[name].roles])) as Record<ComplaintActionName, readonly Role[]>),
};

export const ACTIONS: readonly Action[] = Object.keys(PERMISSIONS) as Action[];

export function isAllowed(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}
