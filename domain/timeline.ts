/**
 * Every kind of timeline event the process writes, in one list. Reports filter on these names and
 * the database column is typed by them, so a misspelt event type is a compile error, not a missing
 * figure.
 */
export const TIMELINE_EVENT_TYPES = [
  // Intake and acknowledgement
  'received',
  'acknowledged',
  'calendar_data_missing',
  // Triage and handling
  'triaged',
  'regraded',
  'resolved_on_spot',
  'evidence_added',
  'findings_recorded',
  'progress_update_sent',
  // Proposal, approval and negotiation
  'proposal_submitted_for_approval',
  'approval_overdue',
  'proposal_approved',
  'proposal_rejected_by_approver',
  'proposal_sent',
  'proposal_accepted',
  'proposal_rejected',
  'customer_no_response',
  // Execution and confirmation
  'execution_completed',
  'remedy_unexecutable',
  'satisfaction_recorded',
  'satisfaction_not_given',
  // Deadlines and escalation
  'deadline_reminder',
  'sla_breached',
  'escalated',
  'reassigned',
  'sla_paused',
  'sla_resumed',
  // Legal clocks (domain/legal-regimes.ts) and re-planning
  'legal_clocks_started',
  'legal_deadline_warning',
  'legal_deadline_missed',
  'legal_clock_ended',
  'legal_clock_stopped',
  'legal_clock_resumed',
  'legal_clock_extended',
  'regulator_accepted',
  'deadlines_replanned',
  // Legal and PR reviews of major cases (domain/major-review.ts)
  'major_review_opened',
  'major_review_signed_off',
  'major_review_overdue',
  // Notes
  'note',
  'customer_information',
  'case_review',
  // The end and after
  'withdrawn',
  'closed',
  'follow_up_due',
  'follow_up_overdue',
  'follow_up_recorded',
  'reopened',
  'reopen_window_ended',
  // For operators
  'recording_failed',
  // Privacy
  'contact_revealed',
  'tracking_link_reissued',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];
