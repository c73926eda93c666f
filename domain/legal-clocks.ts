/**
 * A complaint's legal clocks, planned from its regime's version (domain/legal-regimes.ts): when
 * each is due, counted by domain/legal-periods.ts from when the company received the complaint (or
 * from the regulator's acceptance), moved by the stops the regime allows and the extensions granted,
 * and when its early warnings fall. Pure and clock-free, for the workflow and the API alike.
 */
import type { CalendarData } from './calendar';
import { legalDueAfterStops, type LegalPeriod } from './legal-periods';
import type { LegalClockRule, LegalRegimeVersion, LegalStopReason } from './legal-regimes/types';

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
      due = facts.regulatorDueAtMs === undefined ? undefined : { dueAtMs: facts.regulatorDueAtMs };
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
