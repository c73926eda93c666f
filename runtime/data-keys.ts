/**
 * The complaints' data keys in PostgreSQL (`payload_data_keys`), for the payload codec
 * (runtime/payload-codec.ts): made on a complaint's first payload, unwrapped with the service
 * keyring, cached for a few minutes per process, erased with the complaint's personal data, and
 * re-wrapped when the service key is rotated.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../db/client';
import { payloadDataKeys } from '../db/schema';
import { COMPLAINT_NUMBER } from '../domain/actions';
import type { DataConverter } from '@temporalio/common';
import { encryptingDataConverter, PersonalDataErased, ServiceKeyring, type DataKeySource } from './payload-codec';

export interface DataKeyStoreOptions {
  /** How long an unwrapped key is kept in memory; 0 reads the database every time (the codec server: an erasure shows at once). */
  cacheMs?: number;
  /** At most this many keys in memory (the oldest go first). */
  maxCached?: number;
  /**
   * Encrypt new payloads with data keys (default), or only decode them (PAYLOAD_DATA_KEYS=decode-only):
   * the first step of a rolling upgrade from 1.1, whose processes know only the service key
   * (README, "Upgrading").
   */
  encode?: boolean;
}

export interface DataKeyStore extends DataKeySource {
  /** Forgets a cached key (this process erased it). */
  forget(owner: string): void;
}

export function createDataKeyStore(db: Database, keyring: ServiceKeyring, { cacheMs = 5 * 60_000, maxCached = 20_000, encode = process.env.PAYLOAD_DATA_KEYS !== 'decode-only' }: DataKeyStoreOptions = {}): DataKeyStore {
  const cache = new Map<string, { key: Buffer; until: number }>();
  const loading = new Map<string, Promise<Buffer>>();

  const remember = (owner: string, key: Buffer) => {
    if (cacheMs <= 0) return;
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
    cache.set(owner, { key, until: Date.now() + cacheMs });
  };

  async function load(owner: string, create: boolean): Promise<Buffer> {
    if (create) {
      const dataKey = randomBytes(32);
      await db
        .insert(payloadDataKeys)
        .values({ owner, ...keyring.wrap(dataKey, owner) })
        .onConflictDoNothing();
    }
    const [row] = await db.select().from(payloadDataKeys).where(eq(payloadDataKeys.owner, owner));
    if (row?.erasedAt) throw new PersonalDataErased(owner, row.erasedAt);
    if (!row?.wrapped || !row.wrappedWith) throw new Error(`no data key for ${owner}`);
    const key = keyring.unwrap(row.wrapped, row.wrappedWith, owner);
    remember(owner, key);
    return key;
  }

  const get = (owner: string, create: boolean): Promise<Buffer> => {
    const hit = cache.get(owner);
    if (hit && hit.until > Date.now()) return Promise.resolve(hit.key);
    // One database round trip per owner at a time, however many payloads ask at once.
    const pending = loading.get(owner);
    if (pending) return pending;
    const p = load(owner, create).finally(() => loading.delete(owner));
    loading.set(owner, p);
    return p;
  };

  return {
    owns: (workflowId) => encode && COMPLAINT_NUMBER.test(workflowId),
    keyFor: (owner) => get(owner, true),
    existingKey: (owner) => get(owner, false),
    forget: (owner) => void cache.delete(owner),
  };
}

/** Erases the owners' data keys (idempotent): their histories can no longer be decoded anywhere. Returns how many were erased now. */
export async function eraseDataKeys(tx: DbExecutor, owners: readonly string[]): Promise<number> {
  if (owners.length === 0) return 0;
  const erased = await tx
    .update(payloadDataKeys)
    .set({ wrapped: null, wrappedWith: null, erasedAt: sql`now()` })
    .where(and(sql`${payloadDataKeys.owner} = any(${sql.param(owners as string[])}::text[])`, isNull(payloadDataKeys.erasedAt)))
    .returning({ owner: payloadDataKeys.owner });
  // An owner that never had a payload gets an erased row, so a late first payload cannot make one.
  await tx
    .insert(payloadDataKeys)
    .values(owners.map((owner) => ({ owner, erasedAt: new Date() })))
    .onConflictDoNothing();
  return erased.length;
}

/**
 * Re-wraps every data key not wrapped by the current service key (after a rotation), in batches.
 * Histories are not touched: the data keys themselves do not change. Needs the previous keys in the keyring.
 */
export async function rewrapDataKeys(db: Database, keyring: ServiceKeyring, batch = 500): Promise<{ rewrapped: number; remaining: number }> {
  let rewrapped = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(payloadDataKeys)
        .where(and(isNotNull(payloadDataKeys.wrapped), ne(payloadDataKeys.wrappedWith, keyring.currentId)))
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        const key = keyring.unwrap(row.wrapped!, row.wrappedWith!, row.owner);
        await tx
          .update(payloadDataKeys)
          .set({ ...keyring.wrap(key, row.owner), rewrappedAt: sql`now()` })
          .where(eq(payloadDataKeys.owner, row.owner));
      }
      return rows.length;
    });
    rewrapped += done;
    if (done < batch) break;
  }
  const [{ remaining }] = await db
    .select({ remaining: sql<number>`count(*)::int` })
    .from(payloadDataKeys)
    .where(and(isNotNull(payloadDataKeys.wrapped), ne(payloadDataKeys.wrappedWith, keyring.currentId)));
  return { rewrapped, remaining };
}

/**
 * The data converter of every process that talks to the engine about complaints (API, worker, codec
 * server, scripts): the service keyring, and each complaint's own data key from `db`.
 */
export function complaintDataConverter(db: Database, key: Buffer | ServiceKeyring, options?: DataKeyStoreOptions): { dataConverter: DataConverter; dataKeys: DataKeyStore; keyring: ServiceKeyring } {
  const keyring = key instanceof ServiceKeyring ? key : new ServiceKeyring(key);
  const dataKeys = createDataKeyStore(db, keyring, options);
  return { dataConverter: encryptingDataConverter(keyring, dataKeys)!, dataKeys, keyring };
}
