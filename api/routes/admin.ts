import { Router } from 'express';
import { asc, sql } from 'drizzle-orm';
import { OPEN_ITEMS_SQL } from '../../activities/staffing';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { listCalendarIds, loadCalendar, replaceCalendarYear } from '../../db/calendars';
import { staff, type StaffRow } from '../../db/schema';
import { CalendarDataError } from '../../domain/calendar-file';
import { boundedText, identifier, isoDate, isoInstant } from '../../domain/text';
import { LOCALES } from '../../domain/intake';
import { requireAction } from '../auth';
import { HttpError, validationFailed } from '../errors';
import { parseOrThrow } from './complaints';

const calendarDaySchema = z.strictObject({ date: isoDate(), name: boundedText(100) });
/** One year's data; `replaceCalendarYear` checks it against the whole calendar's rules too. */
export const calendarYearBodySchema = z.strictObject({
  provisional: z.boolean(),
  source: boundedText(500),
  holidays: z.array(calendarDaySchema).max(100),
  makeUpWorkdays: z.array(calendarDaySchema).max(50),
});

export const staffBodySchema = z.strictObject({
  name: boundedText(100),
  role: z.enum(['agent', 'handler', 'supervisor', 'manager', 'admin']),
  departmentId: identifier(64),
  email: z.email().max(254).optional(),
  webhookUrl: z.url().max(2000).optional(),
  supervisorId: identifier(64).optional(),
  locale: z.enum(LOCALES).default('zh-CN'),
  preferences: z.strictObject({ channels: z.array(z.enum(['email', 'webhook', 'in_app'])).max(3).optional() }).default({}),
  active: z.boolean().default(true),
  /** Away (leave, training): nobody assigns work to them from `awayFrom` until `awayUntil`; null clears it. */
  awayFrom: isoInstant().nullable().optional(),
  awayUntil: isoInstant().nullable().optional(),
}).refine((b) => !b.awayFrom || !b.awayUntil || Date.parse(b.awayFrom) < Date.parse(b.awayUntil), { path: ['awayUntil'], message: 'must be after awayFrom' });

/** A staff row as JSON (times as ISO strings). */
export function staffMember(row: StaffRow) {
  return { ...row, awayFrom: row.awayFrom?.toISOString() ?? null, awayUntil: row.awayUntil?.toISOString() ?? null, lastAssignedAt: row.lastAssignedAt?.toISOString() ?? null };
}

/** Calendar ids name shipped files: a fixed alphabet, so no path can be smuggled in. Unknown → 404. */
const CALENDAR_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function knownCalendar(id: string): void {
  if (!CALENDAR_ID.test(id) || !listCalendarIds().includes(id)) throw new HttpError(404, 'not_found', 'calendar not found');
}

/**
 * Administration: replace a calendar year when the State Council notice is published (new complaints
 * use it; running ones keep their snapshot), and keep the staff directory.
 */
export function adminRouter(db: Database): Router {
  const router = Router();
  router.use('/admin', requireAction('administer'));

  router.get('/admin/calendars/:calendarId', async (req, res) => {
    const id = String(req.params.calendarId);
    knownCalendar(id);
    res.json(await loadCalendar(db, id));
  });

  router.put('/admin/calendars/:calendarId/:year', async (req, res) => {
    const id = String(req.params.calendarId);
    const year = String(req.params.year);
    knownCalendar(id);
    if (!/^\d{4}$/.test(year) || Number(year) < 1970 || Number(year) > 2199) throw validationFailed([{ path: 'params.year', message: 'a four-digit year between 1970 and 2199' }]);
    const data = parseOrThrow(calendarYearBodySchema, req.body, 'body');
    try {
      await replaceCalendarYear(db, id, year, data);
    } catch (err) {
      if (err instanceof CalendarDataError) throw validationFailed([{ path: 'body', message: err.message }]);
      throw err;
    }
    req.log.info({ calendar: id, year, provisional: data.provisional }, 'calendar year replaced');
    res.status(204).end();
  });

  /** The directory with each person's workload (open items), so an admin sees the balance at a glance. */
  router.get('/admin/staff', async (_req, res) => {
    const rows = await db.select({ member: staff, openItems: sql<number>`${OPEN_ITEMS_SQL}`.mapWith(Number) }).from(staff).orderBy(asc(staff.id));
    res.json({ items: rows.map(({ member, openItems }) => ({ ...staffMember(member), openItems })) });
  });

  router.put('/admin/staff/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!/^[A-Za-z0-9_.:@-]{1,64}$/.test(id)) throw validationFailed([{ path: 'params.id', message: 'letters, digits and _ . : @ - only' }]);
    const body = parseOrThrow(staffBodySchema, req.body, 'body');
    const row = {
      id,
      ...body,
      email: body.email ?? null,
      webhookUrl: body.webhookUrl ?? null,
      supervisorId: body.supervisorId ?? null,
      awayFrom: body.awayFrom ? new Date(body.awayFrom) : null,
      awayUntil: body.awayUntil ? new Date(body.awayUntil) : null,
    };
    const [stored] = await db.insert(staff).values(row).onConflictDoUpdate({ target: staff.id, set: row }).returning();
    res.json(staffMember(stored));
  });

  return router;
}
