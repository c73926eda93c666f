/**
 * Every value of every enum column is created by a committed migration: a value added to a domain
 * list (a notification kind, a timeline event type) without `npm run db:generate` would otherwise be
 * refused by PostgreSQL at run time ("the request holds data that cannot be stored").
 */
import fs from 'node:fs';
import path from 'node:path';
import * as schema from '../../db/schema';

const dir = path.join(__dirname, '..', '..', 'db', 'migrations');
const sql = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
  .join('\n');

const enums = Object.values(schema).filter((v): v is { enumName: string; enumValues: string[] } & typeof v => typeof v === 'function' && 'enumName' in v && 'enumValues' in v);

it.each(enums.map((e) => [e.enumName, e.enumValues] as const))('%s: every value is in a migration', (name, values) => {
  const created = [...sql.matchAll(new RegExp(`CREATE TYPE "public"\\."${name}" AS ENUM\\(([^)]*)\\)`, 'g'))].flatMap((m) => [...m[1]!.matchAll(/'([^']*)'/g)].map((v) => v[1]));
  const added = [...sql.matchAll(new RegExp(`ALTER TYPE "public"\\."${name}" ADD VALUE '([^']*)'`, 'g'))].map((m) => m[1]);
  expect(values.filter((v) => !created.includes(v) && !added.includes(v))).toEqual([]);
});
