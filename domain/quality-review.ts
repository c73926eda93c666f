/**
 * Quality review (质检) of handled cases [000 §二.6 个案复盘; 003 公平公正: 定期对投诉处理结果进行审查]: which
 * closed cases the quality team reviews (the sampling rule), the scorecard they score them on, and
 * how a review moves (scored → accepted, or disputed by the handler and decided by their
 * supervisor). A review is written beside the case (`quality_reviews`); it never changes the case.
 *
 * Pure data and functions: the sampling is deterministic (a hash of the complaint number orders a
 * handler's cases), so running it twice over the same period selects the same cases.
 */

/** Why a case is in the review queue: every case with one of the first four, and a share of the rest. */
export const QUALITY_SAMPLE_REASONS = ['reopened', 'dissatisfied', 'breached', 'escalated', 'sampled'] as const;
export type QualitySampleReason = (typeof QUALITY_SAMPLE_REASONS)[number];
export type AlwaysReviewReason = Exclude<QualitySampleReason, 'sampled'>;

export interface ScorecardCriterion {
  id: string;
  label: { 'zh-CN': string; en: string };
  /** Share of the total (the weights add up to 100). */
  weight: number;
  /** Where the criterion comes from, for the people who score it. */
  basis: string;
}

export interface QualityReviewPolicy {
  /** Share of each handler's closed cases per period sampled at random (beyond the ones always reviewed). */
  sampleShare: number;
  /** At least this many sampled cases per handler and period, when they closed that many. */
  minimumPerHandler: number;
  /** The sampling period: a calendar month or an ISO week of the organisation's calendar. */
  period: 'month' | 'week';
  /** Cases always reviewed. */
  always: readonly AlwaysReviewReason[];
  /** A satisfaction at or below this is `dissatisfied` [001 规范2]. */
  dissatisfiedAtOrBelow: number;
  /** Each criterion is scored 1–5; a score at or below this is a fault the reports count. */
  faultAtOrBelow: number;
  scorecard: readonly ScorecardCriterion[];
}

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** The seeds' criteria: on time, empathy and apology, evidence, fairness, clarity, outcome. */
export const DEFAULT_SCORECARD: readonly ScorecardCriterion[] = [
  { id: 'response_on_time', label: { 'zh-CN': '响应及时', en: 'Response on time' }, weight: 15, basis: '001 规范3; 003 第一部分 (7 个工作日内答复)' },
  { id: 'empathy_apology', label: { 'zh-CN': '共情与致歉', en: 'Empathy and apology' }, weight: 15, basis: '000 §三 服务恢复 (真诚道歉)' },
  { id: 'evidence', label: { 'zh-CN': '调查结论有据', en: 'Evidence behind the findings' }, weight: 20, basis: '000 §二.3; 003 公平公正' },
  { id: 'remedy_fairness', label: { 'zh-CN': '处理方案公平', en: 'Fairness of the remedy' }, weight: 20, basis: '002 §二(四); 003 公平公正' },
  { id: 'explanation_clarity', label: { 'zh-CN': '解释清晰', en: 'Clarity of the explanation' }, weight: 15, basis: '000 §二.4; 001 规范6' },
  { id: 'outcome', label: { 'zh-CN': '处理结果', en: 'Outcome' }, weight: 15, basis: '000 §二.6; 001 规范2 (回访)' },
];

export const DEFAULT_QUALITY_REVIEW: QualityReviewPolicy = {
  sampleShare: 0.1,
  minimumPerHandler: 1,
  period: 'month',
  always: ['reopened', 'dissatisfied', 'breached', 'escalated'],
  dissatisfiedAtOrBelow: 3,
  faultAtOrBelow: 2,
  scorecard: DEFAULT_SCORECARD,
};

/** Where a review stands. */
export const QUALITY_REVIEW_STATUSES = ['queued', 'scored', 'accepted', 'disputed', 'decided'] as const;
export type QualityReviewStatus = (typeof QUALITY_REVIEW_STATUSES)[number];

/** A supervisor's decision on a disputed review: the scores stand, or they are revised. */
export const QUALITY_DISPUTE_DECISIONS = ['upheld', 'revised'] as const;
export type QualityDisputeDecision = (typeof QUALITY_DISPUTE_DECISIONS)[number];

/** One closed case as the sampling reads it (from the report roll-up). */
export interface ClosedCase {
  number: string;
  handlerId: string;
  /** The period it closed in ('2026-11' or '2026-W48'). */
  period: string;
  reopens: number;
  satisfaction: number | null;
  breaches: number;
  escalations: number;
}

/** What a sampling run did: the period's closed cases, the reviews it queued, and the cases per reason. */
export interface SamplingRun {
  period: string;
  closedCases: number;
  queued: number;
  byReason: Record<QualitySampleReason, number>;
}

export interface SampledCase {
  number: string;
  handlerId: string;
  period: string;
  reasons: QualitySampleReason[];
}

/** The reasons a case is always reviewed, in table order. */
export function alwaysReasons(c: ClosedCase, policy: QualityReviewPolicy): AlwaysReviewReason[] {
  const holds: Record<AlwaysReviewReason, boolean> = {
    reopened: c.reopens > 0,
    dissatisfied: c.satisfaction !== null && c.satisfaction <= policy.dissatisfiedAtOrBelow,
    breached: c.breaches > 0,
    escalated: c.escalations > 0,
  };
  return policy.always.filter((r) => holds[r]);
}

/**
 * The sampling rule: every case with an always-reason, and per handler and period a share of their
 * closed cases (at least `minimumPerHandler`) drawn from the rest in a fixed pseudo-random order.
 */
export function sampleForReview(cases: readonly ClosedCase[], policy: QualityReviewPolicy): SampledCase[] {
  const groups = new Map<string, ClosedCase[]>();
  for (const c of cases) {
    const key = `${c.handlerId}\u0000${c.period}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const out: SampledCase[] = [];
  for (const group of groups.values()) {
    const rest: ClosedCase[] = [];
    for (const c of group) {
      const reasons = alwaysReasons(c, policy);
      if (reasons.length > 0) out.push({ number: c.number, handlerId: c.handlerId, period: c.period, reasons });
      else rest.push(c);
    }
    const wanted = Math.min(rest.length, Math.max(policy.minimumPerHandler, Math.ceil(group.length * policy.sampleShare)));
    const drawn = [...rest].sort((a, b) => hash(a.number) - hash(b.number) || (a.number < b.number ? -1 : 1)).slice(0, wanted);
    for (const c of drawn) out.push({ number: c.number, handlerId: c.handlerId, period: c.period, reasons: ['sampled'] });
  }
  return out.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}

/** The sampling period a moment falls in, on the organisation's calendar (UTC offset in minutes). */
export function periodOf(epochMs: number, utcOffsetMinutes: number, period: QualityReviewPolicy['period']): string {
  const local = new Date(epochMs + utcOffsetMinutes * 60_000);
  if (period === 'month') return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
  // ISO week: the Thursday of the date's week names the year, and week 1 holds 4 January.
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 4 - (local.getUTCDay() || 7)));
  const week = Math.ceil(((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The instants a period ('2026-11' or '2026-W48') starts and ends at on the organisation's calendar; undefined for a malformed one. */
export function periodBounds(period: string, utcOffsetMinutes: number): { from: number; to: number } | undefined {
  const offset = utcOffsetMinutes * 60_000;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12) return undefined;
    return { from: Date.UTC(y, m - 1, 1) - offset, to: Date.UTC(y, m, 1) - offset };
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!week) return undefined;
  const [y, w] = [Number(week[1]), Number(week[2])];
  // Week 1 holds 4 January; its Monday starts the ISO year.
  const jan4 = Date.UTC(y, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (w - 1) * 7 * 86_400_000;
  if (w < 1 || periodOf(monday + offset - utcOffsetMinutes * 60_000, 0, 'week') !== period) return undefined;
  return { from: monday - offset, to: monday + 7 * 86_400_000 - offset };
}

/** The period before `period` ('2026-11' → '2026-10', '2027-W01' → '2026-W53'). */
export function previousPeriod(period: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  const bounds = periodBounds(period, 0);
  if (!bounds) throw new RangeError(`not a period: ${period}`);
  return periodOf(bounds.from - 86_400_000, 0, 'week');
}

export interface ScoredReview {
  /** 0–100: the weighted mean of the scores, 100 when every criterion scores the maximum. */
  total: number;
  /** The criteria scored at or below the fault line. */
  faults: string[];
}

/** Scores against a scorecard: every criterion once, each 1–5; problems name the criterion. */
export function scoreReview(scorecard: readonly ScorecardCriterion[], scores: Readonly<Record<string, number>>, faultAtOrBelow: number): ScoredReview | { issues: { path: string; message: string }[] } {
  const issues = [
    ...scorecard.filter((c) => scores[c.id] === undefined).map((c) => ({ path: `scores.${c.id}`, message: 'required' })),
    ...Object.keys(scores).filter((id) => !scorecard.some((c) => c.id === id)).map((id) => ({ path: `scores.${id}`, message: `not a criterion of the scorecard: ${scorecard.map((c) => c.id).join(', ')}` })),
    ...Object.entries(scores)
      .filter(([, v]) => !Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX)
      .map(([id]) => ({ path: `scores.${id}`, message: `an integer from ${SCORE_MIN} to ${SCORE_MAX}` })),
  ];
  if (issues.length > 0) return { issues };
  const weights = scorecard.reduce((sum, c) => sum + c.weight, 0) || 1;
  const total = scorecard.reduce((sum, c) => sum + (c.weight * (scores[c.id]! - SCORE_MIN)) / (SCORE_MAX - SCORE_MIN), 0) * (100 / weights);
  return { total: Math.round(total * 10) / 10, faults: scorecard.filter((c) => scores[c.id]! <= faultAtOrBelow).map((c) => c.id) };
}

/** FNV-1a: a stable, well-spread order for sampling. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
