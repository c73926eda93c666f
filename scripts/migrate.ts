/**
 * `npm run db:migrate`: applies the committed migrations and loads the shipped calendars (and, on an
 * empty directory, the first staff from STAFF_DIRECTORY_FILE, or the demo staff). Exits non-zero on any failure, so nothing starts on a bad schema.
 */
import { openDatabase } from '../db/client';
import { seedCalendars } from '../db/calendars';
import { runMigrations } from '../db/migrate';
import { backfillFacts } from '../db/report-facts';
import { seedStaffIfEmpty } from '../db/staff-directory';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const database = openDatabase(url, { max: 1 });
  try {
    await runMigrations(database.db);
    await seedCalendars(database.db);
    const backfilled = await backfillFacts(database.db);
    if (backfilled > 0) console.log(`built the report facts of ${backfilled} complaints recorded before them`);
    // The first people of an empty directory (at least one administrator, who adds the rest), from a
    // JSON file in db/seed/staff.json's shape; or the demo directory.
    const staffFile = process.env.STAFF_DIRECTORY_FILE;
    if (staffFile) console.log(`seeded ${await seedStaffIfEmpty(database.db, staffFile)} staff from ${staffFile} (only into an empty directory)`);
    else if (process.env.SEED_DEMO_STAFF === 'true') console.log(`seeded ${await seedStaffIfEmpty(database.db)} staff`);
    console.log('database schema is current');
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
