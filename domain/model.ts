/**
 * The vocabulary of a complaint (SPEC §3–§4), shared by the workflow, the activities and the API.
 * Pure data: this module is bundled into the workflow sandbox.
 */

export const CHANNELS = ['hotline', 'web', 'app', 'email', 'social', 'store', 'letter', 'regulator_transfer'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = [
  'product_quality',
  'service_attitude',
  'after_sales',
  'price_dispute',
  'logistics',
  'privacy',
  'compliance',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Graded handling [002 §二(二)]: simple cases are resolved on the spot, the others are investigated. */
export const GRADES = ['simple', 'complex', 'major'] as const;
export type Grade = (typeof GRADES)[number];

/** `quality` (质检) reads every complaint and report and acts on none; `admin` administers people, calendars and policy and reads no complaint. */
export const ROLES = ['customer', 'agent', 'handler', 'supervisor', 'manager', 'quality', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = Exclude<Role, 'customer'>;

/**
 * Where a complaint stands. `triaged` is an event, not a resting stage: triage routes a complaint
 * straight to `resolving_on_spot` (simple) or `investigating` (complex/major).
 */
export const STAGES = [
  'received',
  'acknowledged',
  'resolving_on_spot',
  'investigating',
  'proposing',
  'awaiting_approval',
  'negotiating',
  'executing',
  'confirming',
  'closed',
  'follow_up',
] as const;
export type Stage = (typeof STAGES)[number];

/** Every clock the process runs; `workflows/deadline-rules.ts` says what each one does. */
export const DEADLINE_KINDS = [
  'firstResponse',
  'onSpotResolution',
  'reply',
  'progressUpdate',
  'approval',
  'customerResponse',
  'execution',
  'satisfaction',
  'followUpStart',
  'followUpVisit',
  'reopenWindow',
  // Reviews of major cases (domain/major-review.ts), each with its own owner.
  'legalReview',
  'prReview',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const OUTCOMES = ['resolved', 'unresolved', 'withdrawn', 'invalid', 'duplicate'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RESPONSIBILITIES = ['company', 'customer', 'third_party', 'shared', 'undetermined'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

export const REMEDY_TYPES = [
  'apology',
  'explanation',
  'repair',
  'replacement',
  'refund',
  'compensation',
  'coupon',
  'service_improvement',
] as const;
export type RemedyType = (typeof REMEDY_TYPES)[number];

/**
 * What each remedy means for money, the one list the schema and the authority tiers read:
 * `always` — money in the customer's hands, so it must carry an amount and counts toward the total;
 * `whenPriced` — costs money but its value is often unknown when proposed, so it counts only when an
 * amount is given; `never` — grants nothing of value, so an amount typed on it does not count.
 */
export const REMEDY_MONEY: Readonly<Record<RemedyType, 'always' | 'whenPriced' | 'never'>> = {
  apology: 'never',
  explanation: 'never',
  repair: 'whenPriced',
  replacement: 'whenPriced',
  refund: 'always',
  compensation: 'always',
  coupon: 'always',
  service_improvement: 'never',
};

/** Escalation ladder [004 §一(三)]: who owns a complaint at each level (0 = agent/handler, 1 = supervisor, 2 = manager). */
export const ESCALATION_ROLES = ['agent', 'supervisor', 'manager'] as const;
export type EscalationLevel = 0 | 1 | 2;
export type EscalationRole = (typeof ESCALATION_ROLES)[EscalationLevel];
export const MAX_ESCALATION_LEVEL: EscalationLevel = 2;

/** Amounts are integer minor units (fen for CNY) with an ISO 4217 currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** Who performs an action. The API fills it from the verified token, never from the request body. */
export interface Actor {
  id: string;
  role: Role;
  departmentId?: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'admin' };

/** What waits on a person in their queue (`GET /me/work`): a case they own, an approval their tier may grant, a follow-up visit, a task force, a major case's legal or PR review. */
export const WORK_KINDS = ['case', 'approval', 'visit', 'task_force', 'review'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
