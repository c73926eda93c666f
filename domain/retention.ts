/**
 * How long the service keeps a complainant's personal data, one typed entry per kind of data
 * (个人信息保护法 Art. 19: no longer than the purpose needs; Art. 47: delete when it is reached).
 * The case itself — its number, stages, times, category, outcome, the report roll-up and the
 * timeline's structure — is kept (seed 001 规范9: records kept for legal and improvement needs); the
 * person is lost. The sweep (`workflows/retention.ts`, on a Temporal schedule) and the erasure of a
 * person's deletion request (`db/anonymise.ts`) read these entries; the README's "Retention" table
 * is written from them.
 */
/** Units a retention period is counted in (calendar time: the law counts years, not working days). */
export const RETENTION_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type RetentionUnit = (typeof RETENTION_UNITS)[number];
export interface RetentionPeriod {
  amount: number;
  unit: RetentionUnit;
}

const UNIT_MS: Record<RetentionUnit, number> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
export const retentionMs = (p: RetentionPeriod): number => Math.round(p.amount * UNIT_MS[p.unit]);

/**
 * The kinds of personal data a complaint holds, each erased on its own when its period after the
 * complaint's end has run. The engine's copy of the complaint (its history, encrypted with the
 * complaint's own data key) holds both contact data and content, so its key is erased with the later
 * of the two.
 */
export const PERSONAL_DATA_KINDS = {
  contact: {
    label: { 'zh-CN': '联系信息', en: 'Contact data' },
    what: 'The complainant’s name, phone, e-mail and customer id, the order number, the tracking link; the keyed contact hashes too when `dropContactKeys` is set.',
    /** 3 years: the general limitation period for civil claims (民法典 Art. 188). */
    defaultKeep: { amount: 1095, unit: 'days' },
  },
  content: {
    label: { 'zh-CN': '投诉内容', en: 'Complaint content' },
    what: 'The description, where it happened, the desired resolution, evidence links and notes, and every free text on the timeline (notes, messages, findings, reasons).',
    defaultKeep: { amount: 1095, unit: 'days' },
  },
  messages: {
    label: { 'zh-CN': '已发送消息', en: 'Messages sent' },
    what: 'Rendered notification bodies (e-mail, inbox, webhook), their subjects, values and delivery errors.',
    defaultKeep: { amount: 365, unit: 'days' },
  },
} as const satisfies Record<string, { label: { 'zh-CN': string; en: string }; what: string; defaultKeep: RetentionPeriod }>;
export type PersonalDataKind = keyof typeof PERSONAL_DATA_KINDS;
export const PERSONAL_DATA_KIND_NAMES = Object.keys(PERSONAL_DATA_KINDS) as PersonalDataKind[];

/**
 * Copies that are not tied to a complaint's end: each expires on its own clock, and each is also
 * erased at once with the complaint's personal data.
 */
export const EXPIRING_COPIES = {
  /** The stored first answer of an `Idempotency-Key` (a complaint's view, quoting its description). */
  idempotencyAnswers: { what: 'Stored answers to repeated requests (Idempotency-Key).', defaultKeep: { amount: 1, unit: 'days' } },
  /** A person's export (access or copy request), downloadable until then. */
  requestExports: { what: 'Exports answering a person’s access or copy request.', defaultKeep: { amount: 30, unit: 'days' } },
} as const satisfies Record<string, { what: string; defaultKeep: RetentionPeriod }>;
export type ExpiringCopy = keyof typeof EXPIRING_COPIES;

/** Why a complaint is kept past its periods: each hold names one and a note; releasing it lets the next sweep erase. */
export const LEGAL_HOLD_REASONS = {
  dispute: { 'zh-CN': '争议处理中（诉讼、仲裁、调解）', en: 'In dispute (litigation, arbitration, mediation)' },
  regulator_review: { 'zh-CN': '监管部门审查中', en: 'Under a regulator’s review' },
  investigation: { 'zh-CN': '内部或执法调查', en: 'Internal or law-enforcement investigation' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;
export type LegalHoldReason = keyof typeof LEGAL_HOLD_REASONS;
export const LEGAL_HOLD_REASON_NAMES = Object.keys(LEGAL_HOLD_REASONS) as [LegalHoldReason, ...LegalHoldReason[]];

export interface RetentionPolicy {
  /** Per kind of personal data, how long after the complaint's end it is kept. */
  keep: Record<PersonalDataKind, RetentionPeriod>;
  /** Per expiring copy, how long after it was made it is kept. */
  copies: Record<ExpiringCopy, RetentionPeriod>;
  /** Erase the keyed contact hashes with the contact data (later complaints of the person are then not counted as repeats of this one). */
  dropContactKeys: boolean;
  /** How often the sweep runs (the Temporal schedule's interval). */
  sweepEvery: RetentionPeriod;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  keep: Object.fromEntries(PERSONAL_DATA_KIND_NAMES.map((k) => [k, { ...PERSONAL_DATA_KINDS[k].defaultKeep }])) as Record<PersonalDataKind, RetentionPeriod>,
  copies: { idempotencyAnswers: { ...EXPIRING_COPIES.idempotencyAnswers.defaultKeep }, requestExports: { ...EXPIRING_COPIES.requestExports.defaultKeep } },
  dropContactKeys: false,
  sweepEvery: { amount: 1, unit: 'hours' },
};

/** What an operator may override (the policy file's `retention`, checked by `policyOverridesSchema`). */
export interface RetentionOverrides {
  keep?: Partial<Record<PersonalDataKind, RetentionPeriod>>;
  copies?: Partial<Record<ExpiringCopy, RetentionPeriod>>;
  dropContactKeys?: boolean;
  sweepEvery?: RetentionPeriod;
}

export function applyRetentionOverrides(base: RetentionPolicy, overrides: RetentionOverrides | undefined): RetentionPolicy {
  if (!overrides) return base;
  const defined = <T extends object>(o: T | undefined) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    keep: { ...base.keep, ...defined(overrides.keep) },
    copies: { ...base.copies, ...defined(overrides.copies) },
    dropContactKeys: overrides.dropContactKeys ?? base.dropContactKeys,
    sweepEvery: overrides.sweepEvery ?? base.sweepEvery,
  };
}

/** The engine's copy holds contact data and content: its key goes when both have. */
export const historyErasedWith: readonly PersonalDataKind[] = ['contact', 'content'];

/** What one sweep did: counts only, never data (stored in `retention_runs`). */
export interface RetentionRunCounts {
  /** Complaints whose data of each kind was erased in this run. */
  erased: Record<PersonalDataKind, number>;
  /** Complaints whose engine history became unreadable (their data key erased). */
  historiesShredded: number;
  /** Complaints past a period but kept: under a legal hold. */
  held: number;
  /** Complaints past a period whose process still runs (a reopen window, a follow-up ahead): next run. */
  stillRunning: number;
  idempotencyAnswersExpired: number;
  requestExportsExpired: number;
}

export const emptyRunCounts = (): RetentionRunCounts => ({
  erased: { contact: 0, content: 0, messages: 0 },
  historiesShredded: 0,
  held: 0,
  stillRunning: 0,
  idempotencyAnswersExpired: 0,
  requestExportsExpired: 0,
});

/** What replaces erased free text, so a reader sees that something was there and why it is gone. */
export const ERASED_TEXT = '〔已删除〕';
