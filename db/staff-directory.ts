import fs from 'node:fs';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
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
