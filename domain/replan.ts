/**
 * Re-planning a running clock onto a new calendar (a holiday notice published after the complaint
 * started) or a new policy (an administrator moving chosen open complaints onto a new version).
 * Running complaints keep their policy (SPEC §5); this is the one deliberate way to change it, and
 * every moved deadline is recorded by the caller.
 *
 * The rule: what is still to run is what moves. For a working-time clock, the working time left
 * under the old calendar (from now, or from when it was paused) is laid out again on the new
 * calendar, plus the difference between the new and the old duration; a holiday inserted ahead moves
 * the due time past it, and time already elapsed is not recounted. A calendar-time clock moves by the
 * difference of the durations. A clock whose unit changes kind is planned again from its start.
 * Pure and clock-free: the workflow sandbox uses it.
 */
import { addWorkingTime, workingDayLengthMs, workingTimeBetween, type CalendarData } from './calendar';
import { durationToMs, isWorkingUnit, reminderAt, startClock, workingReminderAt, type DeadlineClock, type PolicyDuration } from './deadlines';

function workingMs(cal: CalendarData, d: PolicyDuration): number {
  return d.unit === 'workingHours' ? Math.round(d.amount * 3_600_000) : Math.round(d.amount * workingDayLengthMs(cal));
}

export interface ReplanInput {
  clock: DeadlineClock & { reminded: boolean };
  from: { cal: CalendarData; duration: PolicyDuration };
  to: { cal: CalendarData; duration: PolicyDuration };
  nowMs: number;
  reminderFraction: number;
}

/** The clock as it runs under the new calendar or duration (the same clock when nothing moves). */
export function replanClock({ clock, from, to, nowMs, reminderFraction }: ReplanInput): DeadlineClock {
  let dueAt: number;
  if (isWorkingUnit(from.duration.unit) && isWorkingUnit(to.duration.unit)) {
    const ref = Math.max(clock.pausedAt ?? nowMs, clock.startedAt);
    const left = workingTimeBetween(from.cal, ref, clock.dueAt).workMs;
    const extra = workingMs(to.cal, to.duration) - workingMs(from.cal, from.duration);
    dueAt = addWorkingTime(to.cal, ref, Math.max(0, left + extra)).dueAt;
  } else if (!isWorkingUnit(from.duration.unit) && !isWorkingUnit(to.duration.unit)) {
    dueAt = clock.dueAt + durationToMs(to.duration) - durationToMs(from.duration);
  } else {
    dueAt = startClock(to.cal, clock.startedAt, to.duration, reminderFraction).clock.dueAt + clock.pausedTotalMs;
  }
  if (dueAt === clock.dueAt) return clock;
  // A reminder already sent stays sent; one still ahead follows the new span.
  const remindAt = clock.reminded
    ? clock.remindAt
    : isWorkingUnit(to.duration.unit)
      ? workingReminderAt(to.cal, clock.startedAt, Math.max(dueAt, clock.startedAt), reminderFraction)
      : reminderAt(clock.startedAt, Math.max(dueAt, clock.startedAt), reminderFraction);
  return { ...clock, dueAt, remindAt };
}
