/**
 * Who may do what: the role × permission matrix. The permissions of complaint actions come from the
 * action table (./actions, `roles` of each entry); the others are listed here. The API checks it
 * before forwarding a request, and the workflow's update validators check it again (with stage and
 * authority tiers), so a client that reaches the engine by another route gets the same answer.
 */
import { ACTION_RULES, COMPLAINT_ACTIONS, type ComplaintActionName } from './actions';
import type { Role } from './model';

const STAFF: readonly Role[] = ['agent', 'handler', 'supervisor', 'manager', 'admin'];

/** Permissions that are not complaint actions: reading, listing, reports, administration. */
const OTHER_PERMISSIONS = {
  intake: ['customer', ...STAFF],
  read: ['customer', ...STAFF],
  readInternal: STAFF,
  list: STAFF,
  reports: ['supervisor', 'manager', 'admin'],
  /** Systemic problems: open, link complaints, record the corrective action (the quality work of supervisors). */
  problems: ['supervisor', 'manager', 'admin'],
  administer: ['admin'],
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
