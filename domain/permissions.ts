/**
 * Who may do what: the one role × action matrix. The API checks it before forwarding a request, and
 * the workflow's update validators check it again (with stage and authority tiers), so a client that
 * reaches the engine by another route gets the same answer.
 */
import type { Role } from './model';

export const ACTIONS = [
  'intake',
  'read',
  'readInternal',
  'list',
  'triage',
  'resolveOnSpot',
  'addEvidence',
  'recordFindings',
  'sendProgressUpdate',
  'propose',
  'decideApproval',
  'respondToProposal',
  'completeExecution',
  'rateSatisfaction',
  'recordFollowUp',
  'escalate',
  'reassign',
  'addNote',
  'withdraw',
  'reopen',
  'pause',
  'resume',
  'close',
  'reports',
  'administer',
] as const;
export type Action = (typeof ACTIONS)[number];

const STAFF: Role[] = ['agent', 'handler', 'supervisor', 'manager', 'admin'];
const LEADS: Role[] = ['supervisor', 'manager', 'admin'];

export const PERMISSIONS: Record<Action, readonly Role[]> = {
  intake: ['customer', ...STAFF],
  read: ['customer', ...STAFF],
  readInternal: STAFF,
  list: STAFF,
  triage: ['agent', ...LEADS],
  resolveOnSpot: ['agent', 'handler', ...LEADS],
  addEvidence: ['customer', ...STAFF],
  recordFindings: ['handler', 'agent', ...LEADS],
  sendProgressUpdate: ['agent', 'handler', ...LEADS],
  propose: ['agent', 'handler', ...LEADS],
  // The tier check (may this role grant this amount?) comes on top, in the workflow validator.
  decideApproval: LEADS,
  // Staff may record an answer the customer gave by phone or in the store.
  respondToProposal: ['customer', 'agent', 'handler', ...LEADS],
  completeExecution: ['agent', 'handler', ...LEADS],
  rateSatisfaction: ['customer', 'agent', ...LEADS],
  recordFollowUp: ['agent', ...LEADS],
  escalate: STAFF,
  reassign: LEADS,
  addNote: ['customer', ...STAFF],
  withdraw: ['customer', 'agent', ...LEADS],
  reopen: ['customer', ...LEADS],
  pause: ['agent', 'handler', ...LEADS],
  resume: ['agent', 'handler', ...LEADS],
  close: LEADS,
  reports: ['supervisor', 'manager', 'admin'],
  administer: ['admin'],
};

export function isAllowed(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}
