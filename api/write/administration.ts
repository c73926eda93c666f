/**
 * Administration: replace a calendar year when the State Council notice is published (new complaints
 * use it; running ones keep their snapshot), and keep the staff directory.
 */
import type { Database } from '../../db/client';
import { listCalendarIds, replaceCalendarYear } from '../../db/calendars';
import { staff } from '../../db/schema';
import { CalendarDataError, type CalendarYear } from '../../domain/calendar';
import { HttpError, validationFailed } from '../http/errors';
import { staffMember } from '../read/staff';
import type { StaffBody } from '../schemas/requests';

/** Calendar ids name shipped files: a fixed alphabet, so no path can be smuggled in. Unknown → 404. */
const CALENDAR_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function knownCalendar(id: string): void {
  if (!CALENDAR_ID.test(id) || !listCalendarIds().includes(id)) throw new HttpError(404, 'not_found', 'calendar not found');
}

export async function storeCalendarYear(db: Database, id: string, year: string, data: CalendarYear): Promise<void> {
  knownCalendar(id);
  try {
    await replaceCalendarYear(db, id, year, data);
  } catch (err) {
    if (err instanceof CalendarDataError) throw validationFailed([{ path: 'body', message: err.message }]);
    throw err;
  }
}

export async function storeStaffMember(db: Database, id: string, body: StaffBody) {
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
  return staffMember(stored);
}
