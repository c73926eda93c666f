/**
 * The shape of a legal regime: the clocks a law or a regulator sets on a complaint, beside the
 * company's own service levels. Each regime is one file in this folder, versioned by the date its
 * text took effect, and every version names its source and how sure we are of it.
 */
import type { LegalPeriod } from '../legal-periods';

export const LEGAL_REGIME_IDS = ['cn-samr-transfer', 'cn-12315-odr', 'cn-banking-insurance', 'cn-personal-information'] as const;
export type LegalRegimeId = (typeof LEGAL_REGIME_IDS)[number];

/** Bilingual wording for the case page, the tracking page and reports. */
export interface Wording {
  'zh-CN': string;
  en: string;
}

export interface LegalSource {
  /** The text, by its official title. */
  law: string;
  /** The article(s) the numbers come from. */
  articles: string;
  /** What to check before relying on the numbers (a replaced text, an article we could not verify). */
  verify: string;
}

/** Why a legal clock may stop; each stop is recorded with its reason and who stopped it. */
export const LEGAL_STOP_REASONS = ['testing', 'appraisal', 'customer_unreachable'] as const;
export type LegalStopReason = (typeof LEGAL_STOP_REASONS)[number];

/** What ends a legal clock (the obligation is met, or there is none left). */
export const LEGAL_CLOCK_ENDS = ['decision_told', 'reply_sent', 'request_answered', 'withdrawn', 'closed'] as const;
export type LegalClockEnd = (typeof LEGAL_CLOCK_ENDS)[number];

export interface LegalExtension {
  /** Which extension this is, e.g. 'complex' (15 → 30 days) or 'special' (a further 30). */
  id: string;
  label: Wording;
  /** How much longer the period becomes. */
  adds: LegalPeriod;
  /** Who must approve: the policy maps 'senior' to a role (a manager by default); 'handler' needs no approval. */
  approvedBy: 'handler' | 'supervisor' | 'senior';
  /** Whether the customer must be told of the extension (and why). */
  customerMustBeTold: boolean;
  /** Extensions that must have been granted first. */
  after?: string[];
}

export interface LegalClockRule {
  /** Unique within the regime, e.g. 'decision'. */
  id: string;
  label: Wording;
  /**
   * When it starts: when the company received the complaint (`receivedAt`, which may be earlier
   * than the intake), or the regulator's acceptance.
   */
  startsAt: 'received' | 'regulator_acceptance';
  /** Its length, counted by domain/legal-periods.ts; absent when the date is given (below). */
  period?: LegalPeriod;
  /** The due date is the one the regulator gives in the transfer, entered at intake. */
  dueDateGiven?: boolean;
  /**
   * `binding`: the company must meet it — early warnings, a breach recorded and reported.
   * `context`: the regulator's own period, shown beside the company's for the handler to know,
   * without warnings or escalation.
   */
  kind: 'binding' | 'context';
  stoppableFor: LegalStopReason[];
  extensions: LegalExtension[];
  endsOn: LegalClockEnd[];
}

export interface LegalRegimeVersion {
  /** 'YYYY-MM-DD': complaints received on or after this day follow this version. */
  effectiveFrom: string;
  source: LegalSource;
  clocks: LegalClockRule[];
}

export interface LegalRegime {
  id: LegalRegimeId;
  name: Wording;
  /** What intake or triage must record for a complaint under this regime. */
  requires: { regulatorReference: boolean; regulatorDueDate: boolean };
  /** Oldest first. */
  versions: LegalRegimeVersion[];
}
