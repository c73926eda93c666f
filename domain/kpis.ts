/**
 * The figures of the summary report, each defined once: what it is called, its formula, its unit,
 * what counts, and its target. `docs/kpis.md` is this table in prose, the reports page labels its
 * tiles from it, and the SQL in `api/read/report-queries.ts` computes exactly these formulas over the
 * roll-up of `domain/report-facts.ts`. Every rate is a part over a whole that contains it, so none
 * can exceed 1. "In the period" always means: received in the period (a cohort), so a figure for
 * last month does not change meaning as this month's cases close.
 */
export type KpiUnit = 'count' | 'rate' | 'seconds' | 'score';

export interface KpiDefinition {
  en: string;
  zh: string;
  unit: KpiUnit;
  formula: string;
  counts: string;
  /** The goal and its direction: a rate at least / at most the value. */
  target?: { atLeast?: number; atMost?: number; source: string };
}

export const KPIS = {
  volume: {
    en: 'Complaints received',
    zh: '投诉量',
    unit: 'count',
    formula: 'received',
    counts: 'complaints received in the period that match the filters, whatever their stage or outcome',
  },
  handlingRate: {
    en: 'Handling rate',
    zh: '投诉处理率',
    unit: 'rate',
    formula: 'closed within deadline / received',
    counts: 'closed within deadline: the case is closed now (stage closed or follow-up; a reopened case is not) and no SLA breach happened before its closure; every outcome counts (resolved, unresolved, withdrawn, invalid, duplicate)',
    target: { atLeast: 0.9, source: '003 第一部分 (投诉处理率 ≥ 90 %)' },
  },
  firstContactResolutionRate: {
    en: 'First-contact resolution',
    zh: '首次解决率',
    unit: 'rate',
    formula: 'resolved on the spot and never reopened / received',
    counts: 'a `resolved_on_spot` event and no `reopened` event',
  },
  acknowledgedWithin24hRate: {
    en: 'Acknowledged within 24 h',
    zh: '24小时内受理确认率',
    unit: 'rate',
    formula: 'acknowledged within 24 h of receipt / received',
    counts: 'the `acknowledged` event (number and promised dates sent to the customer) within 24 calendar hours of `received`',
    target: { atLeast: 1, source: '001 规范3 (24小时内回应投诉)' },
  },
  firstResponseWithin24hRate: {
    en: 'Answered by a person within 24 h',
    zh: '24小时内人工回应率',
    unit: 'rate',
    formula: 'first staff response within 24 h of receipt / received',
    counts: 'the first message of a member of staff the customer sees (a note to the customer, a progress update, an on-the-spot resolution, a proposal or the closure) within 24 calendar hours; triage alone is not an answer',
  },
  slaBreachRate: {
    en: 'SLA breach rate',
    zh: '超时率',
    unit: 'rate',
    formula: 'complaints with at least one SLA breach / received',
    counts: 'an `sla_breached` event in any stage, follow-up visits included',
    target: { atMost: 0.1, source: 'the handling-rate target read the other way' },
  },
  slaBreachRateByStage: {
    en: 'Breach rate per stage',
    zh: '各环节超时率',
    unit: 'rate',
    formula: 'complaints breached while in the stage / complaints that entered the stage',
    counts: 'per stage; a complaint counts once per stage however often it breached or re-entered it',
  },
  timePerStage: {
    en: 'Time per stage (mean, p90)',
    zh: '各环节用时',
    unit: 'seconds',
    formula: 'per complaint: seconds spent in the stage, summed over its visits that ended; mean and 90th percentile (continuous) over the complaints with such a visit',
    counts: 'calendar time from entering the stage to leaving it; a visit still open is not counted; `closed` counts until a follow-up visit or reopen takes the case out of it',
  },
  satisfiedRate: {
    en: 'Satisfied',
    zh: '满意率',
    unit: 'rate',
    formula: 'ratings of 4 or 5 / complaints rated',
    counts: 'the latest satisfaction score (1–5) of each rated complaint',
    target: { atLeast: 0.8, source: '003 第一部分 (客户满意度 ≥ 80 %)' },
  },
  meanSatisfaction: {
    en: 'Mean satisfaction',
    zh: '平均满意度',
    unit: 'score',
    formula: 'mean of the latest score of each rated complaint',
    counts: 'complaints with a score',
  },
  escalations: {
    en: 'Escalations',
    zh: '升级次数',
    unit: 'count',
    formula: 'number of `escalated` events',
    counts: 'each escalation step (automatic after a breach, by a supervisor, or after rejected proposals)',
  },
  escalationRate: {
    en: 'Escalated complaints',
    zh: '升级率',
    unit: 'rate',
    formula: 'complaints escalated at least once / received',
    counts: 'at least one `escalated` event',
  },
  reopenRate: {
    en: 'Reopen rate',
    zh: '重开率',
    unit: 'rate',
    formula: 'complaints reopened at least once / complaints closed at least once',
    counts: 'a complaint can only be reopened after a closure, so the numerator is part of the denominator',
  },
} as const satisfies Record<string, KpiDefinition>;

export type KpiName = keyof typeof KPIS;
export const KPI_NAMES = Object.keys(KPIS) as KpiName[];

/** Threshold of "satisfied" on the 1–5 scale. */
export const SATISFIED_FROM_SCORE = 4;
/** The 24-hour figures' window. */
export const RESPONSE_WINDOW_SECONDS = 24 * 3600;

/** A part over a whole, rounded to four places; null when the whole is empty. */
export function ratio(part: number, whole: number): number | null {
  if (whole === 0) return null;
  if (part > whole) throw new Error(`ratio ${part}/${whole} exceeds 1: the numerator must count a subset of the denominator`);
  return Math.round((part / whole) * 10_000) / 10_000;
}

/** The targets by figure (for the report's JSON and the page's tiles). */
export function kpiTargets(): Partial<Record<KpiName, { atLeast?: number; atMost?: number }>> {
  const definitions = Object.entries(KPIS) as [KpiName, KpiDefinition][];
  return Object.fromEntries(definitions.flatMap(([name, k]) => (k.target ? [[name, { atLeast: k.target.atLeast, atMost: k.target.atMost }]] : [])));
}

/** Buckets of a report's trend. */
export const TREND_INTERVALS = ['day', 'week', 'month'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];
