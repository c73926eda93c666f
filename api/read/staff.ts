/** The staff directory as the administrator sees it: every person with their workload. */
import { asc, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { staff, type StaffRow } from '../../db/schema';
import { OPEN_ITEMS_SQL } from '../../db/staff-load';
import { LOCALES } from '../../domain/intake';
import type { StaffMember } from '../schemas/responses';

/** A staff row as JSON (times as ISO strings). */
export function staffMember(row: StaffRow): StaffMember {
  // The column holds what the staff schema accepted; an older row with another value reads as the default.
  const locale = (LOCALES as readonly string[]).includes(row.locale) ? (row.locale as (typeof LOCALES)[number]) : 'zh-CN';
  return { ...row, locale, awayFrom: row.awayFrom?.toISOString() ?? null, awayUntil: row.awayUntil?.toISOString() ?? null, lastAssignedAt: row.lastAssignedAt?.toISOString() ?? null };
}

export async function staffWithLoad(db: Database) {
  const rows = await db.select({ member: staff, openItems: sql<number>`${OPEN_ITEMS_SQL}`.mapWith(Number) }).from(staff).orderBy(asc(staff.id));
  return { items: rows.map(({ member, openItems }) => ({ ...staffMember(member), openItems })) };
}
