/**
 * Deadline arithmetic used by the complaint workflow (SPEC §5). Pure and deterministic (bundled into
 * the workflow sandbox): every instant is epoch milliseconds supplied by the caller.
 *
 * Two kinds of duration exist side by side: calendar time (seconds … days; "first contact within
 * 24 h" is 24 real hours, holidays included) and working time (workingHours / workingDays, counted on
 * the organisation's business calendar with the rules documented in ./calendar).
 */
import { addWorkingDays, addWorkingHours, addWorkingTime, type CalendarData, workingTimeBetween } from './calendar';

export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days', 'workingHours', 'workingDays'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface PolicyDuration {
  amount: number;
  unit: DurationUnit;
}

const CALENDAR_UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export function isWorkingUnit(unit: DurationUnit): unit is 'workingHours' | 'workingDays' {
  return unit === 'workingHours' || unit === 'workingDays';
}

function assertAmount(d: PolicyDuration): void {
  if (!Number.isFinite(d.amount) || d.amount < 0) {
    throw new RangeError(`Duration amount must be finite and ≥ 0, got ${d.amount} ${d.unit}`);
  }
}

/**
 * Milliseconds of a calendar-time duration. Working units have no fixed length (it depends on where
 * the span starts), so they throw instead of returning a misleading number.
 */
export function durationToMs(d: PolicyDuration): number {
  assertAmount(d);
  if (isWorkingUnit(d.unit)) throw new RangeError(`${d.unit} depends on the business calendar; use computeDueAt`);
  const unitMs = CALENDAR_UNIT_MS[d.unit];
  if (unitMs === undefined) throw new RangeError(`Unknown duration unit '${String(d.unit)}'`);
  return Math.round(d.amount * unitMs);
}

/**
 * When a duration that starts at `startMs` is due. A 'days' duration is exactly 24 h per day (the
 * calendars we use have a fixed offset, so this is also the same local time). `missingYears` is
 * non-empty when a working-time span crossed a year without calendar data (weekends-only fallback);
 * the caller must log/flag it.
 */
export function computeDueAt(
  cal: CalendarData,
  startMs: number,
  d: PolicyDuration,
): { dueAt: number; missingYears: string[] } {
  assertAmount(d);
  if (!Number.isFinite(startMs)) throw new RangeError(`startMs must be a finite instant, got ${startMs}`);
  switch (d.unit) {
    case 'workingHours':
      return addWorkingHours(cal, startMs, d.amount);
    case 'workingDays':
      return addWorkingDays(cal, startMs, d.amount);
    default:
      return { dueAt: startMs + durationToMs(d), missingYears: [] };
  }
}

/**
 * The reminder instant at `fraction` (0–1) of the wall-clock span from start to due, rounded to the
 * millisecond. Wall-clock on purpose: it means the same for every unit and is easy to explain ("at 75 %
 * of the time"). For a working-time deadline it can fall outside working hours (at night, on a
 * holiday); the reminder is an asynchronous message, so that only changes when it is read.
 */
export function reminderAt(startMs: number, dueAt: number, fraction: number): number {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new RangeError(`Reminder fraction must be between 0 and 1, got ${fraction}`);
  }
  if (!Number.isFinite(startMs) || !Number.isFinite(dueAt) || dueAt < startMs) {
    throw new RangeError(`Reminder needs startMs ≤ dueAt, got ${startMs} and ${dueAt}`);
  }
  return startMs + Math.round((dueAt - startMs) * fraction);
}

/**
 * A running SLA clock. While paused (`pausedAt` set) the timers must not fire; resuming moves the due
 * and reminder instants later. `pausedTotalMs` is the wall-clock time spent paused, for reports.
 */
export interface DeadlineClock {
  startedAt: number;
  dueAt: number;
  remindAt: number;
  pausedAt?: number;
  pausedTotalMs: number;
}

/**
 * The reminder of a working-time clock at `fraction` of its WORKING time: a 7-working-day reply
 * deadline started on Monday morning is reminded during working hours of its 6th working day, not on
 * a Saturday night at 75 % of the wall-clock span. Lands on the start of a working period when the
 * fraction ends exactly at the close of one.
 */
export function workingReminderAt(cal: CalendarData, startMs: number, dueAt: number, fraction: number): number {
  reminderAt(startMs, dueAt, fraction); // same argument checks
  const total = workingTimeBetween(cal, startMs, dueAt).workMs;
  const remindAt = addWorkingTime(cal, startMs, Math.round(total * fraction)).dueAt;
  return Math.min(remindAt, dueAt);
}

export interface StartClockOptions {
  /** Working-time clocks are reminded at the fraction of their working time (false: of the wall-clock span, the behaviour before 2026-11). */
  workingTimeReminder?: boolean;
}

/** Starts a clock: computes the due instant and the reminder at `reminderFraction` of the span. */
export function startClock(
  cal: CalendarData,
  startMs: number,
  d: PolicyDuration,
  reminderFraction: number,
  options: StartClockOptions = {},
): { clock: DeadlineClock; missingYears: string[] } {
  const { dueAt, missingYears } = computeDueAt(cal, startMs, d);
  const remindAt = options.workingTimeReminder && isWorkingUnit(d.unit) ? workingReminderAt(cal, startMs, dueAt, reminderFraction) : reminderAt(startMs, dueAt, reminderFraction);
  return { clock: { startedAt: startMs, dueAt, remindAt, pausedTotalMs: 0 }, missingYears };
}

export function isClockPaused(c: DeadlineClock): boolean {
  return c.pausedAt !== undefined;
}

/** Stops the clock at `nowMs`. Pausing a paused clock is a no-op (the first pause instant counts). */
export function pauseClock(c: DeadlineClock, nowMs: number): DeadlineClock {
  if (c.pausedAt !== undefined) return c;
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be a finite instant, got ${nowMs}`);
  return { ...c, pausedAt: nowMs };
}

function withoutPause(c: DeadlineClock): DeadlineClock {
  // Drop the key rather than set it to undefined: the clock is serialised into workflow history.
  const { pausedAt: _pausedAt, ...rest } = c;
  return rest;
}

/**
 * Restarts a paused clock, moving dueAt and remindAt later by the wall-clock paused span (for
 * calendar-time deadlines). Resuming a running clock is a no-op. A reminder that had already passed
 * when the clock stopped stays in the past: shifting it by the paused span lands it at or before now.
 */
export function resumeClock(c: DeadlineClock, nowMs: number): DeadlineClock {
  if (c.pausedAt === undefined) return c;
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be a finite instant, got ${nowMs}`);
  const span = Math.max(0, nowMs - c.pausedAt);
  return {
    ...withoutPause(c),
    dueAt: c.dueAt + span,
    remindAt: c.remindAt + span,
    pausedTotalMs: c.pausedTotalMs + span,
  };
}

/**
 * Restarts a paused working-time clock: the due instant moves later by the WORKING time that elapsed
 * while paused, not by the wall-clock span. A wall-clock shift would be unfair both ways: a pause from
 * Friday 17:00 to Monday 09:00 holds only one working hour, yet would push the deadline by 64 h (and
 * possibly onto a night or a holiday). A reminder still pending moves by the same amount as the due
 * instant; one that had already passed when the clock stopped is left alone so it does not fire twice.
 * Resuming a running clock is a no-op.
 */
export function resumeClockInWorkingTime(
  cal: CalendarData,
  c: DeadlineClock,
  nowMs: number,
): { clock: DeadlineClock; missingYears: string[] } {
  if (c.pausedAt === undefined) return { clock: c, missingYears: [] };
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be a finite instant, got ${nowMs}`);
  const resumedAt = Math.max(nowMs, c.pausedAt);
  const lost = workingTimeBetween(cal, c.pausedAt, resumedAt);
  const moved = addWorkingTime(cal, c.dueAt, lost.workMs);
  const shift = moved.dueAt - c.dueAt;
  const clock: DeadlineClock = {
    ...withoutPause(c),
    dueAt: moved.dueAt,
    remindAt: c.remindAt > c.pausedAt ? c.remindAt + shift : c.remindAt,
    pausedTotalMs: c.pausedTotalMs + (resumedAt - c.pausedAt),
  };
  const missingYears = [...new Set([...lost.missingYears, ...moved.missingYears])].sort();
  return { clock, missingYears };
}
