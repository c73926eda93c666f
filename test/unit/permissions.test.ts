import { ACTION_BY_ROUTE, ACTION_RULES, actionFitsStage, COMPLAINT_ACTIONS } from '../../domain/actions';
import { ROLES, STAGES, type Role } from '../../domain/model';
import { ACTIONS, isAllowed, PERMISSIONS, type Action } from '../../domain/permissions';

/** The matrix written out longhand, so a change to PERMISSIONS must be made twice on purpose. */
const EXPECTED: Record<Action, Role[]> = {
  intake: ['customer', 'agent', 'handler', 'supervisor', 'manager', 'admin'],
  read: ['customer', 'agent', 'handler', 'supervisor', 'manager', 'admin'],
  readInternal: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  list: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  triage: ['agent', 'supervisor', 'manager', 'admin'],
  regrade: ['agent', 'supervisor', 'manager', 'admin'],
  resolveOnSpot: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  addEvidence: ['customer', 'agent', 'handler', 'supervisor', 'manager', 'admin'],
  recordFindings: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  sendProgressUpdate: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  propose: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  decideApproval: ['supervisor', 'manager', 'admin'],
  respondToProposal: ['customer', 'agent', 'handler', 'supervisor', 'manager', 'admin'],
  completeExecution: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  rateSatisfaction: ['customer', 'agent', 'supervisor', 'manager', 'admin'],
  recordFollowUp: ['agent', 'supervisor', 'manager', 'admin'],
  escalate: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  reassign: ['supervisor', 'manager', 'admin'],
  addNote: ['customer', 'agent', 'handler', 'supervisor', 'manager', 'admin'],
  revealContact: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  withdraw: ['customer', 'agent', 'supervisor', 'manager', 'admin'],
  reopen: ['customer', 'supervisor', 'manager', 'admin'],
  pause: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  resume: ['agent', 'handler', 'supervisor', 'manager', 'admin'],
  close: ['supervisor', 'manager', 'admin'],
  reports: ['supervisor', 'manager', 'admin'],
  problems: ['supervisor', 'manager', 'admin'],
  administer: ['admin'],
};

describe('role × action matrix', () => {
  const pairs = ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const));
  it.each(pairs)('%s by %s', (action, role) => {
    expect(isAllowed(role, action)).toBe(EXPECTED[action].includes(role));
  });

  it('covers every complaint action', () => {
    for (const action of COMPLAINT_ACTIONS) expect(PERMISSIONS[action]).toBeDefined();
  });
});

describe('action table', () => {
  it('gives every action its own route segment', () => {
    expect(ACTION_BY_ROUTE.size).toBe(COMPLAINT_ACTIONS.length);
    for (const action of COMPLAINT_ACTIONS) {
      expect(ACTION_RULES[action].route).toMatch(/^[a-z][a-z-]*$/);
      expect(ACTION_BY_ROUTE.get(ACTION_RULES[action].route)).toBe(action);
    }
  });

  it('reads each action’s permission from its entry', () => {
    for (const action of COMPLAINT_ACTIONS) expect(PERMISSIONS[action]).toBe(ACTION_RULES[action].roles);
  });
});

describe('stage table', () => {
  it('lets nothing happen to a complaint that was only received', () => {
    for (const action of COMPLAINT_ACTIONS) expect(actionFitsStage(action, 'received')).toBe(false);
  });

  it('allows only reopening, notes and revealing the contact on a closed complaint', () => {
    const allowed = COMPLAINT_ACTIONS.filter((a) => actionFitsStage(a, 'closed'));
    expect(allowed.sort()).toEqual(['addNote', 'reopen', 'revealContact']);
  });

  it('names only known stages', () => {
    for (const action of COMPLAINT_ACTIONS) for (const s of ACTION_RULES[action].stages) expect(STAGES).toContain(s);
  });

  it.each([
    ['triage', 'acknowledged'],
    ['decideApproval', 'awaiting_approval'],
    ['respondToProposal', 'negotiating'],
    ['completeExecution', 'executing'],
    ['rateSatisfaction', 'confirming'],
    ['recordFollowUp', 'follow_up'],
  ] as const)('%s only in %s', (action, stage) => {
    expect(ACTION_RULES[action].stages).toEqual([stage]);
  });
});
