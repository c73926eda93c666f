/**
 * Need-to-know [001 规范2: 不得泄露投诉详情; 规范4/7]: which complaints each role reaches, one entry per
 * role. The API's routes, the read side, lists and search, work queues, exports and reports all ask
 * this table (through `api/read/scopes.ts`); the workflow still checks role, stage and authority.
 *
 * A complaint is *reached* when one of the role's relations holds between the person and it. Anything
 * else is out of scope and answers 404, exactly like an unknown number, so numbers cannot be probed —
 * except that a hotline agent may open any complaint by its exact number as the *front desk* does:
 * what the complainant may see, contact data masked (reveal by reason), and only the actions they may
 * take on the complainant's behalf.
 */
import type { ComplaintActionName } from './actions';
import type { Role } from './model';

/**
 * How a person relates to a complaint:
 * - `complainant`: it is their own (customers; `customerId`);
 * - `receiver`: they recorded it (`receivedBy`);
 * - `owner`, `visitor`, `task_force`: they own it, make its follow-up visit, or are in its task force;
 * - `reviewer`: they review the major case for legal or PR risk, or work in the reviewing department
 *   (domain/major-review.ts);
 * - `department`: it is in their department (leads: in a department of theirs or of anyone below them);
 * - `below`: someone below them in the org chart received, owns, visits or works on it;
 * - `front_line`: it has no department yet (received, not triaged): the triage pool of the front line.
 */
export const RELATIONS = ['complainant', 'receiver', 'owner', 'visitor', 'task_force', 'reviewer', 'department', 'below', 'front_line'] as const;
export type Relation = (typeof RELATIONS)[number];

/** What a person gets of a complaint: everything their role may see, the front desk's view, or nothing. */
export type ComplaintAccess = 'case' | 'front_desk' | 'none';

export interface ScopeRule {
  /** The relations that put a complaint in scope, or `all` (quality reads every complaint). */
  reaches: readonly Relation[] | 'all';
  /** Any other complaint, asked for by its exact number. */
  otherByNumber: 'front_desk' | 'none';
  /** What reports and exports count: every complaint, the reached ones, or none. */
  reports: 'all' | 'reached' | 'none';
  /** Plain words for the README's scope table and the API description. */
  summary: string;
}

const CASE_RELATIONS = ['owner', 'visitor', 'task_force', 'reviewer', 'department'] as const satisfies readonly Relation[];

export const SCOPE_RULES: { readonly [R in Role]: ScopeRule } = {
  customer: { reaches: ['complainant'], otherByNumber: 'none', reports: 'none', summary: 'their own complaints (the allowlisted view)' },
  agent: {
    reaches: ['receiver', ...CASE_RELATIONS, 'front_line'],
    otherByNumber: 'front_desk',
    reports: 'none',
    summary: 'complaints they received, own, visit, review or work on in a task force, their department’s, and untriaged ones; any other by its exact number as the front desk',
  },
  handler: { reaches: CASE_RELATIONS, otherByNumber: 'none', reports: 'none', summary: 'complaints they own, visit, review (or their department reviews) or work on in a task force, and their department’s' },
  supervisor: { reaches: [...CASE_RELATIONS, 'below', 'front_line'], otherByNumber: 'none', reports: 'reached', summary: 'their departments’ complaints and those of everyone below them in the org chart' },
  manager: { reaches: [...CASE_RELATIONS, 'below', 'front_line'], otherByNumber: 'none', reports: 'reached', summary: 'their departments’ complaints and those of everyone below them in the org chart' },
  quality: { reaches: 'all', otherByNumber: 'none', reports: 'all', summary: 'every complaint and report, read only' },
  admin: { reaches: [], otherByNumber: 'none', reports: 'none', summary: 'no complaint content: people, calendars, policy and the audit trail' },
};

/**
 * What a front-desk agent may do on a complaint outside their scope: what the complainant could do
 * themselves (add information, withdraw, ask to reopen), a note, and a reveal of the contact data
 * with a reason (on the timeline and in the audit trail).
 */
export const FRONT_DESK_ACTIONS: readonly ComplaintActionName[] = ['addEvidence', 'addNote', 'withdraw', 'reopen', 'revealContact'];

/** Whether `role` reaches a complaint related to the person by `relations`. */
export function accessFor(role: Role, relations: ReadonlySet<Relation>): ComplaintAccess {
  const rule = SCOPE_RULES[role];
  if (rule.reaches === 'all' || rule.reaches.some((r) => relations.has(r))) return 'case';
  return rule.otherByNumber === 'front_desk' ? 'front_desk' : 'none';
}
