/**
 * What the world sees of a complaint's state: the database projection row, the operator's search
 * attributes and the view returned by the query and by every action. Pure functions of the state.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Policy } from '../domain/policy';
import {
  AssigneeId,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintGrade,
  ComplaintSeverity,
  ComplaintStage,
  DepartmentId,
  EscalationLevel,
  NextDeadline,
  SlaBreached,
} from './search-attributes';
import type { ComplaintProjection, ComplaintState, ComplaintView, Deadline } from './types';

export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

export function projectionOf(state: ComplaintState, nextDeadlineAt: number | undefined): ComplaintProjection {
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
  };
}

/** Search attributes for operators in the Temporal UI; never personal data. */
export function operatorAttributes(state: ComplaintState, nextDeadlineAt: number | undefined): SearchAttributeUpdatePair[] {
  return [
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

export function viewOf(state: ComplaintState, policy: Policy, openClocks: Deadline[], nextDeadlineAt: number | undefined): ComplaintView {
  const { deadlines: _d, receivedAt, closedAt, firstResponseAt, lastTransitionAt, eventSeq: _e, execution, ...rest } = state;
  return {
    ...rest,
    receivedAt: new Date(receivedAt).toISOString(),
    closedAt: iso(closedAt),
    firstResponseAt: iso(firstResponseAt),
    lastTransitionAt: new Date(lastTransitionAt).toISOString(),
    execution: execution && { ownerId: execution.ownerId, proof: execution.proof, completedAt: iso(execution.completedAt) },
    deadlines: openClocks.map((d) => ({
      kind: d.kind,
      dueAt: new Date(d.dueAt).toISOString(),
      remindAt: new Date(d.remindAt).toISOString(),
      paused: d.pausedAt !== undefined,
      breached: d.breached,
      breachCount: d.breachCount,
      reminded: d.reminded,
    })),
    nextDeadlineAt: iso(nextDeadlineAt),
    policyVersion: policy.version,
  };
}
