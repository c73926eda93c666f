import { ACTION_BY_ROUTE, ACTION_RULES, actionFitsStage, COMPLAINT_ACTIONS } from '../../domain/actions';
import { ROLES, STAGES, type Role } from '../../domain/model';
import { ACTIONS, isAllowed, PERMISSIONS, type Action } from '../../domain/permissions';

/** The matrix written out longhand, so a change to PERMISSIONS must be made twice on purpose. */
const EXPECTED: Record<Action, Role[]> = {
  intake: ['customer', 'agent', 'handler', 'supervisor', 'manager'],
  read: ['customer', 'agent', 'handler', 'supervisor', 'manager', 'quality'],
  readInternal: ['agent', 'handler', 'supervisor', 'manager', 'quality'],
  list: ['agent', 'handler', 'supervisor', 'manager', 'quality'],
  triage: ['agent', 'supervisor', 'manager'],
  regrade: ['agent', 'supervisor', 'manager'],
  resolveOnSpot: ['agent', 'handler', 'supervisor', 'manager'],
  addEvidence: ['customer', 'agent', 'handler', 'supervisor', 'manager'],
  recordFindings: ['agent', 'handler', 'supervisor', 'manager'],
  sendProgressUpdate: ['agent', 'handler', 'supervisor', 'manager'],
  propose: ['agent', 'handler', 'supervisor', 'manager'],
  decideApproval: ['supervisor', 'manager'],
  respondToProposal: ['customer', 'agent', 'handler', 'supervisor', 'manager'],
  completeExecution: ['agent', 'handler', 'supervisor', 'manager'],
  reportRemedyUnexecutable: ['agent', 'handler', 'supervisor', 'manager'],
  signOffMajorReview: ['handler', 'supervisor', 'manager'],
  rateSatisfaction: ['customer', 'agent', 'supervisor', 'manager'],
  recordFollowUp: ['agent', 'supervisor', 'manager'],
  escalate: ['agent', 'handler', 'supervisor', 'manager'],
  reassign: ['supervisor', 'manager'],
  addNote: ['customer', 'agent', 'handler', 'supervisor', 'manager'],
  revealContact: ['agent', 'handler', 'supervisor', 'manager'],
  withdraw: ['customer', 'agent', 'supervisor', 'manager'],
  reopen: ['customer', 'agent', 'supervisor', 'manager'],
  pause: ['agent', 'handler', 'supervisor', 'manager'],
  resume: ['agent', 'handler', 'supervisor', 'manager'],
  close: ['supervisor', 'manager'],
  stopLegalClock: ['agent', 'handler', 'supervisor', 'manager'],
  resumeLegalClock: ['agent', 'handler', 'supervisor', 'manager'],
  extendLegalClock: ['agent', 'handler', 'supervisor', 'manager'],
  recordRegulatorAcceptance: ['agent', 'handler', 'supervisor', 'manager'],
  reports: ['supervisor', 'manager', 'quality'],
  problems: ['supervisor', 'manager', 'quality'],
  manageTrackingLink: ['agent', 'handler', 'supervisor', 'manager'],
  supervise: ['supervisor', 'manager'],
  administer: ['admin'],
  audit: ['admin', 'quality'],
  legalHold: ['supervisor', 'manager', 'quality'],
  takeDataRequest: ['customer', 'agent', 'handler', 'supervisor', 'manager'],
  dataRequests: ['handler', 'supervisor', 'manager', 'quality'],
  answerDataRequest: ['handler', 'supervisor', 'manager'],
  retention: ['admin', 'quality'],
  triageRules: ['admin'],
  readTriageRules: ['agent', 'supervisor', 'manager', 'quality', 'admin'],
  knowledge: ['agent', 'handler', 'supervisor', 'manager', 'quality'],
  writeKnowledge: ['agent', 'handler', 'supervisor', 'manager'],
  publishKnowledge: ['supervisor', 'manager'],
  qualityReviews: ['agent', 'handler', 'supervisor', 'manager', 'quality'],
  scoreQualityReview: ['quality'],
  answerQualityReview: ['handler', 'agent'],
  decideQualityDispute: ['supervisor', 'manager'],
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
