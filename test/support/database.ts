import { randomBytes } from 'node:crypto';
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
