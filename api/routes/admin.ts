import { Router } from 'express';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { calendarHeader, loadCalendar, replaceCalendarYear } from '../../db/calendars';
import { staff } from '../../db/schema';
import { CalendarDataError } from '../../domain/calendar';
import { boundedText } from '../../domain/actions';
import { LOCALES } from '../../domain/intake';
import { requireAction } from '../auth';
import { HttpError, validationFailed } from '../errors';
import { parseOrThrow } from './complaints';

const calendarDaySchema = z.strictObject({ date: z.iso.date(), name: boundedText(100) });
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
  departmentId: boundedText(64),
  email: z.email().max(254).optional(),
  webhookUrl: z.url().max(2000).optional(),
  supervisorId: boundedText(64).optional(),
  locale: z.enum(LOCALES).default('zh-CN'),
  preferences: z.strictObject({ channels: z.array(z.enum(['email', 'webhook', 'in_app'])).max(3).optional() }).default({}),
  active: z.boolean().default(true),
});

function knownCalendar(id: string): void {
  try {
    calendarHeader(id);
  } catch {
    throw new HttpError(404, 'not_found', `calendar ${id} not found`);
  }
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
    if (!/^\d{4}$/.test(year)) throw validationFailed([{ path: 'params.year', message: 'a four-digit year' }]);
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

  router.get('/admin/staff', async (_req, res) => {
    res.json({ items: await db.select().from(staff).orderBy(asc(staff.id)) });
  });

  router.put('/admin/staff/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!/^[A-Za-z0-9_.:@-]{1,64}$/.test(id)) throw validationFailed([{ path: 'params.id', message: 'letters, digits and _ . : @ - only' }]);
    const body = parseOrThrow(staffBodySchema, req.body, 'body');
    const row = { id, ...body, email: body.email ?? null, webhookUrl: body.webhookUrl ?? null, supervisorId: body.supervisorId ?? null };
    await db.insert(staff).values(row).onConflictDoUpdate({ target: staff.id, set: row });
    res.json(row);
  });

  return router;
}
