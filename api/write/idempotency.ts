/**
 * `Idempotency-Key`: the first answer to a (caller, route, key) is stored and returned again for a
 * repeat, so a retried request never acts twice. A repeat with a different body is a 422, and one
 * that arrives while the first is still running a 409.
 *
 * Crash-safe for actions: the key also names the workflow update (`updateIdFor`), and the engine
 * de-duplicates updates by id. A claim left `in progress` by an API that died between the claim and
 * the answer is re-driven after `IDEMPOTENCY_REDRIVE_AFTER_MS` with the same update id, so the retry
 * gets the original answer and the action happens once.
 */
import { createHash } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';
import { HttpError } from '../http/errors';

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

/** How long a claim may stay `in progress` before a repeat re-drives it (the first request is presumed dead). */
export function redriveAfterMs(env = process.env): number {
  const ms = Number(env.IDEMPOTENCY_REDRIVE_AFTER_MS ?? 30_000);
  return Number.isFinite(ms) && ms >= 0 ? ms : 30_000;
}

/** The workflow update id a keyed action is sent with: the same key, the same update, de-duplicated by the engine. */
export function updateIdFor(scope: string, key: string): string {
  return `idem-${createHash('sha256').update(`${scope}\n${key}`).digest('hex').slice(0, 40)}`;
}

/**
 * Claims the key. Returns the stored answer for a completed repeat, or undefined when this request
 * goes on (and later `complete`s the key): the first one, or a repeat re-driving a claim that was
 * left in progress for longer than `staleAfterMs`.
 */
export async function claimKey(tx: DbExecutor, scope: string, key: string, hash: string, staleAfterMs = Infinity): Promise<StoredAnswer | undefined> {
  const inserted = await tx.insert(idempotencyKeys).values({ scope, key, requestHash: hash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return undefined;
  const [row] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!row) return undefined;
  if (row.requestHash !== hash) throw new HttpError(422, 'idempotency_key_reused', 'this Idempotency-Key was used with a different request');
  if (row.status !== null) return row.response as StoredAnswer;
  if (Number.isFinite(staleAfterMs)) {
    // Take a stale claim over (once: a concurrent repeat sees the new claim time and waits).
    const taken = await tx
      .update(idempotencyKeys)
      .set({ createdAt: sql`now()` })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status), sql`${idempotencyKeys.createdAt} <= now() - make_interval(secs => ${staleAfterMs / 1000})`))
      .returning({ key: idempotencyKeys.key });
    if (taken.length > 0) return undefined;
  }
  throw new HttpError(409, 'request_in_progress', 'a request with this Idempotency-Key is still being processed; retry shortly');
}

/** Stores the answer; `complaintNumber` names the complaint it is about, so it is erased with that complaint's personal data. */
export async function completeKey(db: DbExecutor, scope: string, key: string, answer: StoredAnswer, complaintNumber: string): Promise<void> {
  await db.update(idempotencyKeys).set({ status: answer.status, response: answer, complaintNumber }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

/** Frees a key whose request failed, so the caller can retry with the same key. */
export async function releaseKey(db: Database, scope: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}
