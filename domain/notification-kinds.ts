/**
 * Every notification the process sends (SPEC §6): by audience, and what each one carries. The
 * workflow builds requests from these types, the templates read the same names, so a template can
 * never wait for a value the process does not send. Never contact data: only the number, the stage,
 * times, amounts, codes and staff-written text.
 */
import type { DataRequestKind } from './data-requests';
import type { MajorReviewDecision, MajorReviewKind } from './major-review';
import type { Category, DeadlineKind, EscalationLevel, EscalationRole, Grade, Outcome, Stage } from './model';

export const CUSTOMER_NOTIFICATION_KINDS = [
  'acknowledgement',
  'progress_update',
  'proposal',
  'response_reminder',
  'escalation_notice',
  'outcome',
  'satisfaction_survey',
  'follow_up',
  'legal_extension',
  'data_request_answered',
  'remedy_unexecutable',
] as const;

export const STAFF_NOTIFICATION_KINDS = [
  'assignment',
  'deadline_reminder',
  'sla_breach',
  'escalation',
  'approval_request',
  'approval_decision',
  'follow_up_task',
  'legal_deadline_warning',
  'legal_deadline_missed',
  'data_request',
  'major_review',
  'quality_review',
] as const;

export type CustomerNotificationKind = (typeof CUSTOMER_NOTIFICATION_KINDS)[number];
export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];
export type NotificationKind = CustomerNotificationKind | StaffNotificationKind;

export type NotificationAudience =
  | { type: 'customer' }
  | { type: 'staff'; id: string }
  /** Everyone of a role in a department (e.g. the supervisors who may approve), resolved from the directory. */
  | { type: 'role'; role: 'agent' | 'handler' | 'supervisor' | 'manager'; departmentId?: string };

/** How a notification reaches its recipient. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * `role` is a placeholder recipient for a role audience nobody in the directory fills: the
 * notification is still stored (and shown in the complaint's delivery list) instead of vanishing.
 */
export const RECIPIENT_TYPES = ['customer', 'staff', 'role'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/**
 * Delivery states of an outbox row:
 * - `pending`: stored, not yet tried (e-mail and webhook rows start here).
 * - `sending`: an attempt claimed the row and may be talking to the server right now. A row found
 *   in this state by a later attempt means the earlier one died mid-send.
 * - `sent`: delivered; `sentAt` says when. In-app rows are `sent` when stored. `lastError` may hold
 *   a note, e.g. that SMTP is not configured and the e-mail was only kept in the outbox.
 * - `retrying`: the last attempt failed with `lastError`; the activity is retried with backoff.
 * - `failed`: gave up after the last attempt, or the recipient has no address; `lastError` says why.
 * - `unconfirmed`: an attempt may or may not have delivered it (crash or timeout after the message
 *   left). It is not sent again, because a second e-mail is worse than a missing one here; an
 *   operator can check the mail server by Message-ID (or the webhook receiver by notification id).
 */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'retrying', 'failed', 'unconfirmed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const NOTIFICATION_KINDS = [...CUSTOMER_NOTIFICATION_KINDS, ...STAFF_NOTIFICATION_KINDS] as const;

/** What a staff member is asked to do, as a code the templates put into words. */
export const ASSIGNMENT_TASKS = ['triage', 'execute_remedy'] as const;
export type AssignmentTask = (typeof ASSIGNMENT_TASKS)[number];

/** Process events a progress update may announce (beside a staff member's own message). */
export const PROGRESS_EVENTS = ['reopened'] as const;
export type ProgressEvent = (typeof PROGRESS_EVENTS)[number];

/** Reason codes the process writes on an outcome; a person's reason is shown as written. */
export const CLOSE_REASON_CODES = ['no_response', 'resolved_without_feedback', 'no_agreement'] as const;
export type CloseReasonCode = (typeof CLOSE_REASON_CODES)[number];

type DeadlineNotice = { deadline: DeadlineKind; dueAt: string };
/** `clock` is `regime:clockId` (e.g. `cn-banking-insurance:decision`); `percent` how much of the period has passed. */
type LegalNotice = { clock: string; dueAt: string };

/** The values each kind carries on top of the number and stage every notification shows. */
export type NotificationDataByKind = {
  /** `promisedBy`: first contact; `replyBy`: the formal reply (7 working days from receipt); `trackingUrl` is added by the outbox. */
  acknowledgement: { promisedBy: string; replyBy?: string; trackingUrl?: string };
  progress_update: { message?: string; event?: ProgressEvent; dueAt?: string };
  proposal: { message: string; totalMinor: number; currency: string; round: number; dueAt?: string };
  response_reminder: DeadlineNotice;
  escalation_notice: { ownerRole: EscalationRole };
  outcome: { outcome: Outcome; reason: CloseReasonCode | (string & {}); externalRoutes?: string };
  satisfaction_survey: { message?: string; dueAt?: string };
  follow_up: Record<never, never>;
  /** A legal period extended: the new due time and the staff's explanation (`clock` is `regime:clockId`). */
  legal_extension: { clock: string; dueAt: string; message: string };
  assignment: { task?: AssignmentTask; grade?: Grade; category?: Category; reason?: string; dueAt?: string };
  deadline_reminder: DeadlineNotice;
  sla_breach: DeadlineNotice & { level: EscalationLevel };
  escalation: { fromLevel: EscalationLevel; toLevel: EscalationLevel; ownerRole: EscalationRole; assigneeId: string | null; reason: string };
  approval_request: { totalMinor: number; currency: string; deadline?: DeadlineKind; dueAt?: string; approverRole?: 'supervisor' | 'manager' };
  approval_decision: { decision: 'approve' | 'reject'; reason: string };
  follow_up_task: { dueAt?: string };
  legal_deadline_warning: LegalNotice & { percent: number };
  legal_deadline_missed: LegalNotice;
  /** A person's data request (domain/data-requests.ts): received (to its handler), its clock's warning, or its miss. */
  data_request: { requestId: string; requestKind: DataRequestKind; event: 'received' | 'warning' | 'missed'; dueAt: string };
  /** The answer to the person: what was done (`status`), and where to read it (the tracking page). */
  data_request_answered: { requestId: string; requestKind: DataRequestKind; status: 'answered' | 'refused'; reason?: string };
  /** The agreed remedy cannot be carried out: why, and that a new proposal follows. */
  remedy_unexecutable: { message: string; dueAt?: string };
  /** A major case's legal or PR review: opened (to its owner), overdue (owner and the department's supervisors), signed off (to the case owner). */
  major_review: { review: MajorReviewKind; event: 'opened' | 'overdue' | 'signed_off'; dueAt?: string; decision?: MajorReviewDecision };
  /** A quality review of the case (domain/quality-review.ts): scored (to the person reviewed), disputed (to their lead), decided (to the person). */
  quality_review: { reviewId: number; event: 'scored' | 'disputed' | 'decided'; total?: number };
};

/** Shown by every notification. */
export type NotificationBase = { number: string; stage: Stage };

export type NotificationRequestOf<K extends NotificationKind> = { kind: K; to: NotificationAudience; data: NotificationBase & NotificationDataByKind[K] };
export type NotificationRequest = { [K in NotificationKind]: NotificationRequestOf<K> }[NotificationKind];

/** Values as stored with an outbox row and read by the templates. */
export type NotificationData = Record<string, string | number | boolean | null>;

/** A request's values in the stored form (absent values dropped). */
export function storedNotificationData(data: NotificationRequest['data']): NotificationData {
  const out: NotificationData = {};
  for (const [key, value] of Object.entries(data) as [string, unknown][]) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}
