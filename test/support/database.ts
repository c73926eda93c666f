import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { databaseUrlFor } from '../../runtime/postgres';

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
}

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run integration tests through `npm test` (jest global setup)');
  return url;
}

/** A fresh, migrated database for one test file, dropped again by `close()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = databaseUrlFor(adminUrl(), name);
  const handle = openDatabase(url);
  await runMigrations(handle.db);
  await reserveNumberBlock(handle);
  return {
    ...handle,
    url,
    name,
    close: async () => {
      await handle.close();
      const dropper = new Client({ connectionString: adminUrl() });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Complaint numbers are the workflow ids, and every test database numbers from 1 while all test
 * files share one Temporal server: each database gets its own block of numbers (claimed atomically
 * with mkdir in the run's work dir), so no two files ever use the same workflow id.
 */
async function reserveNumberBlock(handle: DatabaseHandle): Promise<void> {
  const workDir = process.env.TEST_WORK_DIR;
  if (!workDir) return;
  let block = 1;
  for (;;) {
    try {
      fs.mkdirSync(path.join(workDir, `number-block-${block}`));
      break;
    } catch {
      block += 1;
    }
  }
  const day = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  for (const d of [day(-1), day(0), day(1)]) {
    // Complaint numbers and data-request ids are workflow ids in the namespace every test file shares.
    for (const prefix of ['', 'PIR-']) await handle.pool.query('insert into complaint_counters(day, last) values ($1, $2) on conflict (day) do nothing', [`${prefix}${d}`, block * 5_000]);
  }
}

/**
 * Every text, varchar, array and jsonb column of every table, as `table.column (value)`, that holds
 * one of the values (case-insensitively): the proof that a person's data is gone from the database.
 */
export async function columnsHolding(pool: TestDatabase['pool'], values: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const { table_name, column_name } of rows) {
    for (const value of values) {
      const hit = await pool.query(`select 1 from "${table_name}" where "${column_name}"::text ilike $1 limit 1`, [`%${value}%`]);
      if (hit.rowCount) found.push(`${table_name}.${column_name} (${value})`);
    }
  }
  return found;
}
