/**
 * Business calendar: which local dates are working days and how working time is counted (SPEC §5).
 *
 * This module is bundled into the Temporal workflow sandbox, so it is pure and deterministic: no Node
 * builtins, no `Date.now()`, no `Intl`, no I/O. Instants are epoch milliseconds passed in by the caller;
 * local wall time is derived with plain `Date` UTC arithmetic and the calendar's fixed UTC offset. A
 * fixed offset is exact for the calendars we ship (mainland China has no DST); a calendar for a zone
 * with DST would need per-period offsets in its data.
 *
 * Weekends, public holidays and make-up working days (调休) are data, one file per organisation, not
 * code. A year without data is never silently assumed: counting falls back to "weekends only" for that
 * year and every result names the years it had to guess (`missingYears`), so the caller can log and
 * flag the deadline.
 *
 * ── Counting rules ──────────────────────────────────────────────────────────────────────────────────
 * Working time exists only inside [start, end) of the working hours of a working day. A working day is
 * a make-up working day, or a day that is neither a weekend day nor a holiday. One rule drives both
 * working hours and working days, so the two can never disagree:
 *
 *   R1  Counting starts at the start instant if it is inside working hours, otherwise at the next
 *       working-period start (before hours → today's opening; after hours, on a weekend or holiday →
 *       the next working day's opening). A start exactly at closing time is after hours.
 *   R2  The deadline is the EARLIEST instant at which the requested amount of working time has
 *       elapsed. So a span that uses up a day exactly ends at that day's closing time (18:00), not at
 *       the next opening (09:00): same amount of working time, but the promise a customer reads is
 *       "by 18:00 today", which is what people mean.
 *   R3  N working days = N × (length of a working day) of working time. With R1 and R2 that gives the
 *       two familiar readings:
 *         - from inside working hours (e.g. Mon 10:00), the deadline is the same local time on the
 *           N-th following working day (Tue 10:00 for N = 1);
 *         - from outside working hours or exactly at opening time, the first working day counted is
 *           the one whose opening R1 picked, and the deadline is the closing time of the N-th working
 *           day (Sat 15:00 + 1 → Mon 18:00; Mon 08:00 + 1 → Mon 18:00; Mon 09:00 + 1 → Mon 18:00).
 *   R4  An amount of zero is due at the start instant itself (nothing to count). Negative or
 *       non-finite amounts are rejected.
 *
 * Calendar data is treated as immutable: lookups are indexed once per data object.
 */

// ─── Data ────────────────────────────────────────────────────────────────────────────────────────

export interface CalendarDay {
  date: string;
  name: string;
}

export interface CalendarYear {
  /** True while the year holds statutory holidays only, before the official annual notice is known. */
  provisional: boolean;
  /** Where the dates come from (the notice, or how provisional dates were computed). */
  source: string;
  holidays: CalendarDay[];
  makeUpWorkdays: CalendarDay[];
}

export interface CalendarData {
  id: string;
  name: string;
  /** Fixed offset of local time from UTC, e.g. +480 for Asia/Shanghai. */
  utcOffsetMinutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekendDays: number[];
  /** Local 'HH:MM'; the day's working period is [start, end). */
  workingHours: { start: string; end: string };
  /** Keyed by four-digit year. */
  years: Record<string, CalendarYear>;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** Holiday or make-up day name from the data. */
  name?: string;
  /** False when the year has no data and the answer is the weekends-only fallback. */
  hasYearData: boolean;
  /** True when the year's data is provisional (statutory holidays only, no official notice yet). */
  provisional: boolean;
}

/** Result of every counting function: the instant, and the years that had to fall back. */
export interface WorkingTimeResult {
  dueAt: number;
  /** Years (sorted 'YYYY') whose days were classified by the weekends-only fallback. */
  missingYears: string[];
}

// ─── Local time helpers ──────────────────────────────────────────────────────────────────────────

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** No real calendar has this many non-working days in a row; stops a loop on absurd data. */
const MAX_CONSECUTIVE_NON_WORKING_DAYS = 2 * 366;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' string, or undefined if it is not a real date. */
export function parseIsoDate(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC silently rolls 2026-02-30 over to March; a round trip catches that.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

function dayToIsoDate(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function parseHhMm(value: string): number | undefined {
  const m = HH_MM.exec(value);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS : undefined;
}

/** Local day number and milliseconds since local midnight of an instant. */
function toLocal(cal: CalendarData, atMs: number): { day: number; timeOfDay: number } {
  const local = atMs + cal.utcOffsetMinutes * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, timeOfDay: local - day * DAY_MS };
}

function fromLocal(cal: CalendarData, day: number, timeOfDay: number): number {
  return day * DAY_MS + timeOfDay - cal.utcOffsetMinutes * MINUTE_MS;
}

function assertFiniteInstant(atMs: number, what: string): void {
  if (!Number.isFinite(atMs)) throw new RangeError(`${what} must be a finite epoch-millisecond instant, got ${atMs}`);
}

/** The local calendar date ('YYYY-MM-DD') of an instant in the calendar's time zone. */
export function localDateOf(cal: CalendarData, atMs: number): string {
  assertFiniteInstant(atMs, 'atMs');
  return dayToIsoDate(toLocal(cal, atMs).day);
}

/** ISO 8601 local time with the calendar's offset, e.g. '2026-10-09T18:00:00+08:00' (for messages). */
export function formatLocalIso(cal: CalendarData, atMs: number): string {
  assertFiniteInstant(atMs, 'atMs');
  const { day, timeOfDay } = toLocal(cal, atMs);
  const t = new Date(timeOfDay);
  const off = Math.abs(cal.utcOffsetMinutes);
  const sign = cal.utcOffsetMinutes < 0 ? '-' : '+';
  const ms = t.getUTCMilliseconds();
  return (
    `${dayToIsoDate(day)}T${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}` +
    (ms ? `.${String(ms).padStart(3, '0')}` : '') +
    `${sign}${pad2(Math.floor(off / 60))}:${pad2(off % 60)}`
  );
}

/** Epoch ms of a local date and 'HH:MM' wall time in the calendar's time zone. */
export function localDateTimeToEpoch(cal: CalendarData, date: string, time: string): number {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): '${date}'`);
  const tod = parseHhMm(time);
  if (tod === undefined) throw new RangeError(`Not a wall time (HH:MM): '${time}'`);
  return fromLocal(cal, day, tod);
}

// ─── Index ───────────────────────────────────────────────────────────────────────────────────────

interface CalendarIndex {
  special: Map<string, { kind: 'holiday' | 'makeUpWorkday'; name: string }>;
  weekend: Set<number>;
  openMs: number;
  closeMs: number;
}

const indexCache = new WeakMap<CalendarData, CalendarIndex>();

function indexOf(cal: CalendarData): CalendarIndex {
  const cached = indexCache.get(cal);
  if (cached) return cached;
  const openMs = parseHhMm(cal.workingHours.start);
  const closeMs = parseHhMm(cal.workingHours.end);
  // parseCalendarData rejects these; re-checked because the workflow may receive data that skipped it.
  if (openMs === undefined || closeMs === undefined || openMs >= closeMs) {
    throw new CalendarDataError(`Calendar '${cal.id}': bad working hours ${cal.workingHours.start}–${cal.workingHours.end}`);
  }
  const special: CalendarIndex['special'] = new Map();
  for (const year of Object.values(cal.years)) {
    for (const h of year.holidays) special.set(h.date, { kind: 'holiday', name: h.name });
    for (const w of year.makeUpWorkdays) special.set(w.date, { kind: 'makeUpWorkday', name: w.name });
  }
  const index: CalendarIndex = { special, weekend: new Set(cal.weekendDays), openMs, closeMs };
  indexCache.set(cal, index);
  return index;
}

function classify(cal: CalendarData, idx: CalendarIndex, day: number, missing?: Set<string>): DayInfo {
  const date = dayToIsoDate(day);
  const yearKey = date.slice(0, 4);
  const year = cal.years[yearKey];
  if (!year) missing?.add(yearKey);
  const special = year ? idx.special.get(date) : undefined;
  const base = { date, hasYearData: year !== undefined, provisional: year?.provisional ?? false };
  if (special) return { ...base, kind: special.kind, name: special.name, working: special.kind === 'makeUpWorkday' };
  const weekend = idx.weekend.has(new Date(day * DAY_MS).getUTCDay());
  return { ...base, kind: weekend ? 'weekend' : 'workday', working: !weekend };
}

function sortedYears(missing: Set<string>): string[] {
  return [...missing].sort();
}

// ─── Queries ─────────────────────────────────────────────────────────────────────────────────────

/** Whether a local date ('YYYY-MM-DD') is a working day, why, and whether its year has data. */
export function isWorkingDay(cal: CalendarData, date: string): DayInfo {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): '${date}'`);
  return classify(cal, indexOf(cal), day);
}

/** Length of one working day (working hours end − start) in milliseconds. */
export function workingDayLengthMs(cal: CalendarData): number {
  const idx = indexOf(cal);
  return idx.closeMs - idx.openMs;
}

/**
 * Rule R1 on its own: `atMs` itself when it is inside working hours, otherwise the next opening time.
 * `dueAt === atMs` therefore answers "are we inside working hours right now?".
 */
export function nextWorkingPeriodStart(cal: CalendarData, atMs: number): WorkingTimeResult {
  assertFiniteInstant(atMs, 'atMs');
  const idx = indexOf(cal);
  const missing = new Set<string>();
  let { day, timeOfDay } = toLocal(cal, atMs);
  for (let idle = 0; idle <= MAX_CONSECUTIVE_NON_WORKING_DAYS; idle++, day++, timeOfDay = 0) {
    if (!classify(cal, idx, day, missing).working) continue;
    const from = Math.max(timeOfDay, idx.openMs);
    if (from < idx.closeMs) return { dueAt: fromLocal(cal, day, from), missingYears: sortedYears(missing) };
  }
  throw noWorkingDayError(cal, atMs);
}

/** Adds `workMs` milliseconds of working time to `startMs` (rules R1, R2, R4). */
export function addWorkingTime(cal: CalendarData, startMs: number, workMs: number): WorkingTimeResult {
  assertFiniteInstant(startMs, 'startMs');
  if (!Number.isFinite(workMs) || workMs < 0) {
    throw new RangeError(`Working time to add must be a finite non-negative number of ms, got ${workMs}`);
  }
  if (workMs === 0) return { dueAt: startMs, missingYears: [] };
  const idx = indexOf(cal);
  const missing = new Set<string>();
  let remaining = workMs;
  let idle = 0;
  let { day, timeOfDay } = toLocal(cal, startMs);
  for (; idle <= MAX_CONSECUTIVE_NON_WORKING_DAYS; day++, timeOfDay = 0) {
    const from = Math.max(timeOfDay, idx.openMs);
    if (!classify(cal, idx, day, missing).working || from >= idx.closeMs) {
      idle++;
      continue;
    }
    idle = 0;
    const available = idx.closeMs - from;
    // `<=` (not `<`) is rule R2: a span that fills the day exactly ends at closing time.
    if (remaining <= available) return { dueAt: fromLocal(cal, day, from + remaining), missingYears: sortedYears(missing) };
    remaining -= available;
  }
  throw noWorkingDayError(cal, startMs);
}

/** Adds working hours (fractions allowed, rounded to the millisecond). */
export function addWorkingHours(cal: CalendarData, startMs: number, hours: number): WorkingTimeResult {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Working hours must be finite and ≥ 0, got ${hours}`);
  return addWorkingTime(cal, startMs, Math.round(hours * HOUR_MS));
}

/** Adds working days (rule R3: N × working-day length of working time). */
export function addWorkingDays(cal: CalendarData, startMs: number, days: number): WorkingTimeResult {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`Working days must be finite and ≥ 0, got ${days}`);
  return addWorkingTime(cal, startMs, Math.round(days * workingDayLengthMs(cal)));
}

/** Working time (ms) inside [fromMs, toMs); 0 when toMs ≤ fromMs. Used to stop an SLA clock fairly. */
export function workingTimeBetween(
  cal: CalendarData,
  fromMs: number,
  toMs: number,
): { workMs: number; missingYears: string[] } {
  assertFiniteInstant(fromMs, 'fromMs');
  assertFiniteInstant(toMs, 'toMs');
  if (toMs <= fromMs) return { workMs: 0, missingYears: [] };
  const idx = indexOf(cal);
  const missing = new Set<string>();
  const from = toLocal(cal, fromMs);
  const to = toLocal(cal, toMs);
  let workMs = 0;
  for (let day = from.day; day <= to.day; day++) {
    if (!classify(cal, idx, day, missing).working) continue;
    const lo = Math.max(idx.openMs, day === from.day ? from.timeOfDay : 0);
    const hi = Math.min(idx.closeMs, day === to.day ? to.timeOfDay : DAY_MS);
    if (hi > lo) workMs += hi - lo;
  }
  return { workMs, missingYears: sortedYears(missing) };
}

function noWorkingDayError(cal: CalendarData, atMs: number): Error {
  return new CalendarDataError(
    `Calendar '${cal.id}': no working day within ${MAX_CONSECUTIVE_NON_WORKING_DAYS} days after ${formatLocalIso(cal, atMs)}`,
  );
}

/** Calendar data that cannot be used (a file that fails its schema, a year without a working day). */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
}
