import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from './client';
import { staff, staffInsertSchema, type NewStaffRow } from './schema';

/** Seeds a demo directory into an empty staff table (local use); a real directory is managed by admins. */
export async function seedStaffIfEmpty(db: Database, file = path.join(__dirname, 'seed', 'staff.json')): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(staff);
  if (n > 0) return 0;
  const rows = (JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[]).map((r) => staffInsertSchema.parse(r) as NewStaffRow);
  await db.insert(staff).values(rows).onConflictDoNothing();
  return rows.length;
}

/** The directory as the embedded OpenID provider reads it: who may sign in. */
export function signInDirectory(db: Database) {
  const columns = { id: staff.id, name: staff.name, role: staff.role, departmentId: staff.departmentId, active: staff.active };
  return {
    async find(id: string) {
      const [row] = await db.select(columns).from(staff).where(eq(staff.id, id));
      return row;
    },
    list: () => db.select(columns).from(staff).orderBy(asc(staff.departmentId), asc(staff.id)),
  };
}

/**
 * The person a token names: by staff id for the service's own tokens; for the OpenID provider's, by
 * `external_subject`, else by staff id when the person has none set. Undefined when nobody matches.
 */
export async function personNamedBy(db: Database, subject: string, local: boolean) {
  const [person] = await db
    .select({ id: staff.id, role: staff.role, departmentId: staff.departmentId, active: staff.active })
    .from(staff)
    .where(local ? eq(staff.id, subject) : or(eq(staff.externalSubject, subject), and(eq(staff.id, subject), isNull(staff.externalSubject))))
    .orderBy(sql`${staff.externalSubject} is null`)
    .limit(1);
  return person;
}
