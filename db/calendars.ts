import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Database, DbExecutor } from './client';
import { calendarYears } from './schema';
import { type CalendarData, type CalendarYear } from '../domain/calendar';
import { parseCalendarData } from '../domain/calendar-file';

export const CALENDAR_DATA_DIR = path.join(__dirname, '..', 'calendars');
export const DEFAULT_CALENDAR_ID = 'cn-mainland';

type CalendarHeader = Omit<CalendarData, 'years'>;

/** The calendars shipped in `calendars/` (one JSON file each). */
export function listCalendarIds(): string[] {
  return fs
    .readdirSync(CALENDAR_DATA_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));
}

export function readCalendarFile(id: string): CalendarData {
  return parseCalendarData(JSON.parse(fs.readFileSync(path.join(CALENDAR_DATA_DIR, `${id}.json`), 'utf8')));
}

/**
 * Loads the shipped calendar files into the database. A year already there is left alone unless the
 * file has official data and the database only a provisional year (a newer release shipped the notice).
 */
export async function seedCalendars(db: Database, ids = [DEFAULT_CALENDAR_ID]): Promise<void> {
  for (const id of ids) {
    const calendar = readCalendarFile(id);
    for (const [year, data] of Object.entries(calendar.years)) {
      await db
        .insert(calendarYears)
        .values({ calendarId: id, year, provisional: data.provisional, data })
        .onConflictDoUpdate({
          target: [calendarYears.calendarId, calendarYears.year],
          set: { provisional: data.provisional, data, loadedAt: new Date() },
          setWhere: and(eq(calendarYears.provisional, true), eq(calendarYears.calendarId, id)),
        });
    }
  }
}

/** Replaces one year (admin path, when the State Council notice is published). Validates first. */
export async function replaceCalendarYear(db: DbExecutor, id: string, year: string, data: CalendarYear): Promise<void> {
  const header = calendarHeader(id);
  parseCalendarData({ ...header, years: { [year]: data } });
  await db
    .insert(calendarYears)
    .values({ calendarId: id, year, provisional: data.provisional, data })
    .onConflictDoUpdate({ target: [calendarYears.calendarId, calendarYears.year], set: { provisional: data.provisional, data, loadedAt: new Date() } });
}

export function calendarHeader(id: string): CalendarHeader {
  const { years: _years, ...header } = readCalendarFile(id);
  return header;
}

/** The calendar as the database holds it now: the file's settings with the stored years. */
export async function loadCalendar(db: Database, id = DEFAULT_CALENDAR_ID): Promise<CalendarData> {
  const rows = await db.select().from(calendarYears).where(eq(calendarYears.calendarId, id));
  return parseCalendarData({ ...calendarHeader(id), years: Object.fromEntries(rows.map((r) => [r.year, r.data])) });
}
