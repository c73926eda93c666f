/**
 * `Idempotency-Key`: the first answer to a (caller, route, key) is stored and returned again for a
 * repeat, so a retried request never acts twice. A repeat with a different body is a 422, and one
 * that arrives while the first is still running a 409.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database, DbExecutor } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import { HttpError } from './errors';

export interface StoredAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
}

export function validKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!/^[A-Za-z0-9_.:-]{8,200}$/.test(key)) {
    throw new HttpError(400, 'validation_failed', 'Idempotency-Key must be 8–200 characters of letters, digits and _ . : -', {
      fields: [{ path: 'headers.idempotency-key', message: 'invalid format' }],
    });
  }
  return key;
}

/**
 * Claims the key. Returns the stored answer for a completed repeat, or undefined when this request
 * is the first and must go on (and later `complete` the key).
 */
export async function claimKey(tx: DbExecutor, scope: string, key: string, hash: string): Promise<StoredAnswer | undefined> {
  const inserted = await tx.insert(idempotencyKeys).values({ scope, key, requestHash: hash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return undefined;
  const [row] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!row) return undefined;
  if (row.requestHash !== hash) throw new HttpError(422, 'idempotency_key_reused', 'this Idempotency-Key was used with a different request');
  if (row.status === null) throw new HttpError(409, 'request_in_progress', 'a request with this Idempotency-Key is still being processed');
  return row.response as StoredAnswer;
}

export async function completeKey(db: DbExecutor, scope: string, key: string, answer: StoredAnswer): Promise<void> {
  await db.update(idempotencyKeys).set({ status: answer.status, response: answer }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

/** Frees a key whose request failed, so the caller can retry with the same key. */
export async function releaseKey(db: Database, scope: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}
