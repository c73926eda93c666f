/**
 * The handling policy: every duration, tier and threshold an operator may change (SPEC marks them
 * *default*). A complaint snapshots the policy when it starts and keeps it for life (SPEC §5), so the
 * workflow never reads configuration of its own.
 */
import { z } from 'zod';
import type { AuthorityTiers } from './authority';
import { DEFAULT_AUTHORITY_TIERS } from './authority';
import type { CalendarData } from './calendar';
import { DURATION_UNITS, type PolicyDuration } from './deadlines';
import { DEFAULT_LEGAL_CLOCK_POLICY, type LegalClockPolicy } from './legal-clocks';
import { DEFAULT_MAJOR_REVIEW, REVIEW_DURATIONS, RISK_KINDS, type MajorReviewPolicy } from './major-review';
import { DEFAULT_QUALITY_REVIEW, type QualityReviewPolicy } from './quality-review';
import { applyRetentionOverrides, DEFAULT_RETENTION, RETENTION_UNITS, type RetentionPolicy } from './retention';

export interface PolicyDurations {
  /** First human contact after receipt [001 规范3]. */
  firstResponse: PolicyDuration;
  /** Simple cases resolved on the spot [002 §二(二).1]. */
  onSpotResolution: PolicyDuration;
  /** Reply (a proposal to the customer) after receipt [003 第一部分]. */
  reply: PolicyDuration;
  /** Progress update to the customer while the case is open [000 §二.5]. */
  progressUpdate: PolicyDuration;
  /** Approval of a remedy above the proposer's authority [002 §二(四).2]. */
  approval: PolicyDuration;
  /** Customer answer to a proposal; a reminder goes out before it [000 §二.4]. */
  customerResponse: PolicyDuration;
  /** Execution of the agreed remedy [000 §二.5]. */
  execution: PolicyDuration;
  /** Customer satisfaction answer; no answer closes as resolved without feedback. */
  satisfaction: PolicyDuration;
  /** Delay between closing and the follow-up visit (回访) [001 规范2]. */
  followUpDelay: PolicyDuration;
  /** Time the assigned agent has to make the follow-up visit. */
  followUpVisit: PolicyDuration;
  /** How long after closing the customer may ask to reopen [001 规范10]. */
  reopenWindow: PolicyDuration;
  /**
   * The legal and PR reviews of a major case (domain/major-review.ts). Absent in the policy of a
   * complaint started before 1.3: the clocks fall back to `majorReview`'s defaults.
   */
  legalReview: PolicyDuration;
  prReview: PolicyDuration;
}

export interface Policy {
  /** Operators name their policy versions; the timeline records which one a complaint runs under. */
  version: string;
  calendar: CalendarData;
  durations: PolicyDurations;
  /** Fraction of a deadline's span after which the owner is reminded. */
  reminderFraction: number;
  authority: AuthorityTiers;
  /** Rejected proposals before the case goes to a manager [002 §二(四).3-4]. */
  negotiationMaxRounds: number;
  /**
   * Proposals the manager may still make after that before the case closes unresolved (0: it closes
   * at once, without a manager). Absent in the policy of a complaint started before 1.1: one.
   */
  managerRounds?: number;
  /** Satisfaction at or below this schedules a follow-up visit. */
  followUpSatisfactionThreshold: number;
  /** E-mail and webhook delivery: attempts before a notification is marked failed, first backoff. */
  notificationRetry: { maxAttempts: number; initialIntervalSeconds: number };
  /**
   * Legal clocks (domain/legal-regimes.ts): early warnings at these shares of each binding period,
   * to the owner, the department's supervisors and the compliance contacts (staff ids; none: the
   * managers). Absent in the policy of a complaint started before 1.1: the defaults.
   */
  legal?: LegalClockPolicy;
  /**
   * How long personal data is kept (domain/retention.ts). Service-wide and always the current one:
   * the law applies to data held now, so it is not part of a complaint's snapshot (`policyForComplaint`).
   */
  retention?: RetentionPolicy;
  /**
   * Who reviews a major case with legal or media risk, and whether the proposal waits
   * (domain/major-review.ts; the clocks' durations are `durations.legalReview`/`prReview`). Absent in
   * the policy of a complaint started before 1.3: the defaults.
   */
  majorReview?: MajorReviewPolicy;
  /** Which closed cases the quality team reviews (domain/quality-review.ts). Service-wide, like retention. */
  qualityReview?: QualityReviewPolicy;
}

export const DEFAULT_DURATIONS: PolicyDurations = {
  firstResponse: { amount: 24, unit: 'hours' },
  onSpotResolution: { amount: 1, unit: 'hours' },
  reply: { amount: 7, unit: 'workingDays' },
  progressUpdate: { amount: 2, unit: 'workingDays' },
  approval: { amount: 4, unit: 'workingHours' },
  customerResponse: { amount: 3, unit: 'days' },
  execution: { amount: 3, unit: 'workingDays' },
  satisfaction: { amount: 3, unit: 'days' },
  followUpDelay: { amount: 7, unit: 'days' },
  followUpVisit: { amount: 2, unit: 'workingDays' },
  reopenWindow: { amount: 30, unit: 'days' },
  ...REVIEW_DURATIONS,
};

/** E-mail and webhook delivery by default: 5 attempts, the first retry after 10 s, doubling. */
export const DEFAULT_NOTIFICATION_RETRY: Policy['notificationRetry'] = { maxAttempts: 5, initialIntervalSeconds: 10 };

export function defaultPolicy(calendar: CalendarData): Policy {
  return {
    version: 'default-2026-11',
    calendar,
    durations: { ...DEFAULT_DURATIONS },
    reminderFraction: 0.75,
    authority: { ...DEFAULT_AUTHORITY_TIERS },
    negotiationMaxRounds: 3,
    managerRounds: 1,
    followUpSatisfactionThreshold: 3,
    notificationRetry: { ...DEFAULT_NOTIFICATION_RETRY },
    legal: { warnings: [...DEFAULT_LEGAL_CLOCK_POLICY.warnings], complianceContacts: [] },
    retention: DEFAULT_RETENTION,
    majorReview: DEFAULT_MAJOR_REVIEW,
    qualityReview: DEFAULT_QUALITY_REVIEW,
  };
}

const durationSchema = z.strictObject({ amount: z.number().positive(), unit: z.enum(DURATION_UNITS) });

const retentionPeriodSchema = z.strictObject({ amount: z.number().positive(), unit: z.enum(RETENTION_UNITS) });

/** The policy file's `retention` (domain/retention.ts): periods in calendar units only. */
const retentionOverridesSchema = z.strictObject({
  keep: z.strictObject({ contact: retentionPeriodSchema.optional(), content: retentionPeriodSchema.optional(), messages: retentionPeriodSchema.optional() }).optional(),
  copies: z.strictObject({ idempotencyAnswers: retentionPeriodSchema.optional(), requestExports: retentionPeriodSchema.optional() }).optional(),
  dropContactKeys: z.boolean().optional(),
  sweepEvery: retentionPeriodSchema.optional(),
});

const departmentIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);

/** The policy file's `majorReview` (domain/major-review.ts): per review, any of its fields. */
const majorReviewRuleSchema = z.strictObject({
  riskKinds: z.array(z.enum(RISK_KINDS)).max(RISK_KINDS.length).optional(),
  critical: z.boolean().optional(),
  departmentId: departmentIdSchema.optional(),
  blocksProposal: z.boolean().optional(),
});

/** The policy file's `qualityReview` (domain/quality-review.ts); a scorecard replaces the default one whole. */
const qualityReviewOverridesSchema = z.strictObject({
  sampleShare: z.number().min(0).max(1).optional(),
  minimumPerHandler: z.number().int().min(0).max(100).optional(),
  period: z.enum(['month', 'week']).optional(),
  always: z.array(z.enum(['reopened', 'dissatisfied', 'breached', 'escalated'])).max(4).optional(),
  dissatisfiedAtOrBelow: z.number().int().min(1).max(5).optional(),
  faultAtOrBelow: z.number().int().min(1).max(4).optional(),
  scorecard: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), label: z.strictObject({ 'zh-CN': z.string().min(1).max(40), en: z.string().min(1).max(80) }), weight: z.number().int().min(1).max(100), basis: z.string().max(200) }))
    .min(1)
    .max(20)
    .refine((c) => c.reduce((sum, x) => sum + x.weight, 0) === 100, 'the weights add up to 100')
    .refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'each criterion id once')
    .optional(),
});

/** What an operator may override (from a JSON file or the environment); everything is optional. */
export const policyOverridesSchema = z.strictObject({
  version: z.string().min(1).optional(),
  durations: z.strictObject(Object.fromEntries(Object.keys(DEFAULT_DURATIONS).map((k) => [k, durationSchema.optional()])) as Record<keyof PolicyDurations, z.ZodOptional<typeof durationSchema>>).optional(),
  reminderFraction: z.number().gt(0).lt(1).optional(),
  authority: z
    .strictObject({
      currency: z.string().length(3).optional(),
      agentMaxMinor: z.number().int().nonnegative().optional(),
      supervisorMaxMinor: z.number().int().nonnegative().optional(),
    })
    .optional(),
  negotiationMaxRounds: z.number().int().min(1).max(10).optional(),
  managerRounds: z.number().int().min(0).max(5).optional(),
  followUpSatisfactionThreshold: z.number().int().min(1).max(5).optional(),
  notificationRetry: z
    .strictObject({ maxAttempts: z.number().int().min(1).max(50), initialIntervalSeconds: z.number().positive().max(3600) })
    .optional(),
  legal: z
    .strictObject({
      warnings: z
        .array(z.number().gt(0).lt(1))
        .max(5)
        .refine((w) => w.every((x, i) => i === 0 || x > w[i - 1]!), 'shares of the period in increasing order')
        .optional(),
      complianceContacts: z.array(z.string().regex(/^[A-Za-z0-9_.:@-]{1,64}$/)).max(20).optional(),
    })
    .optional(),
  retention: retentionOverridesSchema.optional(),
  majorReview: z.strictObject({ legal: majorReviewRuleSchema.optional(), pr: majorReviewRuleSchema.optional() }).optional(),
  qualityReview: qualityReviewOverridesSchema.optional(),
});
export type PolicyOverrides = z.infer<typeof policyOverridesSchema>;

export function applyPolicyOverrides(base: Policy, overrides: PolicyOverrides): Policy {
  const durations = { ...base.durations };
  for (const [key, value] of Object.entries(overrides.durations ?? {})) {
    if (value) durations[key as keyof PolicyDurations] = value;
  }
  const authority = { ...base.authority, ...stripUndefined(overrides.authority ?? {}) };
  if (authority.supervisorMaxMinor < authority.agentMaxMinor) {
    throw new Error('policy: authority.supervisorMaxMinor must not be below authority.agentMaxMinor');
  }
  return {
    ...base,
    ...stripUndefined({
      version: overrides.version,
      reminderFraction: overrides.reminderFraction,
      negotiationMaxRounds: overrides.negotiationMaxRounds,
      managerRounds: overrides.managerRounds,
      followUpSatisfactionThreshold: overrides.followUpSatisfactionThreshold,
      notificationRetry: overrides.notificationRetry,
    }),
    durations,
    authority,
    legal: { ...DEFAULT_LEGAL_CLOCK_POLICY, ...base.legal, ...stripUndefined(overrides.legal ?? {}) },
    retention: applyRetentionOverrides(base.retention ?? DEFAULT_RETENTION, overrides.retention),
    majorReview: {
      legal: { ...(base.majorReview ?? DEFAULT_MAJOR_REVIEW).legal, ...stripUndefined(overrides.majorReview?.legal ?? {}) },
      pr: { ...(base.majorReview ?? DEFAULT_MAJOR_REVIEW).pr, ...stripUndefined(overrides.majorReview?.pr ?? {}) },
    },
    qualityReview: { ...(base.qualityReview ?? DEFAULT_QUALITY_REVIEW), ...stripUndefined(overrides.qualityReview ?? {}) },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * What one complaint carries of the policy: everything, but of the calendar only the years its clocks
 * can reach — the year it was received in and the next (and the year before, when the company
 * received it then: a letter opened after New Year) — and the holidays without their names. The
 * policy travels in the workflow's input and every continue-as-new, and is decrypted on every start
 * and replay, so it is kept small; the complaint still keeps the policy it started with. A deadline
 * beyond those years falls back to weekends only and says so on the timeline (`calendar_data_missing`).
 */
export function policyForComplaint(policy: Policy, receivedAtMs: number, companyReceivedAtMs = receivedAtMs): Policy {
  const calendar = policy.calendar;
  const yearOf = (ms: number) => new Date(ms + calendar.utcOffsetMinutes * 60_000).getUTCFullYear();
  // Legal clocks count from when the company received the complaint, which may fall in the year before.
  const first = Math.min(yearOf(companyReceivedAtMs), yearOf(receivedAtMs));
  const wanted = Array.from({ length: yearOf(receivedAtMs) + 2 - first }, (_, i) => String(first + i));
  const years = Object.fromEntries(
    Object.entries(calendar.years)
      .filter(([y]) => wanted.includes(y))
      .map(([y, data]) => [y, { ...data, holidays: data.holidays.map((d) => ({ date: d.date, name: '' })), makeUpWorkdays: data.makeUpWorkdays.map((d) => ({ date: d.date, name: '' })) }]),
  );
  const { retention: _serviceWide, qualityReview: _alsoServiceWide, ...complaintPolicy } = policy;
  return { ...complaintPolicy, calendar: { ...calendar, years } };
}
