/**
 * Administration: replace a calendar year when the State Council notice is published (new complaints
 * use it; running ones keep their snapshot), and keep the staff directory.
 */
import type { Database } from '../../db/client';
import { listCalendarIds, replaceCalendarYear } from '../../db/calendars';
import { and, eq } from 'drizzle-orm';
import { calendarYears, staff } from '../../db/schema';
import type { Actor } from '../../domain/model';
import { recordAudit } from './audit';
import { CalendarDataError, type CalendarYear } from '../../domain/calendar';
import { HttpError, validationFailed } from '../http/errors';
import { staffMember } from '../read/staff';
import type { StaffBody } from '../schemas/requests';

/** Calendar ids name shipped files: a fixed alphabet, so no path can be smuggled in. Unknown → 404. */
const CALENDAR_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function knownCalendar(id: string): void {
  if (!CALENDAR_ID.test(id) || !listCalendarIds().includes(id)) throw new HttpError(404, 'not_found', 'calendar not found');
}

export async function storeCalendarYear(db: Database, actor: Actor, id: string, year: string, data: CalendarYear): Promise<void> {
  knownCalendar(id);
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx.select({ data: calendarYears.data }).from(calendarYears).where(and(eq(calendarYears.calendarId, id), eq(calendarYears.year, year)));
      await replaceCalendarYear(tx, id, year, data);
      await recordAudit(tx, { actor, action: 'calendar_year_saved', subject: `${id}/${year}`, before: (before?.data as unknown as Record<string, unknown> | undefined) ?? null, after: data as unknown as Record<string, unknown> });
    });
  } catch (err) {
    if (err instanceof CalendarDataError) throw validationFailed([{ path: 'body', message: err.message }]);
    throw err;
  }
}

export async function storeStaffMember(db: Database, actor: Actor, id: string, body: StaffBody) {
  const row = {
    id,
    ...body,
    email: body.email ?? null,
    webhookUrl: body.webhookUrl ?? null,
    supervisorId: body.supervisorId ?? null,
    externalSubject: body.externalSubject ?? null,
    awayFrom: body.awayFrom ? new Date(body.awayFrom) : null,
    awayUntil: body.awayUntil ? new Date(body.awayUntil) : null,
  };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(staff).where(eq(staff.id, id)).for('update');
    const [stored] = await tx.insert(staff).values(row).onConflictDoUpdate({ target: staff.id, set: row }).returning();
    const audited = (r: typeof stored) => {
      const { lastAssignedAt: _bookkeeping, ...fields } = staffMember(r);
      return fields;
    };
    await recordAudit(tx, { actor, action: 'staff_saved', subject: id, before: before ? audited(before) : null, after: audited(stored) });
    return staffMember(stored);
  });
}
