/** The staff directory as the administrator sees it (every person with their workload), and the caller as it knows them. */
import { asc, eq, sql } from 'drizzle-orm';
import { SCOPE_RULES } from '../../domain/scopes';
import type { Viewer } from './scopes';
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

/** The caller as the directory knows them, with what their scope reaches in words (`GET /me`). */
export async function whoAmI(db: Database, viewer: Viewer) {
  const [row] = viewer.role === 'customer' ? [] : await db.select({ name: staff.name }).from(staff).where(eq(staff.id, viewer.id));
  return {
    id: viewer.id,
    name: row?.name ?? viewer.id,
    role: viewer.role,
    departmentId: viewer.departmentId ?? null,
    departments: [...viewer.departments],
    scope: SCOPE_RULES[viewer.role].summary,
  };
}
