import rawCnMainland from '../../calendars/cn-mainland.json';
import { parseCalendarData } from '../../domain/calendar-file';
import {
  computeDueAt,
  type DeadlineClock,
  durationToMs,
  isClockPaused,
  pauseClock,
  type PolicyDuration,
  reminderAt,
  resumeClock,
  resumeClockInWorkingTime,
  startClock,
  workingReminderAt,
} from '../../domain/deadlines';
import { isWorkingDay, workingTimeBetween } from '../../domain/calendar';

const cal = parseCalendarData(rawCnMainland);
const t = (iso: string): number => Date.parse(iso);
const H = 3_600_000;

describe('durationToMs', () => {
  it.each<[PolicyDuration, number]>([
    [{ amount: 90, unit: 'seconds' }, 90_000],
    [{ amount: 30, unit: 'minutes' }, 1_800_000],
    [{ amount: 24, unit: 'hours' }, 24 * H],
    [{ amount: 1.5, unit: 'hours' }, 5_400_000],
    [{ amount: 3, unit: 'days' }, 72 * H],
    [{ amount: 0, unit: 'days' }, 0],
  ])('%j → %s ms', (d, ms) => {
    expect(durationToMs(d)).toBe(ms);
  });

  it.each<PolicyDuration>([
    { amount: 7, unit: 'workingDays' },
    { amount: 4, unit: 'workingHours' },
    { amount: -1, unit: 'hours' },
    { amount: Number.NaN, unit: 'minutes' },
    { amount: 1, unit: 'weeks' as never },
  ])('throws for %j', (d) => {
    expect(() => durationToMs(d)).toThrow(RangeError);
  });
});

describe('computeDueAt', () => {
  it.each<[string, PolicyDuration, string, string]>([
    // Calendar time ignores the business calendar entirely.
    ['2026-09-30T10:00:00+08:00', { amount: 24, unit: 'hours' }, '2026-10-01T10:00:00+08:00', '24 h into National Day'],
    ['2026-02-14T10:00:00+08:00', { amount: 24, unit: 'hours' }, '2026-02-15T10:00:00+08:00', '24 h into Spring Festival'],
    ['2026-11-28T22:00:00+08:00', { amount: 24, unit: 'hours' }, '2026-11-29T22:00:00+08:00', '24 h over a weekend night'],
    ['2026-12-31T23:30:00+08:00', { amount: 1, unit: 'hours' }, '2027-01-01T00:30:00+08:00', '1 h across the year end'],
    ['2026-11-23T10:00:00+08:00', { amount: 3, unit: 'days' }, '2026-11-26T10:00:00+08:00', '3 days'],
    ['2026-10-01T10:00:00+08:00', { amount: 7, unit: 'days' }, '2026-10-08T10:00:00+08:00', '7 days from a holiday'],
    ['2026-11-23T10:00:00+08:00', { amount: 30, unit: 'minutes' }, '2026-11-23T10:30:00+08:00', '30 minutes'],
    ['2026-11-23T17:59:30+08:00', { amount: 90, unit: 'seconds' }, '2026-11-23T18:01:00+08:00', '90 seconds past closing'],
    // Working time uses the calendar.
    ['2026-09-28T10:00:00+08:00', { amount: 7, unit: 'workingDays' }, '2026-10-13T10:00:00+08:00', '7 working days across National Day'],
    ['2026-09-25T10:00:00+08:00', { amount: 7, unit: 'workingDays' }, '2026-10-12T18:00:00+08:00', '7 working days from a holiday'],
    ['2026-09-26T10:00:00+08:00', { amount: 5, unit: 'workingDays' }, '2026-10-09T18:00:00+08:00', '5 working days from a holiday Saturday'],
    ['2026-11-23T10:00:00+08:00', { amount: 2, unit: 'workingDays' }, '2026-11-25T10:00:00+08:00', 'progress update every 2 working days'],
    ['2026-11-25T10:00:00+08:00', { amount: 3, unit: 'workingDays' }, '2026-11-30T10:00:00+08:00', '3 working days over a weekend'],
    ['2026-11-23T10:00:00+08:00', { amount: 4, unit: 'workingHours' }, '2026-11-23T14:00:00+08:00', '4 working hours'],
    ['2026-11-27T16:00:00+08:00', { amount: 4, unit: 'workingHours' }, '2026-11-30T11:00:00+08:00', '4 working hours over a weekend'],
    ['2026-09-30T16:00:00+08:00', { amount: 4, unit: 'workingHours' }, '2026-10-08T11:00:00+08:00', '4 working hours over National Day'],
    ['2026-02-13T20:00:00+08:00', { amount: 4, unit: 'workingHours' }, '2026-02-14T13:00:00+08:00', '4 working hours onto a make-up Saturday'],
    ['2026-11-23T07:30:00+08:00', { amount: 4, unit: 'workingHours' }, '2026-11-23T13:00:00+08:00', '4 working hours before opening'],
  ])('%s + %j → %s (%s)', (start, d, due) => {
    expect(computeDueAt(cal, t(start), d)).toEqual({ dueAt: t(due), missingYears: [] });
  });

  it('a 24 h deadline never reports missing years, even where there is no data', () => {
    expect(computeDueAt(cal, t('2030-10-01T10:00:00+08:00'), { amount: 24, unit: 'hours' })).toEqual({
      dueAt: t('2030-10-02T10:00:00+08:00'),
      missingYears: [],
    });
  });

  it('a working-time deadline into a year without data is flagged', () => {
    expect(computeDueAt(cal, t('2027-12-30T10:00:00+08:00'), { amount: 3, unit: 'workingDays' })).toEqual({
      dueAt: t('2028-01-04T10:00:00+08:00'),
      missingYears: ['2028'],
    });
  });

  it.each<PolicyDuration>([
    { amount: -1, unit: 'workingDays' },
    { amount: Number.POSITIVE_INFINITY, unit: 'hours' },
  ])('rejects %j', (d) => {
    expect(() => computeDueAt(cal, t('2026-11-23T10:00:00+08:00'), d)).toThrow(RangeError);
  });

  it('rejects a non-finite start', () => {
    expect(() => computeDueAt(cal, Number.NaN, { amount: 1, unit: 'hours' })).toThrow(RangeError);
  });
});

describe('reminderAt', () => {
  it.each([
    ['2026-11-23T10:00:00+08:00', '2026-11-24T10:00:00+08:00', 0.75, '2026-11-24T04:00:00+08:00', '75 % of 24 h'],
    ['2026-09-28T10:00:00+08:00', '2026-10-13T10:00:00+08:00', 0.75, '2026-10-09T16:00:00+08:00', '75 % of 7 working days'],
    ['2026-11-23T10:00:00+08:00', '2026-11-23T14:00:00+08:00', 0.75, '2026-11-23T13:00:00+08:00', '75 % of 4 working hours'],
    ['2026-11-23T10:00:00+08:00', '2026-11-23T14:00:00+08:00', 0, '2026-11-23T10:00:00+08:00', 'fraction 0 = start'],
    ['2026-11-23T10:00:00+08:00', '2026-11-23T14:00:00+08:00', 1, '2026-11-23T14:00:00+08:00', 'fraction 1 = due'],
    ['2026-11-23T10:00:00+08:00', '2026-11-23T10:00:00+08:00', 0.75, '2026-11-23T10:00:00+08:00', 'empty span'],
  ])('%s → %s at %s → %s (%s)', (start, due, fraction, expected) => {
    expect(reminderAt(t(start), t(due), fraction)).toBe(t(expected));
  });

  it('rounds to a whole millisecond', () => {
    expect(reminderAt(0, 3, 0.5)).toBe(2);
  });

  it.each([
    [0, 100, 1.5],
    [0, 100, -0.1],
    [0, 100, Number.NaN],
    [100, 0, 0.75],
  ])('rejects start=%s due=%s fraction=%s', (start, due, fraction) => {
    expect(() => reminderAt(start, due, fraction)).toThrow(RangeError);
  });
});

describe('startClock', () => {
  it('computes due and reminder together', () => {
    expect(startClock(cal, t('2026-11-23T10:00:00+08:00'), { amount: 24, unit: 'hours' }, 0.75)).toEqual({
      clock: {
        startedAt: t('2026-11-23T10:00:00+08:00'),
        dueAt: t('2026-11-24T10:00:00+08:00'),
        remindAt: t('2026-11-24T04:00:00+08:00'),
        pausedTotalMs: 0,
      },
      missingYears: [],
    });
  });

  it('passes missing years through', () => {
    expect(startClock(cal, t('2030-01-02T10:00:00+08:00'), { amount: 1, unit: 'workingDays' }, 0.75).missingYears).toEqual(['2030']);
  });
});

describe('pauseClock / resumeClock (wall-clock shift)', () => {
  const clock: DeadlineClock = {
    startedAt: t('2026-11-23T10:00:00+08:00'),
    dueAt: t('2026-11-24T10:00:00+08:00'),
    remindAt: t('2026-11-24T04:00:00+08:00'),
    pausedTotalMs: 0,
  };

  it('pausing records the instant and changes nothing else', () => {
    const paused = pauseClock(clock, t('2026-11-23T12:00:00+08:00'));
    expect(paused).toEqual({ ...clock, pausedAt: t('2026-11-23T12:00:00+08:00') });
    expect(isClockPaused(paused)).toBe(true);
    expect(isClockPaused(clock)).toBe(false);
    expect(clock.pausedAt).toBeUndefined(); // input not mutated
  });

  it('resuming shifts due and reminder by the paused span', () => {
    const paused = pauseClock(clock, t('2026-11-23T12:00:00+08:00'));
    const resumed = resumeClock(paused, t('2026-11-23T15:00:00+08:00'));
    expect(resumed).toEqual({
      startedAt: clock.startedAt,
      dueAt: t('2026-11-24T13:00:00+08:00'),
      remindAt: t('2026-11-24T07:00:00+08:00'),
      pausedTotalMs: 3 * H,
    });
    expect('pausedAt' in resumed).toBe(false);
  });

  it('pausing twice keeps the first pause instant', () => {
    const once = pauseClock(clock, t('2026-11-23T12:00:00+08:00'));
    const twice = pauseClock(once, t('2026-11-23T13:00:00+08:00'));
    expect(twice).toBe(once);
    expect(resumeClock(twice, t('2026-11-23T15:00:00+08:00')).dueAt).toBe(t('2026-11-24T13:00:00+08:00'));
  });

  it('resuming a running clock is a no-op', () => {
    expect(resumeClock(clock, t('2026-11-23T15:00:00+08:00'))).toBe(clock);
  });

  it('accumulates several pauses', () => {
    let c = pauseClock(clock, t('2026-11-23T11:00:00+08:00'));
    c = resumeClock(c, t('2026-11-23T12:00:00+08:00'));
    c = pauseClock(c, t('2026-11-23T20:00:00+08:00'));
    c = resumeClock(c, t('2026-11-23T22:30:00+08:00'));
    expect(c).toEqual({
      startedAt: clock.startedAt,
      dueAt: t('2026-11-24T13:30:00+08:00'),
      remindAt: t('2026-11-24T07:30:00+08:00'),
      pausedTotalMs: 3.5 * H,
    });
  });

  it('a reminder that had passed before the pause stays in the past', () => {
    const c = pauseClock(clock, t('2026-11-24T06:00:00+08:00')); // reminder was at 04:00
    const resumed = resumeClock(c, t('2026-11-24T09:00:00+08:00'));
    expect(resumed.remindAt).toBe(t('2026-11-24T07:00:00+08:00'));
    expect(resumed.remindAt).toBeLessThanOrEqual(t('2026-11-24T09:00:00+08:00'));
    expect(resumed.dueAt).toBe(t('2026-11-24T13:00:00+08:00'));
  });

  it('a resume instant before the pause instant shifts nothing', () => {
    const c = pauseClock(clock, t('2026-11-23T12:00:00+08:00'));
    expect(resumeClock(c, t('2026-11-23T11:00:00+08:00'))).toEqual(clock);
  });
});

describe('resumeClockInWorkingTime', () => {
  // 3 working days from Wed 2026-11-25 10:00 → Mon 2026-11-30 10:00; reminder at 75 % of 120 h = Sun 04:00.
  const { clock } = startClock(cal, t('2026-11-25T10:00:00+08:00'), { amount: 3, unit: 'workingDays' }, 0.75);

  it('starts where expected', () => {
    expect(clock.dueAt).toBe(t('2026-11-30T10:00:00+08:00'));
    expect(clock.remindAt).toBe(t('2026-11-29T04:00:00+08:00'));
  });

  it('a pause from Friday 17:00 to Monday 09:00 costs one working hour, not 64 h', () => {
    const paused = pauseClock(clock, t('2026-11-27T17:00:00+08:00'));
    expect(resumeClockInWorkingTime(cal, paused, t('2026-11-30T09:00:00+08:00'))).toEqual({
      clock: {
        startedAt: clock.startedAt,
        dueAt: t('2026-11-30T11:00:00+08:00'),
        remindAt: t('2026-11-29T05:00:00+08:00'),
        pausedTotalMs: 64 * H,
      },
      missingYears: [],
    });
    // For contrast, the wall-clock shift would land in the middle of the night.
    expect(resumeClock(paused, t('2026-11-30T09:00:00+08:00')).dueAt).toBe(t('2026-12-03T02:00:00+08:00'));
  });

  it('a pause that holds no working time leaves the due instant alone', () => {
    const paused = pauseClock(clock, t('2026-11-28T10:00:00+08:00'));
    const { clock: resumed } = resumeClockInWorkingTime(cal, paused, t('2026-11-29T20:00:00+08:00'));
    expect(resumed.dueAt).toBe(clock.dueAt);
    expect(resumed.remindAt).toBe(clock.remindAt);
    expect(resumed.pausedTotalMs).toBe(34 * H);
  });

  it('does not move a reminder that had already passed', () => {
    const paused = pauseClock(clock, t('2026-11-29T10:00:00+08:00'));
    const { clock: resumed } = resumeClockInWorkingTime(cal, paused, t('2026-11-30T09:30:00+08:00'));
    expect(resumed.dueAt).toBe(t('2026-11-30T10:30:00+08:00'));
    expect(resumed.remindAt).toBe(clock.remindAt);
  });

  it('moves the deadline over a holiday when needed', () => {
    // 4 working hours from Wed 2026-09-30 10:00 → 14:00; paused 12:00–17:00 (5 h of working time lost).
    const { clock: c } = startClock(cal, t('2026-09-30T10:00:00+08:00'), { amount: 4, unit: 'workingHours' }, 0.75);
    const paused = pauseClock(c, t('2026-09-30T12:00:00+08:00'));
    const { clock: resumed } = resumeClockInWorkingTime(cal, paused, t('2026-09-30T17:00:00+08:00'));
    expect(resumed.dueAt).toBe(t('2026-10-08T10:00:00+08:00'));
    // The pending 13:00 reminder moves with the deadline: 1 h before it, on 2026-10-08.
    expect(resumed.remindAt).toBe(t('2026-10-08T09:00:00+08:00'));
  });

  it('resuming a running clock is a no-op', () => {
    expect(resumeClockInWorkingTime(cal, clock, t('2026-11-30T09:00:00+08:00'))).toEqual({ clock, missingYears: [] });
  });
});

describe('working-time reminders (workingReminderAt)', () => {
  /** Local wall time in Beijing (UTC+8) of an instant, as YYYY-MM-DD HH:MM. */
  const local = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 16).replace('T', ' ');

  it.each<[string, PolicyDuration, string]>([
    // Monday 09:00, 7 working days: due Tuesday of next week 18:00; 75 % of 63 working hours = 47.25 h → the 6th working day (Monday) 11:15.
    ['2026-11-23T01:00:00Z', { amount: 7, unit: 'workingDays' }, '2026-11-30 11:15'],
    // Friday 17:00, 2 working days: 18 working hours; 75 % = 13.5 h → Monday 09:00 + 12.5 h = Tuesday 12:30.
    ['2026-11-27T09:00:00Z', { amount: 2, unit: 'workingDays' }, '2026-12-01 12:30'],
    // Wednesday 14:00, 8 working hours: 6 h → Thursday 11:00.
    ['2026-11-25T06:00:00Z', { amount: 8, unit: 'workingHours' }, '2026-11-26 11:00'],
    // Received on Saturday: working time starts Monday 09:00; 4 working hours → 3 h in → Monday 12:00.
    ['2026-11-28T04:00:00Z', { amount: 4, unit: 'workingHours' }, '2026-11-30 12:00'],
    // Across the National Day holiday (2026-10-01..07 off, make-up working days around it).
    ['2026-09-30T01:00:00Z', { amount: 3, unit: 'workingDays' }, '2026-10-09 11:15'],
  ])('%s + %j → reminded %s (Beijing time)', (start, d, expected) => {
    const startMs = t(start);
    const { dueAt } = computeDueAt(cal, startMs, d);
    const at = workingReminderAt(cal, startMs, dueAt, 0.75);
    expect(local(at)).toBe(expected);
    // Always inside working hours of a working day, and exactly 75 % of the working time in.
    const day = local(at).slice(0, 10);
    expect(isWorkingDay(cal, day).working).toBe(true);
    expect(workingTimeBetween(cal, startMs, at).workMs).toBe(Math.round(workingTimeBetween(cal, startMs, dueAt).workMs * 0.75));
  });

  it('differs from the wall-clock fraction, which can land on a weekend night', () => {
    const startMs = t('2026-11-23T01:00:00Z'); // Monday 09:00
    const { dueAt } = computeDueAt(cal, startMs, { amount: 7, unit: 'workingDays' });
    expect(local(reminderAt(startMs, dueAt, 0.75))).toBe('2026-11-29 15:45'); // a Sunday afternoon
    expect(local(workingReminderAt(cal, startMs, dueAt, 0.75))).toBe('2026-11-30 11:15');
  });

  it.each([0, 0.25, 0.5, 0.75, 1])('fraction %s stays between start and due', (fraction) => {
    const startMs = t('2026-11-27T09:00:00Z');
    const { dueAt } = computeDueAt(cal, startMs, { amount: 3, unit: 'workingDays' });
    const at = workingReminderAt(cal, startMs, dueAt, fraction);
    expect(at).toBeGreaterThanOrEqual(startMs);
    expect(at).toBeLessThanOrEqual(dueAt);
  });

  it('is what startClock uses for working-time clocks when asked, and only for them', () => {
    const startMs = t('2026-11-23T01:00:00Z');
    const working = startClock(cal, startMs, { amount: 7, unit: 'workingDays' }, 0.75, { workingTimeReminder: true }).clock;
    expect(local(working.remindAt)).toBe('2026-11-30 11:15');
    const legacy = startClock(cal, startMs, { amount: 7, unit: 'workingDays' }, 0.75).clock;
    expect(local(legacy.remindAt)).toBe('2026-11-29 15:45');
    const calendarTime = startClock(cal, startMs, { amount: 24, unit: 'hours' }, 0.75, { workingTimeReminder: true }).clock;
    expect(calendarTime.remindAt).toBe(startMs + 18 * H);
  });

  it('refuses a fraction outside 0–1', () => {
    expect(() => workingReminderAt(cal, 0, H, 1.5)).toThrow(RangeError);
  });
});
