/**
 * Legal and PR review of major cases [003 合规合法: 涉及法律风险的投诉征询法务意见; 002 §二(二).2 可能引发负面舆情].
 * A major case whose triage found risk words of a kind below (or a critical severity) gets a review
 * task of its own: an owner in the department the policy names, a clock of its own
 * (`workflows/deadline-rules.ts`: `legalReview`, `prReview`), and a sign-off recorded on the
 * timeline. A review that `blocksProposal` keeps any proposal from the customer until it is signed
 * off (409 naming it). One entry per kind; the policy may override each (`Policy.majorReview`).
 *
 * Pure data, bundled into the workflow sandbox.
 */
import type { PolicyDuration } from './deadlines';
import type { Grade, Severity } from './model';

/** What a risk word signals; each word of the triage rules belongs to one kind (`TriageRules.riskWords`). */
export const RISK_KINDS = ['media', 'legal', 'regulator'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export const MAJOR_REVIEW_KINDS = ['legal', 'pr'] as const;
export type MajorReviewKind = (typeof MAJOR_REVIEW_KINDS)[number];

export interface MajorReviewRule {
  /** Opened on a major case whose triage found risk words of these kinds… */
  riskKinds: readonly RiskKind[];
  /** …or on any major case of critical severity. */
  critical: boolean;
  /** The department whose handlers take the review (the assignment activity picks one); its leads reach the case. */
  departmentId: string;
  /** A proposal waits for this sign-off before it reaches the customer. */
  blocksProposal: boolean;
}

export type MajorReviewPolicy = Readonly<Record<MajorReviewKind, MajorReviewRule>>;

/**
 * Defaults: the legal department (the one privacy cases go to) reviews threats of lawyers, courts and
 * regulators and every critical major case, and the proposal waits for it; public relations reviews
 * threats of the media, beside the handling. How long each may take is a policy duration
 * (`REVIEW_DURATIONS`).
 */
export const DEFAULT_MAJOR_REVIEW: MajorReviewPolicy = {
  legal: { riskKinds: ['legal', 'regulator'], critical: true, departmentId: 'legal_privacy', blocksProposal: true },
  pr: { riskKinds: ['media'], critical: false, departmentId: 'public_relations', blocksProposal: false },
};

/**
 * The reviews' clocks by default: legal advice within 2 working days, PR within 1. Also what a
 * complaint started before 1.3 uses, whose policy has no such durations.
 */
export const REVIEW_DURATIONS: { legalReview: PolicyDuration; prReview: PolicyDuration } = {
  legalReview: { amount: 2, unit: 'workingDays' },
  prReview: { amount: 1, unit: 'workingDays' },
};

/** The clock each review runs on (`DEADLINE_KINDS`). */
export const MAJOR_REVIEW_CLOCKS = { legal: 'legalReview', pr: 'prReview' } as const satisfies Record<MajorReviewKind, string>;

export const MAJOR_REVIEW_DECISIONS = ['cleared', 'cleared_with_conditions'] as const;
export type MajorReviewDecision = (typeof MAJOR_REVIEW_DECISIONS)[number];

/** A review as the complaint's row lists it (the workspace's queues, the reviewer's scope). */
export interface MajorReviewSummary {
  kind: MajorReviewKind;
  status: 'open' | 'signed_off' | 'ended';
  ownerId?: string;
  departmentId: string;
  blocksProposal: boolean;
  dueAt?: string;
}

/** The reviews a triaged (or regraded) case needs, in table order. */
export function reviewsNeeded(grade: Grade | undefined, severity: Severity | undefined, riskKinds: readonly RiskKind[], policy: MajorReviewPolicy = DEFAULT_MAJOR_REVIEW): MajorReviewKind[] {
  if (grade !== 'major') return [];
  return MAJOR_REVIEW_KINDS.filter((kind) => {
    const rule = policy[kind];
    return (rule.critical && severity === 'critical') || rule.riskKinds.some((k) => riskKinds.includes(k));
  });
}
