/**
 * A complaint's legal clocks, planned from its regime's version (domain/legal-regimes.ts): when
 * each is due, counted by domain/legal-periods.ts from when the company received the complaint (or
 * from the regulator's acceptance), moved by the stops the regime allows and the extensions granted,
 * and when its early warnings fall. Pure and clock-free, for the workflow and the API alike.
 */
import { localDateOf, type CalendarData } from './calendar';
import { legalDueAfterStops, type LegalPeriod } from './legal-periods';
import { LEGAL_REGIMES, regimeVersionFor } from './legal-regimes';
import type { LegalClockRule, LegalRegimeId, LegalRegimeVersion, LegalStopReason } from './legal-regimes/types';

/** What is known of a complaint that its legal clocks count from. */
export interface LegalClockFacts {
  /** When the company received the complaint (a letter opened today that arrived last week: that day). */
  receivedAtMs: number;
  /** The reply date the regulator set in a transfer (end of that day), when the regime takes one. */
  regulatorDueAtMs?: number;
  /** When the regulator accepted the complaint, once known. */
  regulatorAcceptedAtMs?: number;
  /** Stops recorded so far, each with the clock it stopped and why (an open stop has no `toMs`). */
  stops?: readonly { clockId: string; reason: LegalStopReason; fromMs: number; toMs?: number }[];
  /** Extensions granted so far, by clock. */
  extensions?: readonly { clockId: string; extensionId: string }[];
}

export interface PlannedLegalClock {
  id: string;
  kind: LegalClockRule['kind'];
  label: LegalClockRule['label'];
  startedAtMs: number;
  /** Undefined while it cannot be known (a stop still open, or the regulator has not accepted yet). */
  dueAtMs?: number;
  lastDay?: string;
  /** Early warnings at these shares of the time from start to due (binding clocks only). */
  warnAtMs: number[];
  stopped: boolean;
  extensionsGranted: string[];
}

/** The default early warnings: at half and at four fifths of the period (the policy may set others). */
export const DEFAULT_LEGAL_WARNINGS: readonly number[] = [0.5, 0.8];

/** The policy's part for legal clocks (`Policy.legal`): warning shares, and who is the compliance contact. */
export interface LegalClockPolicy {
  warnings: number[];
  /** Staff ids told of warnings and misses beside the owner and supervisors; none: the managers. */
  complianceContacts: string[];
}

export const DEFAULT_LEGAL_CLOCK_POLICY: LegalClockPolicy = { warnings: [...DEFAULT_LEGAL_WARNINGS], complianceContacts: [] };

function periodWithExtensions(rule: LegalClockRule, granted: readonly string[]): LegalPeriod | undefined {
  if (!rule.period) return undefined;
  const extra = rule.extensions.filter((e) => granted.includes(e.id)).reduce((sum, e) => sum + e.adds.length, 0);
  return { ...rule.period, length: rule.period.length + extra };
}

/** Plans every clock of the version for a complaint, in the version's order. */
export function planLegalClocks(cal: CalendarData, version: LegalRegimeVersion, facts: LegalClockFacts, warnings: readonly number[] = DEFAULT_LEGAL_WARNINGS): PlannedLegalClock[] {
  return version.clocks.flatMap((rule): PlannedLegalClock[] => {
    const startedAtMs = rule.startsAt === 'received' ? facts.receivedAtMs : facts.regulatorAcceptedAtMs;
    if (startedAtMs === undefined) return [];
    const stops = (facts.stops ?? []).filter((s) => s.clockId === rule.id && rule.stoppableFor.includes(s.reason));
    const stopped = stops.some((s) => s.toMs === undefined);
    const extensionsGranted = (facts.extensions ?? []).filter((e) => e.clockId === rule.id).map((e) => e.extensionId);
    const base = { id: rule.id, kind: rule.kind, label: rule.label, startedAtMs, stopped, extensionsGranted };
    let due: { dueAtMs: number; lastDay?: string } | undefined;
    if (rule.dueDateGiven) {
      due = facts.regulatorDueAtMs === undefined ? undefined : { dueAtMs: facts.regulatorDueAtMs, lastDay: localDateOf(cal, facts.regulatorDueAtMs - 1) };
    } else if (!stopped) {
      const period = periodWithExtensions(rule, extensionsGranted)!;
      const counted = legalDueAfterStops(cal, startedAtMs, period, stops.map((s) => ({ fromMs: s.fromMs, toMs: s.toMs! })));
      due = { dueAtMs: counted.dueAtMs, lastDay: counted.lastDay };
    }
    if (!due) return [{ ...base, warnAtMs: [] }];
    const span = due.dueAtMs - startedAtMs;
    const warnAtMs = rule.kind === 'binding' && span > 0 ? warnings.map((share) => startedAtMs + Math.round(span * share)) : [];
    return [{ ...base, ...due, warnAtMs }];
  });
}

/** How far back `receivedAt` may go: a letter opened weeks late is recorded; a typing error of a year is not. */
export const RECEIVED_AT_MAX_AGE_DAYS = 60;
/** Clock skew allowed between the caller and the service for a `receivedAt` "now". */
const RECEIVED_AT_SKEW_MS = 5 * 60_000;

/**
 * What intake (or triage) records for a complaint under a legal regime: the regime, when the company
 * really received it, and what the regulator's transfer says. Ids, dates and reference numbers only:
 * this travels in the workflow's input and history.
 */
export interface LegalIntake {
  regime: LegalRegimeId;
  /** ISO instant the company received the complaint. */
  receivedAt: string;
  regulatorReference?: string;
  regulatorOffice?: string;
  /** 'YYYY-MM-DD': the reply date the regulator set (its end, in the organisation's time zone). */
  regulatorDueDate?: string;
}

/**
 * The checks on a regime and its facts that need the clock or the calendar (the request schema
 * checks the shapes): `receivedAt` not in the future and not older than RECEIVED_AT_MAX_AGE_DAYS,
 * what the regime requires present, its version in effect on the day received, and a regulator's
 * date not before that day. `paths` names each field as the caller's request does.
 */
export function legalIntakeIssues(
  facts: { regime?: LegalRegimeId; receivedAt?: string; regulatorReference?: string; regulatorDueDate?: string },
  nowMs: number,
  utcOffsetMinutes: number,
  paths: { receivedAt: string; regime: string; regulatorReference: string; regulatorDueDate: string },
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const receivedMs = facts.receivedAt === undefined ? nowMs : Date.parse(facts.receivedAt);
  if (receivedMs > nowMs + RECEIVED_AT_SKEW_MS) issues.push({ path: paths.receivedAt, message: 'must not be in the future' });
  if (receivedMs < nowMs - RECEIVED_AT_MAX_AGE_DAYS * 86_400_000) issues.push({ path: paths.receivedAt, message: `must be within the last ${RECEIVED_AT_MAX_AGE_DAYS} days` });
  if (facts.regime === undefined) return issues;
  const regime = LEGAL_REGIMES[facts.regime];
  const receivedDay = new Date(receivedMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  if (!regimeVersionFor(facts.regime, receivedDay)) {
    issues.push({ path: paths.regime, message: `${facts.regime} applies to complaints received from ${regime.versions[0]!.effectiveFrom}` });
  }
  if (regime.requires.regulatorReference && !facts.regulatorReference) issues.push({ path: paths.regulatorReference, message: `required under ${facts.regime}` });
  if (regime.requires.regulatorDueDate && !facts.regulatorDueDate) issues.push({ path: paths.regulatorDueDate, message: `required under ${facts.regime}: the reply date in the regulator's transfer` });
  if (facts.regulatorDueDate !== undefined && facts.regulatorDueDate < receivedDay) issues.push({ path: paths.regulatorDueDate, message: `must not be before the day the complaint was received (${receivedDay})` });
  return issues;
}

/**
 * Whether a legal-clock action has anything to act on for a complaint in this state (the case page
 * offers only those): a regime at all, a clock the regime lets stop, a stop to end, an extension, a
 * regulator's acceptance still to record.
 */
export function legalActionApplies(
  action: 'stopLegalClock' | 'resumeLegalClock' | 'extendLegalClock' | 'recordRegulatorAcceptance',
  legal: { regime: LegalRegimeId; version: string; regulatorAcceptedAt?: string; stops: { to?: string }[] } | undefined,
): boolean {
  if (!legal) return false;
  const version = LEGAL_REGIMES[legal.regime].versions.find((v) => v.effectiveFrom === legal.version);
  if (!version) return false;
  switch (action) {
    case 'stopLegalClock':
      return version.clocks.some((c) => c.stoppableFor.length > 0);
    case 'resumeLegalClock':
      return legal.stops.some((s) => s.to === undefined);
    case 'extendLegalClock':
      return version.clocks.some((c) => c.extensions.length > 0);
    case 'recordRegulatorAcceptance':
      return legal.regulatorAcceptedAt === undefined && version.clocks.some((c) => c.startsAt === 'regulator_acceptance');
  }
}
