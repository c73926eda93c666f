/**
 * The audit trail's vocabulary: one entry per kind of administrative change or sensitive access, each
 * a row of the append-only `audit_log` (actor, time, before/after, reason) that administrators and the
 * quality team read (`GET /admin/audit`). Complaint work itself is on each complaint's timeline.
 */
export const AUDIT_ACTIONS = {
  staff_saved: 'A person was added to the staff directory or changed (role, department, supervisor, away period, active).',
  calendar_year_saved: 'A year of a business calendar was uploaded or replaced.',
  policy_changed: 'The handling policy new complaints start with was changed.',
  tracking_link_reissued: 'A complainant was given a new tracking link (the old one stopped working).',
  tracking_link_revoked: 'A complainant’s tracking link was revoked.',
  problem_status_changed: 'A systemic problem’s status or corrective action changed.',
  notification_resend_requested: 'An unconfirmed or failed notification was queued to be sent again.',
  contact_revealed: 'A person read a complainant’s unmasked contact data, with a reason.',
  sign_in_refused: 'A valid token was refused: its subject is unknown to the staff directory, or inactive.',
  complaints_replanned: 'Open complaints were re-planned onto a new policy version or a new calendar year (who, why, and every deadline that moved).',
  legal_hold_placed: 'A complaint was put under a legal hold: its personal data is kept past the retention periods (reason and note).',
  legal_hold_released: 'A legal hold was released: the next retention sweep may erase the complaint’s personal data.',
  data_request_received: 'A person asked to access, copy, correct or delete their personal data.',
  data_request_answered: 'A person’s data request was answered (export, correction or erasure) or refused with a reason.',
  personal_data_exported: 'A person’s personal data was exported (read by staff or downloaded by the person).',
  personal_data_erased: 'A complainant’s personal data was erased on their request (the sweep’s erasures are counted in retention runs).',
  retention_sweep_run: 'An administrator ran the retention sweep now (its runs, as counts, are under GET /admin/retention).',
  payload_keys_rotated: 'The service key was rotated: complaints’ data keys re-wrapped under the new key (counts only).',
  triage_rules_changed: 'The triage rules (keywords, risk words, thresholds, departments) were saved as a new version; later complaints are suggested by it.',
  knowledge_article_published: 'A knowledge-base article was published, retired or published again.',
  quality_review_sampled: 'The quality-review sampling ran over a period (counts per reason).',
  quality_dispute_decided: 'A supervisor decided a handler’s dispute of a quality review (scores upheld or revised).',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
