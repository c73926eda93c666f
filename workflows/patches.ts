/**
 * Changes to the process after histories were recorded, each behind `patched()` so that complaints
 * started before it replay unchanged (and take the new behaviour from the point they reach it in a
 * new workflow task). Never rename or remove an entry while complaints started before it may run;
 * once none can, the old branch and then the entry can go (`deprecatePatch` first).
 */
export const PATCHES = {
  /** 2026-11: skip clocks that an earlier transition in the same pass replaced or removed. */
  skipReplacedDeadlines: 'skip-replaced-deadlines',
  /** 2026-11: working-time clocks are reminded at 75 % of their working time, not of the wall-clock span. */
  workingTimeReminders: 'working-time-reminders',
  /** 2026-11: an overdue approval is an SLA breach; at manager level it stays with the managers instead of escalating. */
  approvalLadder: 'approval-ladder',
  /** 2026-11: the progress-update clock keeps running while the proposal is negotiated and carried out. */
  progressClockWhileOpen: 'progress-clock-while-open',
  /** 2026-11: a late follow-up visit is the visiting agent's breach, not the closed case's escalation. */
  followUpVisitBreach: 'follow-up-visit-breach',
  /** 2026-11: work goes to the least loaded available person (decided and recorded by an activity); escalations follow `supervisorId`. */
  orgChartAssignment: 'org-chart-assignment',
  /** 2026-11: every clock has an owner (deadline-rules.ts) who gets its reminder and breach notice. */
  clockOwners: 'clock-owners',
  /** 2026-11: search attributes WaitingOn, LastTransitionAt and EscalatedAt for operators. */
  operatorMetadata: 'operator-metadata',
  /** 2026-11: the database steps run as local activities (no activity task round trip per step). */
  localDatabaseSteps: 'local-database-steps',
  /** 2026-11: the acknowledgement marks the intake picked up and suggests a triage in one step. */
  onePickupStep: 'one-pickup-step',
  /** 2026-11: search attributes are upserted only when one of them changed, and only those that did. */
  changedSearchAttributes: 'changed-search-attributes',
  /** 2026-11: the worker that records a transition sends its e-mails and webhooks (no delivery activities). */
  deliveriesInWorker: 'deliveries-in-worker',
} as const;
