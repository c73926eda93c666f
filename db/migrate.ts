import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client';
import type { Pool } from 'pg';

export const MIGRATIONS_FOLDER = path.join(__dirname, 'migrations');

/** Applies the committed SQL migrations; any failure propagates so the caller exits before serving. */
export async function runMigrations(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

interface Journal {
  entries: { tag: string; when: number }[];
}

/**
 * Refuses to run on a schema older than the code (fail fast): the API and the worker call this at
 * start instead of migrating themselves, so two processes never race to migrate.
 */
export async function assertSchemaCurrent(pool: Pool): Promise<void> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;
  const latest = journal.entries.at(-1);
  if (!latest) return;
  let applied: number | undefined;
  try {
    const result = await pool.query<{ created_at: string }>('select max(created_at) as created_at from drizzle.__drizzle_migrations');
    applied = result.rows[0]?.created_at ? Number(result.rows[0].created_at) : undefined;
  } catch {
    applied = undefined;
  }
  if (applied === undefined || applied < latest.when) {
    throw new Error(`Database schema is behind the code (latest migration ${latest.tag} not applied). Run \`npm run db:migrate\` first.`);
  }
}
