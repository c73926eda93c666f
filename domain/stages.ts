/**
 * In which stages each action fits: the one table to read for "what can happen now?". The workflow's
 * validators answer 409 (with the current stage) for anything outside it.
 */
import type { ComplaintActionName } from './actions';
import type { Stage } from './model';

const ACTIVE: Stage[] = ['acknowledged', 'resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing', 'confirming'];
const STAFF_WORK: Stage[] = ['resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'executing'];

export const ACTION_STAGES: Record<ComplaintActionName, readonly Stage[]> = {
  triage: ['acknowledged'],
  resolveOnSpot: ['resolving_on_spot'],
  addEvidence: [...ACTIVE, 'follow_up'],
  recordFindings: ['investigating'],
  sendProgressUpdate: ['investigating', 'proposing', 'awaiting_approval'],
  propose: ['proposing'],
  decideApproval: ['awaiting_approval'],
  respondToProposal: ['negotiating'],
  completeExecution: ['executing'],
  rateSatisfaction: ['confirming'],
  recordFollowUp: ['follow_up'],
  escalate: [...ACTIVE, 'follow_up'],
  reassign: [...ACTIVE, 'follow_up'],
  addNote: [...ACTIVE, 'closed', 'follow_up'],
  withdraw: ACTIVE,
  reopen: ['closed'],
  pause: STAFF_WORK,
  resume: STAFF_WORK,
  close: ACTIVE,
};

export function actionFitsStage(action: ComplaintActionName, stage: Stage): boolean {
  return ACTION_STAGES[action].includes(stage);
}
