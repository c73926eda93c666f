/**
 * Re-planning a running clock (domain/replan.ts) on the shipped calendar: a holiday notice that
 * adds a rest day ahead of the due time, one that adds it behind (nothing is recounted), a paused
 * clock, a longer policy duration, and the calendar-time and mixed cases.
 */
import { readCalendarFile } from '../../db/calendars';
import type { CalendarData } from '../../domain/calendar';
import { localDateTimeToEpoch } from '../../domain/calendar';
import { startClock, type PolicyDuration } from '../../domain/deadlines';
import { replanClock } from '../../domain/replan';

const cal = readCalendarFile('cn-mainland');
const at = (date: string, time = '10:00') => localDateTimeToEpoch(cal, date, time);
const iso = (ms: number) => new Date(ms).toISOString();
const sevenWorkingDays: PolicyDuration = { amount: 7, unit: 'workingDays' };

/** The calendar with one more public holiday (a notice published after the complaint started). */
function withHoliday(date: string): CalendarData {
  const year = date.slice(0, 4);
  return { ...cal, years: { ...cal.years, [year]: { ...cal.years[year]!, holidays: [...cal.years[year]!.holidays, { date, name: 'notice' }] } } };
}

function running(startMs: number, duration = sevenWorkingDays) {
  return { ...startClock(cal, startMs, duration, 0.75, { workingTimeReminder: true }).clock, reminded: false };
}

describe('a holiday notice', () => {
  // Monday 2026-11-16 10:00 + 7 working days (9:00–18:00) = Wednesday 2026-11-25 10:00.
  const clock = running(at('2026-11-16'));

  it('moves a working-day deadline past a rest day added ahead of it, by one working day', () => {
    expect(iso(clock.dueAt)).toBe(iso(at('2026-11-25')));
    const moved = replanClock({ clock, from: { cal, duration: sevenWorkingDays }, to: { cal: withHoliday('2026-11-20'), duration: sevenWorkingDays }, nowMs: at('2026-11-18'), reminderFraction: 0.75 });
    expect(iso(moved.dueAt)).toBe(iso(at('2026-11-26')));
    // The reminder, not sent yet, follows the new span (75 % of its working time, in working hours).
    expect(moved.remindAt).toBeGreaterThan(clock.remindAt);
  });

  it('does not recount time already elapsed: a rest day added behind now moves nothing', () => {
    const moved = replanClock({ clock, from: { cal, duration: sevenWorkingDays }, to: { cal: withHoliday('2026-11-17'), duration: sevenWorkingDays }, nowMs: at('2026-11-18'), reminderFraction: 0.75 });
    expect(moved).toBe(clock);
  });

  it('counts a paused clock from when it was paused', () => {
    const paused = { ...clock, pausedAt: at('2026-11-18') };
    const moved = replanClock({ clock: paused, from: { cal, duration: sevenWorkingDays }, to: { cal: withHoliday('2026-11-19'), duration: sevenWorkingDays }, nowMs: at('2026-11-23'), reminderFraction: 0.75 });
    expect(iso(moved.dueAt)).toBe(iso(at('2026-11-26')));
    expect(moved.pausedAt).toBe(paused.pausedAt);
  });

  it('leaves a calendar-time deadline where it was', () => {
    const days = { amount: 3, unit: 'days' } as const;
    const calendarClock = running(at('2026-11-16'), days);
    expect(replanClock({ clock: calendarClock, from: { cal, duration: days }, to: { cal: withHoliday('2026-11-18'), duration: days }, nowMs: at('2026-11-17'), reminderFraction: 0.75 })).toBe(calendarClock);
  });
});

describe('a new policy version', () => {
  const clock = running(at('2026-11-16'));

  it('adds the difference of the durations in working time', () => {
    const moved = replanClock({ clock, from: { cal, duration: sevenWorkingDays }, to: { cal, duration: { amount: 10, unit: 'workingDays' } }, nowMs: at('2026-11-18'), reminderFraction: 0.75 });
    expect(iso(moved.dueAt)).toBe(iso(at('2026-11-30')));
  });

  it('never plans a working-time clock into the past: a shorter duration ends no earlier than now', () => {
    const now = at('2026-11-24');
    const moved = replanClock({ clock, from: { cal, duration: sevenWorkingDays }, to: { cal, duration: { amount: 2, unit: 'workingDays' } }, nowMs: now, reminderFraction: 0.75 });
    expect(moved.dueAt).toBe(now);
  });

  it('moves a calendar-time clock by the difference of the durations', () => {
    const three = { amount: 3, unit: 'days' } as const;
    const c = running(at('2026-11-16'), three);
    const moved = replanClock({ clock: c, from: { cal, duration: three }, to: { cal, duration: { amount: 5, unit: 'days' } }, nowMs: at('2026-11-17'), reminderFraction: 0.75 });
    expect(moved.dueAt - c.dueAt).toBe(2 * 86_400_000);
  });

  it('plans a clock whose unit changes kind again from its start', () => {
    const moved = replanClock({ clock, from: { cal, duration: sevenWorkingDays }, to: { cal, duration: { amount: 10, unit: 'days' } }, nowMs: at('2026-11-18'), reminderFraction: 0.75 });
    expect(iso(moved.dueAt)).toBe(iso(at('2026-11-26')));
  });

  it('keeps a reminder already sent', () => {
    const reminded = { ...clock, reminded: true };
    const moved = replanClock({ clock: reminded, from: { cal, duration: sevenWorkingDays }, to: { cal, duration: { amount: 10, unit: 'workingDays' } }, nowMs: at('2026-11-24'), reminderFraction: 0.75 });
    expect(moved.remindAt).toBe(clock.remindAt);
  });
});
