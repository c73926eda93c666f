/**
 * Calendar files and uploads: the schema a business calendar must satisfy (`calendars/*.json`, the
 * admin upload) and its parser. Only the API, the database seeding and scripts read files; the
 * workflow gets parsed calendar data and computes with `./calendar`, without a schema library.
 */
import { z } from 'zod';
import { CalendarDataError, DAY_MS, HH_MM, parseHhMm, parseIsoDate, type CalendarData } from './calendar';

export { CalendarDataError };


const hhmmSchema = z.string().regex(HH_MM, 'expected local time HH:MM between 00:00 and 23:59');
const dateSchema = z
  .string()
  .refine((s) => parseIsoDate(s) !== undefined, { message: 'expected a real calendar date YYYY-MM-DD' });
const daySchema = z.object({ date: dateSchema, name: z.string().min(1) });

const yearSchema = z.object({
  provisional: z.boolean(),
  source: z.string().min(1),
  holidays: z.array(daySchema),
  makeUpWorkdays: z.array(daySchema),
});

export const calendarDataSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    // At most six weekend days: the weekends-only fallback must still have working days.
    weekendDays: z.array(z.number().int().min(0).max(6)).max(6),
    workingHours: z.object({ start: hhmmSchema, end: hhmmSchema }),
    years: z.record(z.string(), yearSchema),
  })
  .superRefine((cal, ctx) => {
    if (new Set(cal.weekendDays).size !== cal.weekendDays.length) {
      ctx.addIssue({ code: 'custom', path: ['weekendDays'], message: 'weekend days must not repeat' });
    }
    const open = parseHhMm(cal.workingHours.start);
    const close = parseHhMm(cal.workingHours.end);
    if (open !== undefined && close !== undefined && open >= close) {
      ctx.addIssue({ code: 'custom', path: ['workingHours'], message: 'working hours must end after they start (same day)' });
    }
    for (const [key, year] of Object.entries(cal.years)) {
      if (!/^\d{4}$/.test(key)) {
        ctx.addIssue({ code: 'custom', path: ['years', key], message: `year key '${key}' must be a four-digit year` });
        continue;
      }
      const seen = new Map<string, string>();
      const check = (list: 'holidays' | 'makeUpWorkdays') => {
        year[list].forEach((entry, i) => {
          const path = ['years', key, list, i, 'date'];
          if (!entry.date.startsWith(`${key}-`)) {
            ctx.addIssue({ code: 'custom', path, message: `${entry.date} is listed under year ${key}` });
          }
          const earlier = seen.get(entry.date);
          if (earlier === list) {
            ctx.addIssue({ code: 'custom', path, message: `${entry.date} is listed twice in ${list}` });
          } else if (earlier) {
            ctx.addIssue({ code: 'custom', path, message: `${entry.date} is both a holiday and a make-up working day` });
          }
          seen.set(entry.date, list);
          // A make-up working day on a normal weekday changes nothing, so it is almost surely a typo.
          if (list === 'makeUpWorkdays') {
            const day = parseIsoDate(entry.date);
            if (day !== undefined && !cal.weekendDays.includes(new Date(day * DAY_MS).getUTCDay())) {
              ctx.addIssue({ code: 'custom', path, message: `make-up working day ${entry.date} is not a weekend day` });
            }
          }
        });
      };
      check('holidays');
      check('makeUpWorkdays');
    }
  });

/** Validates calendar data (e.g. a parsed JSON file); throws CalendarDataError listing every problem. */
export function parseCalendarData(json: unknown): CalendarData {
  const result = calendarDataSchema.safeParse(json);
  if (!result.success) throw new CalendarDataError(`Invalid calendar data:\n${z.prettifyError(result.error)}`);
  return result.data;
}
