/**
 * What the world sees of a complaint's state: the database projection row, the operator's search
 * attributes and the view returned by the query and by every action. Pure functions of the state.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { ESCALATION_ROLES } from '../domain/model';
import { MAJOR_REVIEW_CLOCKS } from '../domain/major-review';
import type { Policy } from '../domain/policy';
import { DEADLINE_RULES } from './deadline-rules';
import {
  AssigneeId,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintGrade,
  ComplaintSeverity,
  ComplaintStage,
  DepartmentId,
  EscalationLevel,
  EscalatedAt,
  LastTransitionAt,
  LegalDueAt,
  NextDeadline,
  SlaBreached,
  WaitingOn,
} from './search-attributes';
import { iso, localStamp, localTime } from './format';
import type { ComplaintProjection, ComplaintState, ComplaintView, Deadline, LegalDeadlineView } from './types';

export function projectionOf(state: ComplaintState, nextDeadlineAt: number | undefined, legalDueAt?: number): ComplaintProjection {
  const legal = state.legal;
  return {
    stage: state.stage,
    category: state.category,
    severity: state.severity,
    grade: state.grade,
    departmentId: state.departmentId,
    assigneeId: state.assigneeId,
    escalationLevel: state.escalationLevel,
    slaBreached: state.slaBreached,
    possiblySystemic: state.possiblySystemic,
    nextDeadlineAt: iso(nextDeadlineAt),
    outcome: state.outcome,
    duplicateOf: state.duplicateOf,
    satisfaction: state.satisfaction?.score,
    reopenCount: state.reopenCount,
    firstResponseAt: iso(state.firstResponseAt),
    closedAt: iso(state.closedAt),
    lastTransitionAt: new Date(state.lastTransitionAt).toISOString(),
    stateVersion: state.stateVersion,
    approverRole: state.stage === 'awaiting_approval' && state.proposal?.approval?.status === 'pending' ? state.proposal.approval.requiredRole : undefined,
    followUpAssigneeId: state.stage === 'follow_up' ? state.followUp?.assigneeId : undefined,
    taskForceIds: state.taskForce ? [state.taskForce.leadId, ...state.taskForce.memberIds] : undefined,
    majorReviews: state.majorReviews?.map((r) => ({
      kind: r.kind,
      status: r.status,
      ownerId: r.ownerId,
      departmentId: r.departmentId,
      blocksProposal: r.blocksProposal,
      dueAt: r.status === 'open' ? iso(state.deadlines[MAJOR_REVIEW_CLOCKS[r.kind]]?.dueAt) : undefined,
    })),
    legal: legal && {
      regime: legal.regime,
      dueAt: iso(legalDueAt),
      missed: Object.values(legal.progress).some((p) => p.missed),
      regulatorReference: legal.regulatorReference,
      regulatorOffice: legal.regulatorOffice,
      regulatorDueAt: iso(legal.regulatorDueAt),
    },
  };
}

/** Search attributes for operators in the Temporal UI; never personal data. */
export function operatorAttributes(state: ComplaintState, nextDeadlineAt: number | undefined, legalDueAt?: number, utcOffsetMinutes = 0): SearchAttributeUpdatePair[] {
  return [
    // Only complaints under a regime carry it: the upserts of the others stay as they were.
    ...(state.legal ? [{ key: LegalDueAt, value: legalDueAt === undefined ? null : localStamp(legalDueAt, utcOffsetMinutes) }] : []),
    { key: WaitingOn, value: waitingOn(state) },
    { key: LastTransitionAt, value: new Date(state.lastTransitionAt) },
    { key: EscalatedAt, value: state.escalatedAt === undefined ? null : new Date(state.escalatedAt) },
    { key: ComplaintStage, value: state.stage },
    { key: ComplaintChannel, value: state.channel },
    { key: ComplaintCategory, value: state.category ?? null },
    { key: ComplaintSeverity, value: state.severity ?? null },
    { key: ComplaintGrade, value: state.grade ?? null },
    { key: EscalationLevel, value: state.escalationLevel },
    { key: SlaBreached, value: state.slaBreached },
    { key: AssigneeId, value: state.assigneeId ?? null },
    { key: DepartmentId, value: state.departmentId ?? null },
    { key: NextDeadline, value: nextDeadlineAt === undefined ? null : new Date(nextDeadlineAt) },
  ];
}

export function viewOf(state: ComplaintState, policy: Policy, openClocks: Deadline[], nextDeadlineAt: number | undefined, legal?: { views(): LegalDeadlineView[]; factsView(): ComplaintView['legal'] }): ComplaintView {
  const { deadlines: _d, legal: _l, companyReceivedAt: _c, receivedAt, closedAt, firstResponseAt, lastTransitionAt, eventSeq: _e, execution, escalatedAt, majorReviews, ...rest } = state;
  return {
    ...rest,
    ...(majorReviews
      ? {
          majorReviews: majorReviews.map(({ openedAt, signedOffAt, ...r }) => ({
            ...r,
            openedAt: new Date(openedAt).toISOString(),
            signedOffAt: iso(signedOffAt),
            dueAt: r.status === 'open' ? iso(state.deadlines[MAJOR_REVIEW_CLOCKS[r.kind]]?.dueAt) : undefined,
          })),
        }
      : {}),
    receivedAt: new Date(receivedAt).toISOString(),
    escalatedAt: iso(escalatedAt),
    closedAt: iso(closedAt),
    firstResponseAt: iso(firstResponseAt),
    lastTransitionAt: new Date(lastTransitionAt).toISOString(),
    execution: execution && { ownerId: execution.ownerId, proof: execution.proof, completedAt: iso(execution.completedAt) },
    deadlines: [
      ...openClocks.map((d) => ({
        kind: d.kind,
        dueAt: new Date(d.dueAt).toISOString(),
        remindAt: new Date(d.remindAt).toISOString(),
        paused: d.pausedAt !== undefined,
        breached: d.breached,
        breachCount: d.breachCount,
        reminded: d.reminded,
      })),
      ...(legal?.views() ?? []),
    ],
    nextDeadlineAt: iso(nextDeadlineAt),
    policyVersion: policy.version,
    ...(state.legal ? { legal: legal?.factsView() } : {}),
  };
}

/** Who the case waits on, for operators (search attribute `WaitingOn`, current details). */
export type WaitingOnValue = 'customer' | 'owner' | 'approver' | 'visit' | 'nobody';

export function waitingOn(state: ComplaintState): WaitingOnValue {
  if (state.stage === 'closed' || state.stage === 'received') return 'nobody';
  if (state.paused || state.stage === 'negotiating' || state.stage === 'confirming') return 'customer';
  if (state.stage === 'awaiting_approval') return 'approver';
  if (state.stage === 'follow_up') return 'visit';
  return 'owner';
}


/**
 * The workflow's current details for the Temporal UI (Markdown): stage, owner, escalation, every
 * open clock with its due time and what happens then, what the case waits on, the last transition.
 * No personal data: ids, codes and times only.
 */
export function currentDetailsOf(state: ComplaintState, policy: Policy, openClocks: Deadline[], lastEvent: string | undefined, legalDueAt?: number): string {
  const at = (ms: number) => localTime(ms, policy.calendar.utcOffsetMinutes);
  const owner = state.assigneeId ? `\`${state.assigneeId}\`` : `not assigned (the ${ESCALATION_ROLES[state.escalationLevel]}s of the department)`;
  const clocks = openClocks.map((d) => {
    const state_ = d.pausedAt !== undefined ? 'paused' : d.breached ? 'breached' : `due ${at(d.dueAt)}`;
    return `| ${d.kind} | ${state_} | ${DEADLINE_RULES[d.kind].owner.name} | ${DEADLINE_RULES[d.kind].onDue.description} |`;
  });
  return [
    `### Complaint ${state.number}`,
    '',
    `- **Stage:** ${state.stage}${state.paused ? ' (SLA paused)' : ''}`,
    `- **Waiting on:** ${waitingOn(state)}`,
    `- **Owner:** ${owner}${state.departmentId ? ` · department \`${state.departmentId}\`` : ''}`,
    `- **Escalation level:** ${state.escalationLevel}${state.slaBreached ? ' · **SLA breached**' : ''}`,
    `- **Grade:** ${state.grade ?? '—'} · **category:** ${state.category ?? '—'} · **severity:** ${state.severity ?? '—'}`,
    `- **Last transition:** ${lastEvent ?? '—'} at ${at(state.lastTransitionAt)}`,
    ...(state.legal
      ? [`- **Legal regime:** \`${state.legal.regime}\`${state.legal.regulatorReference ? ` · ref. ${state.legal.regulatorReference}` : ''} · legal due ${legalDueAt === undefined ? '—' : at(legalDueAt)}${Object.values(state.legal.progress).some((p) => p.missed) ? ' · **legal deadline missed**' : ''}`]
      : []),
    '',
    clocks.length > 0 ? '| clock | state | whose | when it runs out |\n|---|---|---|---|\n' + clocks.join('\n') : '_No open clocks._',
  ].join('\n');
}
