/**
 * Re-planning a running complaint on purpose (issue "clocks the law sets"): which of its deadlines
 * move when it takes a new policy version or a new calendar year, by the rule of domain/replan.ts for
 * its own clocks, and by planning its legal clocks again on the new calendar. Pure over the state.
 */
import { replanClock } from '../domain/replan';
import type { Policy } from '../domain/policy';
import { DEADLINE_RULES } from './deadline-rules';
import type { ComplaintState, Deadline, DeadlineMove, ReplanRequest } from './types';
import type { PlannedLegalClock } from '../domain/legal-clocks';

/** The policy the complaint would run under after the request. */
export function policyAfter(current: Policy, request: ReplanRequest): Policy {
  if (request.policy) return request.policy;
  const year = request.calendarYear;
  // A holiday notice of another calendar than the complaint's leaves it as it is.
  if (!year || year.calendarId !== current.calendar.id) return current;
  return { ...current, calendar: { ...current.calendar, years: { ...current.calendar.years, [year.year]: year.data } } };
}

export interface ReplanPlan {
  policy: Policy;
  clocks: Deadline[];
  moves: DeadlineMove[];
}

/**
 * Every running clock of the complaint under `next`: the internal ones that have not run out, and the
 * legal ones still owed (`legal(policy)` plans them on a policy's calendar).
 */
export function planReplan(state: ComplaintState, current: Policy, next: Policy, nowMs: number, openClocks: Deadline[], legal: (policy: Policy) => PlannedLegalClock[]): ReplanPlan {
  const clocks: Deadline[] = [];
  const moves: DeadlineMove[] = [];
  for (const d of openClocks) {
    if (d.breached || d.dueAt <= nowMs) continue;
    const key = DEADLINE_RULES[d.kind].duration;
    const moved = replanClock({
      clock: d,
      from: { cal: current.calendar, duration: current.durations[key] },
      to: { cal: next.calendar, duration: next.durations[key] },
      nowMs,
      reminderFraction: next.reminderFraction,
    });
    if (moved === d) continue;
    clocks.push({ ...d, ...moved });
    moves.push({ clock: d.kind, legal: false, from: new Date(d.dueAt).toISOString(), to: new Date(moved.dueAt).toISOString() });
  }
  const after = new Map(legal(next).map((c) => [c.id, c]));
  for (const before of legal(current)) {
    const now = after.get(before.id);
    if (before.dueAtMs === undefined || now?.dueAtMs === undefined || now.dueAtMs === before.dueAtMs) continue;
    const ended = state.legal?.progress[before.id];
    if (ended?.ended || ended?.missed) continue;
    moves.push({ clock: `${state.legal!.regime}:${before.id}`, legal: true, from: new Date(before.dueAtMs).toISOString(), to: new Date(now.dueAtMs).toISOString() });
  }
  return { policy: next, clocks, moves };
}
