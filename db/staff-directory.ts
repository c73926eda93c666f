import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
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
