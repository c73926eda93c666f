/**
 * `npm run token -- --role supervisor --sub sup-wang [--dept quality] [--expires 8h]`
 * Mints a bearer token for local use, signed with JWT_SECRET or the secret `npm start` keeps in data/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken } from '../runtime/tokens';
import { ROLES, type Role } from '../domain/model';
import { loadRuntimeConfig } from '../runtime/config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, sub: { type: 'string' }, dept: { type: 'string' }, expires: { type: 'string', default: '8h' } },
  });
  if (!values.role || !ROLES.includes(values.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.sub) throw new Error('--sub (user id, or customer id for a customer) is required');
  const secretFile = path.join(loadRuntimeConfig().dataDir, 'jwt-secret');
  const secret = process.env.JWT_SECRET ?? (fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : undefined);
  if (!secret) throw new Error('set JWT_SECRET, or run `npm start` once so that it creates data/jwt-secret');
  process.stdout.write(`${await mintToken(secret, { sub: values.sub, role: values.role as Role, dept: values.dept }, values.expires)}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
