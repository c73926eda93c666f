/**
 * How a period the law sets is counted (issue "clocks the law sets"), on the business calendar:
 *
 * - **Calendar days** follow the Civil Code (民法典): the day the period starts is not counted
 *   (Art. 201: 按照日、月、年计算期间的，开始的当日不计入，自下一日开始计算), and a period whose last
 *   day is a rest day ends on the first working day after it (Art. 203: 期间的最后一日是法定休假日的，
 *   以法定休假日结束的次日为期间的最后一日). Rest days are the calendar's non-working days: public
 *   holidays and weekends (judicial practice reads 法定休假日 to include the weekly rest days), while a
 *   make-up working day (调休上班) is a working day.
 * - **Working days** count the working days of the business calendar after the starting day.
 *
 * Either way the period ends at the end of its last day in the organisation's time zone (Art. 203:
 * 期间的最后一日的截止时间为二十四时), given here as the first instant of the next day.
 *
 * Pure and clock-free: the workflow sandbox uses it too.
 */
import { DAY_MS, isWorkingDay, localDateOf, localDateTimeToEpoch, parseIsoDate, type CalendarData } from './calendar';

export const LEGAL_PERIOD_UNITS = ['calendarDays', 'workingDays'] as const;
export type LegalPeriodUnit = (typeof LEGAL_PERIOD_UNITS)[number];

export interface LegalPeriod {
  length: number;
  unit: LegalPeriodUnit;
}

export interface LegalDue {
  /** The period's last day, 'YYYY-MM-DD' in the calendar's time zone. */
  lastDay: string;
  /** The end of that day: the first instant of the next local day (epoch ms). */
  dueAtMs: number;
  /** Whether the last day was moved past rest days (Art. 203). */
  movedPastRestDays: boolean;
}

/** No real calendar has this many rest days in a row; stops a loop on absurd data. */
const MAX_REST_RUN = 60;

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function working(cal: CalendarData, day: number): boolean {
  return isWorkingDay(cal, isoDay(day)).working;
}

/** The first working day on or after `day`. */
function firstWorkingDayFrom(cal: CalendarData, day: number): number {
  for (let d = day, i = 0; i <= MAX_REST_RUN; d += 1, i += 1) if (working(cal, d)) return d;
  throw new RangeError(`no working day within ${MAX_REST_RUN} days after ${isoDay(day)}: check the calendar`);
}

/** The end of a local day: the first instant of the next one. */
function endOfLocalDay(cal: CalendarData, day: number): number {
  return localDateTimeToEpoch(cal, isoDay(day + 1), '00:00');
}

/**
 * The due time of a period that starts on the local day of `startMs` (the starting day not
 * counted). `length` 0 ends with the starting day itself.
 */
export function legalDueAt(cal: CalendarData, startMs: number, period: LegalPeriod): LegalDue {
  if (!Number.isInteger(period.length) || period.length < 0) throw new RangeError(`a legal period's length must be a whole number of days ≥ 0, got ${period.length}`);
  const startDay = parseIsoDate(localDateOf(cal, startMs))!;
  let last: number;
  let moved = false;
  if (period.unit === 'calendarDays') {
    const nominal = startDay + period.length;
    last = period.length === 0 ? nominal : firstWorkingDayFrom(cal, nominal);
    moved = last !== nominal;
  } else {
    last = startDay;
    for (let counted = 0; counted < period.length; ) {
      last = firstWorkingDayFrom(cal, last + 1);
      counted += 1;
    }
  }
  return { lastDay: isoDay(last), dueAtMs: endOfLocalDay(cal, last), movedPastRestDays: moved };
}

/**
 * A period stopped for a while (time for testing or 鉴定 is not counted): the due time moves by the
 * stopped time, in the period's own unit. Calendar days move by the stopped time in days, rounded
 * up (a stop of 30 hours costs two days), and Art. 203 applies to the new last day; working days
 * move by the working days the stop touched.
 */
export function legalDueAfterStops(cal: CalendarData, startMs: number, period: LegalPeriod, stops: readonly { fromMs: number; toMs: number }[]): LegalDue {
  let extra = 0;
  for (const stop of stops) {
    if (!(stop.toMs > stop.fromMs)) continue;
    if (period.unit === 'calendarDays') {
      extra += Math.ceil((stop.toMs - stop.fromMs) / DAY_MS);
      continue;
    }
    const from = parseIsoDate(localDateOf(cal, stop.fromMs))!;
    const to = parseIsoDate(localDateOf(cal, stop.toMs - 1))!;
    for (let d = from; d <= to; d += 1) if (working(cal, d)) extra += 1;
  }
  return legalDueAt(cal, startMs, { ...period, length: period.length + extra });
}
