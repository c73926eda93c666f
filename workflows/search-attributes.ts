import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes for operators finding stuck complaints in the Temporal Web UI, e.g.
 * `ComplaintStage="awaiting_approval" AND SlaBreached=true`. Never personal data here: search
 * attributes are stored and shown in clear.
 */
export const ComplaintStage = defineSearchAttributeKey('ComplaintStage', SearchAttributeType.KEYWORD);
export const ComplaintCategory = defineSearchAttributeKey('ComplaintCategory', SearchAttributeType.KEYWORD);
export const ComplaintSeverity = defineSearchAttributeKey('ComplaintSeverity', SearchAttributeType.KEYWORD);
export const ComplaintGrade = defineSearchAttributeKey('ComplaintGrade', SearchAttributeType.KEYWORD);
export const ComplaintChannel = defineSearchAttributeKey('ComplaintChannel', SearchAttributeType.KEYWORD);
export const EscalationLevel = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);
export const SlaBreached = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
export const AssigneeId = defineSearchAttributeKey('AssigneeId', SearchAttributeType.KEYWORD);
export const DepartmentId = defineSearchAttributeKey('DepartmentId', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
/** Who the case waits on now: `customer`, `owner`, `approver`, `visit` (the follow-up visit) or `nobody` (closed). */
export const WaitingOn = defineSearchAttributeKey('WaitingOn', SearchAttributeType.KEYWORD);
/** When the case last changed (any transition): finds cases that have not moved. */
export const LastTransitionAt = defineSearchAttributeKey('LastTransitionAt', SearchAttributeType.DATETIME);
/** When the case last went up the escalation ladder. */
export const EscalatedAt = defineSearchAttributeKey('EscalatedAt', SearchAttributeType.DATETIME);
/**
 * Under a legal regime: the nearest legal due time the company must still meet, as the local wall
 * clock `yyyymmddhhmm` of the organisation (`LegalDueAt < 202612020000` finds those due before 2 December).
 * An Int, not a Datetime: Temporal's SQL visibility stores (the dev server's SQLite, PostgreSQL) hold
 * three custom Datetime attributes per namespace, and NextDeadline, LastTransitionAt and EscalatedAt
 * use them.
 */
export const LegalDueAt = defineSearchAttributeKey('LegalDueAt', SearchAttributeType.INT);

export const COMPLAINT_SEARCH_ATTRIBUTES = [
  ComplaintStage,
  ComplaintCategory,
  ComplaintSeverity,
  ComplaintGrade,
  ComplaintChannel,
  EscalationLevel,
  SlaBreached,
  AssigneeId,
  DepartmentId,
  NextDeadline,
  WaitingOn,
  LastTransitionAt,
  EscalatedAt,
  LegalDueAt,
] as const;
