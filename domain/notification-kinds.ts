/** Every notification the process sends (SPEC §6), by audience. Templates exist for each. */
export const CUSTOMER_NOTIFICATION_KINDS = [
  'acknowledgement',
  'progress_update',
  'proposal',
  'response_reminder',
  'escalation_notice',
  'outcome',
  'satisfaction_survey',
  'follow_up',
] as const;

export const STAFF_NOTIFICATION_KINDS = [
  'assignment',
  'deadline_reminder',
  'sla_breach',
  'escalation',
  'approval_request',
  'approval_decision',
  'follow_up_task',
] as const;

export type CustomerNotificationKind = (typeof CUSTOMER_NOTIFICATION_KINDS)[number];
export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];
export type NotificationKind = CustomerNotificationKind | StaffNotificationKind;

export type NotificationAudience =
  | { type: 'customer' }
  | { type: 'staff'; id: string }
  /** Everyone of a role in a department (e.g. the supervisors who may approve), resolved from the directory. */
  | { type: 'role'; role: 'agent' | 'handler' | 'supervisor' | 'manager'; departmentId?: string };

/** Values a template may show; never contact data. */
export type NotificationData = Record<string, string | number | boolean | null>;

export interface NotificationRequest {
  kind: NotificationKind;
  to: NotificationAudience;
  data: NotificationData;
}
