import rawCnMainland from '../../calendars/cn-mainland.json';
import {
  addWorkingDays,
  addWorkingHours,
  addWorkingTime,
  type CalendarData,
  formatLocalIso,
  isWorkingDay,
  localDateOf,
  localDateTimeToEpoch,
  nextWorkingPeriodStart,
  workingDayLengthMs,
  workingTimeBetween,
} from '../../domain/calendar';
import { CalendarDataError, parseCalendarData } from '../../domain/calendar-file';

const cal = parseCalendarData(rawCnMainland);
const t = (iso: string): number => Date.parse(iso);
/** Every date from `first` to `last` inclusive. */
function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) {
    out.push(new Date(ms).toISOString().slice(0, 10));
  }
  return out;
}

describe('shipped calendar data (calendars/cn-mainland.json)', () => {
  it('is valid and describes mainland China', () => {
    expect(cal.id).toBe('cn-mainland');
    expect(cal.utcOffsetMinutes).toBe(480);
    expect(cal.weekendDays).toEqual([0, 6]);
    expect(cal.workingHours).toEqual({ start: '09:00', end: '18:00' });
    expect(workingDayLengthMs(cal)).toBe(9 * 3_600_000);
  });

  it('2026 follows the official notice: 33 holiday days, 6 make-up days, not provisional', () => {
    const y = cal.years['2026'];
    expect(y.provisional).toBe(false);
    expect(y.source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    expect(y.holidays).toHaveLength(33);
    expect(y.makeUpWorkdays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('2027 holds the statutory days only (13), provisional, no make-up days, lunar dates cross-checked', () => {
    const y = cal.years['2027'];
    expect(y.provisional).toBe(true);
    expect(y.makeUpWorkdays).toEqual([]);
    expect(y.holidays.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-05', // lunar New Year's Eve
      '2027-02-06', // Chinese New Year
      '2027-02-07',
      '2027-02-08',
      '2027-04-05', // Qingming
      '2027-05-01',
      '2027-05-02',
      '2027-06-09', // Dragon Boat, lunar 5/5
      '2027-09-15', // Mid-Autumn, lunar 8/15
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });

  it('has no data for 2024 or 2028 onwards', () => {
    expect(Object.keys(cal.years)).toEqual(['2025', '2026', '2027']);
  });
});

describe('isWorkingDay', () => {
  it.each([
    // date, working, kind, what it shows
    ['2026-11-23', true, 'workday', 'ordinary Monday'],
    ['2026-11-27', true, 'workday', 'ordinary Friday'],
    ['2026-11-28', false, 'weekend', 'ordinary Saturday'],
    ['2026-11-29', false, 'weekend', 'ordinary Sunday'],
    ['2026-01-04', true, 'makeUpWorkday', 'New Year make-up Sunday'],
    ['2026-02-14', true, 'makeUpWorkday', 'Spring Festival make-up Saturday (before)'],
    ['2026-02-28', true, 'makeUpWorkday', 'Spring Festival make-up Saturday (after)'],
    ['2026-05-09', true, 'makeUpWorkday', 'Labour Day make-up Saturday'],
    ['2026-09-20', true, 'makeUpWorkday', 'National Day make-up Sunday'],
    ['2026-10-10', true, 'makeUpWorkday', 'National Day make-up Saturday'],
    ['2026-10-11', false, 'weekend', 'Sunday after the make-up Saturday'],
    ['2026-02-13', true, 'workday', 'Friday before Spring Festival'],
    ['2026-02-24', true, 'workday', 'first day back after Spring Festival'],
    ['2026-10-08', true, 'workday', 'first day back after National Day'],
    ['2026-01-03', false, 'holiday', 'holiday on a Saturday is a holiday'],
    ['2025-01-26', true, 'makeUpWorkday', '2025 notice: Spring Festival make-up Sunday'],
    ['2025-10-08', false, 'holiday', '2025 notice: National Day and Mid-Autumn joined'],
    ['2025-12-31', true, 'workday', 'last day of 2025'],
  ] as const)('%s → working=%s (%s: %s)', (date, working, kind, _why) => {
    expect(isWorkingDay(cal, date)).toMatchObject({ date, working, kind, hasYearData: true, provisional: false });
  });

  it.each([
    ['元旦 New Year', '2026-01-01', '2026-01-03', '2025-12-31', '2026-01-04'],
    ['春节 Spring Festival', '2026-02-15', '2026-02-23', '2026-02-14', '2026-02-24'],
    ['清明 Qingming', '2026-04-04', '2026-04-06', '2026-04-03', '2026-04-07'],
    ['劳动节 Labour Day', '2026-05-01', '2026-05-05', '2026-04-30', '2026-05-06'],
    ['端午 Dragon Boat', '2026-06-19', '2026-06-21', '2026-06-18', '2026-06-22'],
    ['中秋 Mid-Autumn', '2026-09-25', '2026-09-27', '2026-09-24', '2026-09-28'],
    ['国庆 National Day', '2026-10-01', '2026-10-07', '2026-09-30', '2026-10-08'],
  ])('2026 %s: every day %s…%s is a holiday; %s and %s are working days', (_name, first, last, before, after) => {
    for (const date of datesBetween(first, last)) {
      expect(isWorkingDay(cal, date)).toMatchObject({ working: false, kind: 'holiday', hasYearData: true });
    }
    expect(isWorkingDay(cal, before).working).toBe(true);
    expect(isWorkingDay(cal, after).working).toBe(true);
  });

  it('names the holiday and the make-up day', () => {
    expect(isWorkingDay(cal, '2026-10-01').name).toContain('国庆节');
    expect(isWorkingDay(cal, '2026-02-14').name).toContain('调休');
    expect(isWorkingDay(cal, '2026-11-23').name).toBeUndefined();
  });

  it.each([
    ['2027-01-01', false, 'holiday'],
    ['2027-02-05', false, 'holiday'],
    ['2027-02-08', false, 'holiday'],
    ['2027-02-09', true, 'workday'],
    ['2027-05-01', false, 'holiday'],
    ['2027-06-09', false, 'holiday'],
    ['2027-09-15', false, 'holiday'],
    ['2027-10-04', true, 'workday'], // no notice yet: no bridge days assumed
    ['2027-10-09', false, 'weekend'], // nor make-up Saturdays
  ] as const)('2027 (provisional) %s → working=%s (%s)', (date, working, kind) => {
    expect(isWorkingDay(cal, date)).toMatchObject({ working, kind, hasYearData: true, provisional: true });
  });

  it.each([
    ['2030-01-01', true, 'workday'], // New Year's Day, but no data: weekends-only fallback, flagged
    ['2030-10-01', true, 'workday'],
    ['2030-01-05', false, 'weekend'],
    ['2024-12-31', true, 'workday'],
  ] as const)('year without data %s → fallback working=%s, hasYearData=false', (date, working, kind) => {
    expect(isWorkingDay(cal, date)).toMatchObject({ working, kind, hasYearData: false, provisional: false });
  });

  it.each(['2026-02-30', '2026-2-3', '20260101', '', '2026-13-01'])('rejects %j', (date) => {
    expect(() => isWorkingDay(cal, date)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // start, days, expected due, rule exercised
    ['2026-11-23T10:00:00+08:00', 1, '2026-11-24T10:00:00+08:00', 'inside hours → same time next working day'],
    ['2026-11-23T10:00:00+08:00', 5, '2026-11-30T10:00:00+08:00', 'a working week skips the weekend'],
    ['2026-11-27T10:00:00+08:00', 1, '2026-11-30T10:00:00+08:00', 'Friday → Monday'],
    ['2026-11-23T17:59:00+08:00', 1, '2026-11-24T17:59:00+08:00', 'a minute before closing'],
    ['2026-11-23T08:00:00+08:00', 1, '2026-11-23T18:00:00+08:00', 'before hours: today counts as day 1'],
    ['2026-11-23T09:00:00+08:00', 1, '2026-11-23T18:00:00+08:00', 'exactly at opening: today counts, ends at closing'],
    ['2026-11-23T18:00:00+08:00', 1, '2026-11-24T18:00:00+08:00', 'exactly at closing is after hours'],
    ['2026-11-23T20:00:00+08:00', 2, '2026-11-25T18:00:00+08:00', 'after hours: closing of the N-th next day'],
    ['2026-11-28T15:00:00+08:00', 1, '2026-11-30T18:00:00+08:00', 'Saturday → closing on Monday'],
    ['2026-11-23T00:00:00+08:00', 1, '2026-11-23T18:00:00+08:00', 'local midnight'],
    // National Day: 10-01…10-07 off, 09-20 (Sun) and 10-10 (Sat) worked
    ['2026-09-28T10:00:00+08:00', 7, '2026-10-13T10:00:00+08:00', '7 days across National Day'],
    ['2026-09-30T19:00:00+08:00', 7, '2026-10-15T18:00:00+08:00', '7 days from the evening before National Day'],
    ['2026-09-25T10:00:00+08:00', 7, '2026-10-12T18:00:00+08:00', 'start on the Mid-Autumn holiday'],
    ['2026-10-03T10:00:00+08:00', 1, '2026-10-08T18:00:00+08:00', 'start in the middle of National Day'],
    ['2026-10-09T10:00:00+08:00', 1, '2026-10-10T10:00:00+08:00', 'Friday → make-up Saturday'],
    ['2026-09-18T14:00:00+08:00', 7, '2026-09-29T14:00:00+08:00', 'make-up Sunday counts, Mid-Autumn skipped'],
    ['2026-09-20T10:00:00+08:00', 7, '2026-09-30T10:00:00+08:00', 'start inside hours on a make-up Sunday'],
    // Spring Festival: 02-15…02-23 off, 02-14 and 02-28 (Sat) worked
    ['2026-02-13T10:00:00+08:00', 1, '2026-02-14T10:00:00+08:00', 'Friday → make-up Saturday'],
    ['2026-02-13T10:00:00+08:00', 2, '2026-02-24T10:00:00+08:00', 'across the whole Spring Festival'],
    ['2026-02-14T08:00:00+08:00', 1, '2026-02-14T18:00:00+08:00', 'before hours on a make-up Saturday'],
    ['2026-02-18T11:00:00+08:00', 1, '2026-02-24T18:00:00+08:00', 'start on a Spring Festival holiday'],
    ['2026-02-18T11:00:00+08:00', 3, '2026-02-26T18:00:00+08:00', 'start on a holiday, 3 days'],
    ['2026-02-27T10:00:00+08:00', 1, '2026-02-28T10:00:00+08:00', 'Friday → second make-up Saturday'],
    // Other 2026 blocks
    ['2026-04-03T10:00:00+08:00', 1, '2026-04-07T10:00:00+08:00', 'Qingming'],
    ['2026-04-30T10:00:00+08:00', 1, '2026-05-06T10:00:00+08:00', 'Labour Day'],
    ['2026-05-08T10:00:00+08:00', 1, '2026-05-09T10:00:00+08:00', 'Labour Day make-up Saturday'],
    ['2026-06-18T10:00:00+08:00', 1, '2026-06-22T10:00:00+08:00', 'Dragon Boat'],
    // Year boundaries
    ['2025-12-31T10:00:00+08:00', 1, '2026-01-04T10:00:00+08:00', '2025 → New Year holiday → make-up Sunday'],
    ['2026-12-31T10:00:00+08:00', 1, '2027-01-04T10:00:00+08:00', '2026 → 2027 (provisional New Year holiday)'],
    ['2026-12-31T10:00:00+08:00', 2, '2027-01-05T10:00:00+08:00', '2026 → 2027, two days'],
    ['2027-02-04T10:00:00+08:00', 1, '2027-02-09T10:00:00+08:00', '2027 Spring Festival (provisional)'],
    ['2027-04-02T17:00:00+08:00', 1, '2027-04-06T17:00:00+08:00', '2027 Qingming on a Monday'],
  ])('%s + %s working days → %s (%s)', (start, days, due) => {
    expect(addWorkingDays(cal, t(start), days)).toEqual({ dueAt: t(due), missingYears: [] });
  });

  it.each([
    ['2030-09-30T10:00:00+08:00', 3, '2030-10-03T10:00:00+08:00', ['2030'], 'National Day 2030 unknown: weekdays count'],
    ['2027-12-31T10:00:00+08:00', 1, '2028-01-03T10:00:00+08:00', ['2028'], '2027 → 2028 without data'],
    ['2029-12-31T10:00:00+08:00', 1, '2030-01-01T10:00:00+08:00', ['2029', '2030'], 'two missing years'],
  ])('%s + %s working days → %s, flags %j (%s)', (start, days, due, missing) => {
    expect(addWorkingDays(cal, t(start), days)).toEqual({ dueAt: t(due), missingYears: missing });
  });

  it('zero days is due at the start instant, even on a holiday', () => {
    expect(addWorkingDays(cal, t('2026-10-01T03:00:00+08:00'), 0)).toEqual({ dueAt: t('2026-10-01T03:00:00+08:00'), missingYears: [] });
  });

  it('half a working day is 4.5 working hours', () => {
    expect(addWorkingDays(cal, t('2026-11-23T09:00:00+08:00'), 0.5).dueAt).toBe(t('2026-11-23T13:30:00+08:00'));
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s days', (days) => {
    expect(() => addWorkingDays(cal, t('2026-11-23T10:00:00+08:00'), days)).toThrow(RangeError);
  });

  it('rejects a non-finite start', () => {
    expect(() => addWorkingDays(cal, Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['2026-11-23T10:00:00+08:00', 4, '2026-11-23T14:00:00+08:00', 'inside one day'],
    ['2026-11-23T14:00:00+08:00', 4, '2026-11-23T18:00:00+08:00', 'ends exactly at closing, not next morning'],
    ['2026-11-23T15:00:00+08:00', 4, '2026-11-24T10:00:00+08:00', 'spans a night'],
    ['2026-11-27T16:00:00+08:00', 4, '2026-11-30T11:00:00+08:00', 'spans a weekend'],
    ['2026-11-28T10:00:00+08:00', 4, '2026-11-30T13:00:00+08:00', 'starts on a Saturday'],
    ['2026-11-23T07:00:00+08:00', 4, '2026-11-23T13:00:00+08:00', 'before hours'],
    ['2026-11-23T09:00:00+08:00', 4, '2026-11-23T13:00:00+08:00', 'exactly at opening'],
    ['2026-11-23T18:00:00+08:00', 4, '2026-11-24T13:00:00+08:00', 'exactly at closing'],
    ['2026-11-23T23:30:00+08:00', 4, '2026-11-24T13:00:00+08:00', 'late evening'],
    ['2026-11-23T09:00:00+08:00', 9, '2026-11-23T18:00:00+08:00', 'one full working day from opening'],
    ['2026-11-23T10:00:00+08:00', 9, '2026-11-24T10:00:00+08:00', 'one full working day from inside hours'],
    ['2026-11-23T09:00:00+08:00', 18, '2026-11-24T18:00:00+08:00', 'two full working days from opening'],
    ['2026-11-23T17:45:00+08:00', 0.5, '2026-11-24T09:15:00+08:00', 'half an hour across the night'],
    ['2026-11-23T17:59:00+08:00', 1 / 60, '2026-11-23T18:00:00+08:00', 'last minute of the day'],
    ['2026-09-30T16:00:00+08:00', 4, '2026-10-08T11:00:00+08:00', 'spans the National Day holiday'],
    ['2026-04-03T17:00:00+08:00', 4, '2026-04-07T12:00:00+08:00', 'spans Qingming'],
    ['2026-04-30T15:00:00+08:00', 9, '2026-05-06T15:00:00+08:00', 'spans Labour Day'],
    ['2026-06-18T17:00:00+08:00', 2, '2026-06-22T10:00:00+08:00', 'spans Dragon Boat'],
    ['2026-09-24T17:30:00+08:00', 1, '2026-09-28T09:30:00+08:00', 'spans Mid-Autumn'],
    ['2026-02-13T17:00:00+08:00', 4, '2026-02-14T12:00:00+08:00', 'into a make-up Saturday'],
    ['2026-01-04T07:00:00+08:00', 4, '2026-01-04T13:00:00+08:00', 'before hours on a make-up Sunday'],
    ['2026-02-14T16:00:00+08:00', 4, '2026-02-24T11:00:00+08:00', 'make-up Saturday → after Spring Festival'],
    ['2026-10-01T10:00:00+08:00', 4, '2026-10-08T13:00:00+08:00', 'starts on a holiday'],
    ['2027-04-02T17:00:00+08:00', 2, '2027-04-06T10:00:00+08:00', '2027 Qingming (provisional)'],
    ['2026-12-31T17:00:00+08:00', 2, '2027-01-04T10:00:00+08:00', 'across the 2026 → 2027 boundary'],
  ])('%s + %s working hours → %s (%s)', (start, hours, due) => {
    expect(addWorkingHours(cal, t(start), hours)).toEqual({ dueAt: t(due), missingYears: [] });
  });

  it('flags a year without data and falls back to weekends only', () => {
    expect(addWorkingHours(cal, t('2030-01-01T10:00:00+08:00'), 2)).toEqual({
      dueAt: t('2030-01-01T12:00:00+08:00'),
      missingYears: ['2030'],
    });
  });

  it('zero hours is due at the start instant', () => {
    expect(addWorkingHours(cal, t('2026-11-28T03:00:00+08:00'), 0).dueAt).toBe(t('2026-11-28T03:00:00+08:00'));
  });

  it('keeps sub-second precision of the start', () => {
    expect(addWorkingTime(cal, t('2026-11-23T10:00:00.123+08:00'), 1000).dueAt).toBe(t('2026-11-23T10:00:01.123+08:00'));
  });

  it.each([-0.5, Number.NaN])('rejects %s hours', (hours) => {
    expect(() => addWorkingHours(cal, t('2026-11-23T10:00:00+08:00'), hours)).toThrow(RangeError);
  });
});

describe('nextWorkingPeriodStart', () => {
  it.each([
    ['2026-11-23T10:00:00+08:00', '2026-11-23T10:00:00+08:00', 'inside hours: itself'],
    ['2026-11-23T09:00:00+08:00', '2026-11-23T09:00:00+08:00', 'at opening: itself'],
    ['2026-11-23T08:59:59+08:00', '2026-11-23T09:00:00+08:00', 'before opening'],
    ['2026-11-23T18:00:00+08:00', '2026-11-24T09:00:00+08:00', 'at closing'],
    ['2026-11-27T19:00:00+08:00', '2026-11-30T09:00:00+08:00', 'Friday evening'],
    ['2026-09-30T18:30:00+08:00', '2026-10-08T09:00:00+08:00', 'eve of National Day'],
    ['2026-02-13T18:30:00+08:00', '2026-02-14T09:00:00+08:00', 'next opening is a make-up Saturday'],
  ])('%s → %s (%s)', (at, expected) => {
    expect(nextWorkingPeriodStart(cal, t(at))).toEqual({ dueAt: t(expected), missingYears: [] });
  });
});

describe('workingTimeBetween', () => {
  const H = 3_600_000;
  it.each([
    ['2026-11-23T10:00:00+08:00', '2026-11-23T14:00:00+08:00', 4 * H, 'inside a day'],
    ['2026-11-27T17:00:00+08:00', '2026-11-30T10:00:00+08:00', 2 * H, 'over a weekend'],
    ['2026-10-01T00:00:00+08:00', '2026-10-08T00:00:00+08:00', 0, 'the National Day week'],
    ['2026-09-30T08:00:00+08:00', '2026-10-08T12:00:00+08:00', 12 * H, 'around the National Day week'],
    ['2026-11-23T20:00:00+08:00', '2026-11-24T08:00:00+08:00', 0, 'one night'],
    ['2026-11-24T10:00:00+08:00', '2026-11-23T10:00:00+08:00', 0, 'reversed interval'],
  ])('%s … %s = %s ms (%s)', (from, to, ms) => {
    expect(workingTimeBetween(cal, t(from), t(to))).toEqual({ workMs: ms, missingYears: [] });
  });

  it('is the inverse of addWorkingHours', () => {
    const start = t('2026-09-18T14:00:00+08:00');
    const { dueAt } = addWorkingHours(cal, start, 40);
    expect(workingTimeBetween(cal, start, dueAt).workMs).toBe(40 * H);
  });

  it('flags years without data', () => {
    expect(workingTimeBetween(cal, t('2030-01-01T09:00:00+08:00'), t('2030-01-01T18:00:00+08:00'))).toEqual({
      workMs: 9 * H,
      missingYears: ['2030'],
    });
  });
});

describe('local time helpers', () => {
  it('formats instants in the calendar offset', () => {
    expect(formatLocalIso(cal, t('2026-10-09T10:00:00Z'))).toBe('2026-10-09T18:00:00+08:00');
    expect(formatLocalIso(cal, t('2026-10-09T10:00:00.5Z'))).toBe('2026-10-09T18:00:00.500+08:00');
  });

  it('takes the local date, not the UTC date', () => {
    expect(localDateOf(cal, t('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(localDateOf(cal, t('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });

  it('builds instants from local date and time', () => {
    expect(localDateTimeToEpoch(cal, '2026-10-08', '09:00')).toBe(t('2026-10-08T09:00:00+08:00'));
    expect(() => localDateTimeToEpoch(cal, '2026-10-32', '09:00')).toThrow(RangeError);
    expect(() => localDateTimeToEpoch(cal, '2026-10-08', '9:00')).toThrow(RangeError);
  });

  it('honours another calendar offset and weekend', () => {
    // A Sunday–Thursday week at UTC−05:00: the counting does not assume China.
    const other: CalendarData = {
      id: 'test-west',
      name: 'test',
      utcOffsetMinutes: -300,
      weekendDays: [5, 6],
      workingHours: { start: '08:30', end: '17:00' },
      years: { '2026': { provisional: false, source: 'test', holidays: [], makeUpWorkdays: [] } },
    };
    // Thursday 16:30 local + 1 h → half an hour Thursday, Friday/Saturday off, Sunday 09:00 local
    expect(addWorkingHours(other, t('2026-11-26T16:30:00-05:00'), 1).dueAt).toBe(t('2026-11-29T09:00:00-05:00'));
    expect(formatLocalIso(other, t('2026-11-29T14:00:00Z'))).toBe('2026-11-29T09:00:00-05:00');
  });
});

describe('parseCalendarData', () => {
  const clone = (): CalendarData => JSON.parse(JSON.stringify(rawCnMainland)) as CalendarData;
  const y2026 = (c: CalendarData) => c.years['2026'];

  it.each<[string, (c: CalendarData) => unknown, RegExp]>([
    ['an impossible date', (c) => (y2026(c).holidays[0].date = '2026-02-30'), /real calendar date/],
    ['a badly written date', (c) => (y2026(c).holidays[0].date = '2026/01/01'), /real calendar date/],
    ['a date both holiday and make-up', (c) => y2026(c).makeUpWorkdays.push({ date: '2026-10-03', name: 'x' }), /both a holiday and a make-up/],
    ['a wrong year key', (c) => (c.years['26'] = y2026(c)), /four-digit year/],
    ['a date under the wrong year', (c) => y2026(c).holidays.push({ date: '2027-03-01', name: 'x' }), /listed under year 2026/],
    ['a duplicated holiday', (c) => y2026(c).holidays.push({ ...y2026(c).holidays[0] }), /listed twice/],
    ['a make-up day on a weekday', (c) => y2026(c).makeUpWorkdays.push({ date: '2026-11-23', name: 'x' }), /not a weekend day/],
    ['working hours ending before they start', (c) => (c.workingHours = { start: '18:00', end: '09:00' }), /end after/],
    ['working hours not HH:MM', (c) => (c.workingHours.start = '9:00'), /HH:MM/],
    ['an out-of-range weekend day', (c) => (c.weekendDays = [0, 7]), /weekendDays/],
    ['a seven-day weekend', (c) => (c.weekendDays = [0, 1, 2, 3, 4, 5, 6]), /weekendDays/],
    ['a repeated weekend day', (c) => (c.weekendDays = [0, 0]), /must not repeat/],
    ['an offset given as a string', (c) => ((c as unknown as Record<string, unknown>).utcOffsetMinutes = '480'), /utcOffsetMinutes/],
    ['a missing provisional flag', (c) => delete (y2026(c) as Partial<CalendarData['years'][string]>).provisional, /provisional/],
    ['an empty source', (c) => (y2026(c).source = ''), /source/],
  ])('rejects %s', (_what, mutate, message) => {
    const c = clone();
    mutate(c);
    expect(() => parseCalendarData(c)).toThrow(CalendarDataError);
    expect(() => parseCalendarData(c)).toThrow(message);
  });

  it.each([null, 'cn-mainland', 42, [], {}])('rejects %j', (value) => {
    expect(() => parseCalendarData(value)).toThrow(CalendarDataError);
  });

  it('accepts a calendar with an empty year and keeps the data intact', () => {
    const c = clone();
    c.years['2031'] = { provisional: true, source: 'placeholder', holidays: [], makeUpWorkdays: [] };
    expect(parseCalendarData(c).years['2031'].holidays).toEqual([]);
    expect(parseCalendarData(clone())).toEqual(rawCnMainland);
  });

  it('names every problem in one error', () => {
    const c = clone();
    y2026(c).holidays[0].date = '2026-02-30';
    c.workingHours.end = '25:00';
    let message = '';
    try {
      parseCalendarData(c);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/years\.2026\.holidays\[0\]\.date/);
    expect(message).toMatch(/workingHours\.end/);
  });
});
