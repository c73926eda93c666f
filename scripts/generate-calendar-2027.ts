/**
 * Writes the provisional year(s) of calendars/cn-mainland.json from the statutory rules alone
 * (layer 1 of calendars/README: 《全国年节及纪念日放假办法》, as amended 2024-11-12, in force since
 * 2025-01-01). Used until the State Council publishes its annual notice (国务院办公厅关于YYYY年部分节假日
 * 安排的通知), which adds bridge days and make-up working days that cannot be derived from rules.
 *
 *   npx tsx scripts/generate-calendar-2027.ts            # (re)writes 2027
 *   npx tsx scripts/generate-calendar-2027.ts 2028       # any other year, same rules
 *   npx tsx scripts/generate-calendar-2027.ts 2027 --force  # overwrite even a non-provisional year
 *
 * Lunar dates come from the maintained `lunar-javascript` package; for 2027 they are cross-checked
 * against published dates before anything is written. Other years in the file are left untouched, and
 * the whole file is validated before it is written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CalendarData, type CalendarDay, type CalendarYear } from '../domain/calendar';
import { parseCalendarData } from '../domain/calendar-file';

// lunar-javascript ships no type declarations, and this is its documented CommonJS entry point.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Lunar, Solar } = require('lunar-javascript') as LunarJs;

interface SolarDate {
  toYmd(): string;
  next(days: number): SolarDate;
  getLunar(): { getJieQi(): string; getFestivals(): string[] };
}
interface LunarJs {
  Lunar: { fromYmd(year: number, month: number, day: number): { getSolar(): SolarDate } };
  Solar: { fromYmd(year: number, month: number, day: number): SolarDate };
}

const CALENDAR_FILE = resolve(__dirname, '../calendars/cn-mainland.json');

/** Published dates (not computed here) that the 2027 lunar arithmetic must reproduce. */
const CROSS_CHECKS: Record<number, Record<string, string>> = {
  2027: { chineseNewYear: '2027-02-06', newYearsEve: '2027-02-05', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' },
};

function lunarToSolar(year: number, month: number, day: number): SolarDate {
  return Lunar.fromYmd(year, month, day).getSolar();
}

/** Qingming is a solar term, not a lunar date: it falls on 4–6 April. */
function qingming(year: number): SolarDate {
  for (let d = 3; d <= 7; d++) {
    const s = Solar.fromYmd(year, 4, d);
    if (s.getLunar().getJieQi() === '清明') return s;
  }
  throw new Error(`No 清明 solar term found in early April ${year}`);
}

function computeKeyDates(year: number): Record<string, SolarDate> {
  const newYear = lunarToSolar(year, 1, 1);
  // The eve is the last day of the 12th lunar month, which has 29 or 30 days; so step back from 1/1.
  const eve = newYear.next(-1);
  if (!eve.getLunar().getFestivals().includes('除夕')) throw new Error(`${eve.toYmd()} is not 除夕 per lunar-javascript`);
  return {
    chineseNewYear: newYear,
    newYearsEve: eve,
    qingming: qingming(year),
    dragonBoat: lunarToSolar(year, 5, 5),
    midAutumn: lunarToSolar(year, 8, 15),
  };
}

function statutoryHolidays(year: number): CalendarDay[] {
  const k = computeKeyDates(year);
  const expected = CROSS_CHECKS[year] ?? {};
  for (const [what, date] of Object.entries(expected)) {
    if (k[what].toYmd() !== date) throw new Error(`Cross-check failed for ${year}: ${what} computed ${k[what].toYmd()}, published ${date}`);
  }
  const y = String(year);
  const raw: CalendarDay[] = [
    { date: `${y}-01-01`, name: "元旦 New Year's Day" },
    ...[k.newYearsEve, k.chineseNewYear, k.chineseNewYear.next(1), k.chineseNewYear.next(2)].map((s) => ({
      date: s.toYmd(),
      name: '春节 Spring Festival',
    })),
    { date: k.qingming.toYmd(), name: '清明节 Qingming Festival' },
    { date: `${y}-05-01`, name: '劳动节 Labour Day' },
    { date: `${y}-05-02`, name: '劳动节 Labour Day' },
    { date: k.dragonBoat.toYmd(), name: '端午节 Dragon Boat Festival' },
    { date: k.midAutumn.toYmd(), name: '中秋节 Mid-Autumn Festival' },
    { date: `${y}-10-01`, name: '国庆节 National Day' },
    { date: `${y}-10-02`, name: '国庆节 National Day' },
    { date: `${y}-10-03`, name: '国庆节 National Day' },
  ];
  // Mid-Autumn can fall on 1–3 October (as in 2020): one day off, both names.
  const byDate = new Map<string, string>();
  for (const h of raw) byDate.set(h.date, byDate.has(h.date) ? `${byDate.get(h.date)}、${h.name}` : h.name);
  return [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}

function provisionalYear(year: number): CalendarYear {
  return {
    provisional: true,
    source:
      `Statutory holidays only (《全国年节及纪念日放假办法》 as amended 2024-11-12); lunar dates computed with ` +
      `lunar-javascript by scripts/generate-calendar-2027.ts. No bridge days, no make-up working days: replace ` +
      `with 国务院办公厅关于${year}年部分节假日安排的通知 when it is published.`,
    holidays: statutoryHolidays(year),
    makeUpWorkdays: [],
  };
}

/** Pretty JSON with one line per day entry, so a year reads like the notice and diffs stay small. */
function formatCalendar(cal: CalendarData): string {
  return (
    JSON.stringify(cal, null, 2)
      .replace(/\{\n\s+"date": ("[^"]*"),\n\s+"name": ("(?:[^"\\]|\\.)*")\n\s+\}/g, '{ "date": $1, "name": $2 }')
      .replace(/\[\n\s+(\d+(?:,\n\s+\d+)*)\n\s+\]/g, (_all, list: string) => `[${list.split(/,\s+/).join(', ')}]`) + '\n'
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const years = args.filter((a) => a !== '--force').map(Number);
  if (years.length === 0) years.push(2027);
  if (years.some((y) => !Number.isInteger(y) || y < 2025)) {
    throw new Error('Years must be integers ≥ 2025 (the current statutory rules start in 2025)');
  }

  const cal = parseCalendarData(JSON.parse(readFileSync(CALENDAR_FILE, 'utf8')));
  for (const year of years) {
    const existing = cal.years[String(year)];
    if (existing && !existing.provisional && !force) {
      throw new Error(`${year} already holds official (non-provisional) data; pass --force to replace it`);
    }
    cal.years[String(year)] = provisionalYear(year);
    console.log(`${year}: ${cal.years[String(year)].holidays.map((h) => h.date).join(', ')}`);
  }
  cal.years = Object.fromEntries(Object.entries(cal.years).sort(([a], [b]) => a.localeCompare(b)));
  const validated = parseCalendarData(cal);
  writeFileSync(CALENDAR_FILE, formatCalendar(validated));
  console.log(`Wrote ${CALENDAR_FILE}`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
