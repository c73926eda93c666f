/**
 * Counting the periods the law sets (domain/legal-periods.ts) on the shipped calendar, around the
 * 2026 Mid-Autumn Festival (Sep 25–27) and National Day (Oct 1–7) with their make-up working days
 * (Sunday Sep 20 and Saturday Oct 10), from calendars/cn-mainland.json.
 */
import { readCalendarFile } from '../../db/calendars';
import { isWorkingDay, localDateTimeToEpoch } from '../../domain/calendar';
import { legalDueAfterStops, legalDueAt, type LegalPeriod } from '../../domain/legal-periods';

const cal = readCalendarFile('cn-mainland');
const at = (date: string, time = '10:00') => localDateTimeToEpoch(cal, date, time);
const days = (length: number): LegalPeriod => ({ length, unit: 'calendarDays' });
const workingDays = (length: number): LegalPeriod => ({ length, unit: 'workingDays' });

it('reads the holidays and make-up days these cases rely on from the calendar file', () => {
  expect(cal.years['2026'].provisional).toBe(false);
  for (const d of ['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-01', '2026-10-07']) expect(isWorkingDay(cal, d)).toMatchObject({ kind: 'holiday', working: false });
  for (const d of ['2026-09-20', '2026-10-10']) expect(isWorkingDay(cal, d)).toMatchObject({ kind: 'makeUpWorkday', working: true });
});

describe('calendar days (Civil Code Art. 201 and 203)', () => {
  it('does not count the starting day', () => {
    expect(legalDueAt(cal, at('2026-10-12'), days(1))).toMatchObject({ lastDay: '2026-10-13', movedPastRestDays: false });
    expect(legalDueAt(cal, at('2026-10-12', '23:59'), days(1)).lastDay).toBe('2026-10-13');
    expect(legalDueAt(cal, at('2026-10-13', '00:01'), days(1)).lastDay).toBe('2026-10-14');
  });

  it('ends at the end of the last day in the organisation’s time zone', () => {
    const due = legalDueAt(cal, at('2026-10-12'), days(1));
    expect(new Date(due.dueAtMs).toISOString()).toBe('2026-10-13T16:00:00.000Z'); // 2026-10-14 00:00 +08:00
  });

  it('moves a last day in the Mid-Autumn holiday to the first working day after it', () => {
    // 7 days from Friday Sep 18 end on Friday Sep 25, the festival; Sep 26–27 are holidays too.
    expect(legalDueAt(cal, at('2026-09-18'), days(7))).toMatchObject({ lastDay: '2026-09-28', movedPastRestDays: true });
  });

  it('moves a last day in the National Day week past the whole week', () => {
    expect(legalDueAt(cal, at('2026-09-16'), days(15))).toMatchObject({ lastDay: '2026-10-08', movedPastRestDays: true });
    expect(legalDueAt(cal, at('2026-09-24'), days(15))).toMatchObject({ lastDay: '2026-10-09', movedPastRestDays: false });
  });

  it('keeps a last day on a make-up working day (调休上班 is a working day)', () => {
    expect(legalDueAt(cal, at('2026-09-19'), days(1))).toMatchObject({ lastDay: '2026-09-20', movedPastRestDays: false });
    expect(legalDueAt(cal, at('2026-10-03'), days(7))).toMatchObject({ lastDay: '2026-10-10', movedPastRestDays: false });
  });

  it('moves a last day on an ordinary weekend to the Monday', () => {
    expect(legalDueAt(cal, at('2026-10-02'), days(9))).toMatchObject({ lastDay: '2026-10-12', movedPastRestDays: true });
  });

  it('counts from the local date of the instant received (UTC evening is the next morning in Shanghai)', () => {
    const received = Date.parse('2026-09-30T20:00:00Z'); // 2026-10-01 04:00 +08:00
    expect(legalDueAt(cal, received, days(15)).lastDay).toBe('2026-10-16');
  });

  it('a 30-day extension from a 15-day period lands where a 45-day period does', () => {
    expect(legalDueAt(cal, at('2026-09-01'), days(45))).toEqual(legalDueAt(cal, at('2026-09-01'), days(15 + 30)));
    expect(legalDueAt(cal, at('2026-09-01'), days(30)).lastDay).toBe('2026-10-08');
  });
});

describe('working days on the business calendar', () => {
  it('counts working days after the starting day, make-up days included', () => {
    // After Thu Sep 24: Mon 28, Tue 29, Wed 30, Thu Oct 8, Fri 9, Sat 10 (make-up), Mon 12.
    expect(legalDueAt(cal, at('2026-09-24'), workingDays(7))).toMatchObject({ lastDay: '2026-10-12' });
  });

  it('gives a personal-information request received before Mid-Autumn its 15 working days', () => {
    // After Fri Sep 18: Sun 20 (make-up), 21–24, 28–30, Oct 8, 9, 10 (make-up), 12–15.
    expect(legalDueAt(cal, at('2026-09-18'), workingDays(15)).lastDay).toBe('2026-10-15');
  });

  it('gives the 12315 ODR window of 10 working days from the eve of National Day', () => {
    expect(legalDueAt(cal, at('2026-09-30'), workingDays(10)).lastDay).toBe('2026-10-20');
  });

  it('starting on a holiday counts from the first working day after it', () => {
    expect(legalDueAt(cal, at('2026-10-03'), workingDays(1)).lastDay).toBe('2026-10-08');
  });
});

describe('stops that are not counted (testing, 鉴定)', () => {
  it('moves a calendar-day period by the stopped days, rounded up, then applies Art. 203', () => {
    const start = at('2026-09-10');
    expect(legalDueAt(cal, start, days(15)).lastDay).toBe('2026-09-28'); // Sep 25 nominal: Mid-Autumn
    // A 30-hour stop costs two days: Sep 27 nominal is a holiday → Sep 28.
    expect(legalDueAfterStops(cal, start, days(15), [{ fromMs: at('2026-09-12'), toMs: at('2026-09-12') + 30 * 3_600_000 }]).lastDay).toBe('2026-09-28');
    // Five days stopped: Sep 30, a working day.
    expect(legalDueAfterStops(cal, start, days(15), [{ fromMs: at('2026-09-12'), toMs: at('2026-09-17') }]).lastDay).toBe('2026-09-30');
  });

  it('moves a working-day period by the working days the stop touched', () => {
    const start = at('2026-09-24');
    // Stopped from Mon Sep 28 to Wed Sep 30 noon: three working days (28, 29, 30).
    const stopped = legalDueAfterStops(cal, start, workingDays(7), [{ fromMs: at('2026-09-28', '09:00'), toMs: at('2026-09-30', '12:00') }]);
    expect(stopped.lastDay).toBe('2026-10-15');
    // A stop over the holidays alone touches no working day.
    expect(legalDueAfterStops(cal, start, workingDays(7), [{ fromMs: at('2026-10-01'), toMs: at('2026-10-06') }]).lastDay).toBe('2026-10-12');
  });
});

it('refuses a length that is not a whole number of days', () => {
  expect(() => legalDueAt(cal, at('2026-09-24'), days(1.5))).toThrow(RangeError);
  expect(() => legalDueAt(cal, at('2026-09-24'), workingDays(-1))).toThrow(RangeError);
});
