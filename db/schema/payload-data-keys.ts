import { customType, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * One data key per complaint (crypto-shredding): the engine's copy of a complaint — its workflow
 * history, activity inputs and results — is encrypted with it (runtime/payload-codec.ts). The key is
 * stored wrapped (AES-256-GCM) by the service key named in `wrappedWith`, so rotating the service key
 * re-wraps these rows and never touches a history. Erasing the row's key (`wrapped` null,
 * `erasedAt` set) makes every copy of that history unreadable: the engine's, its archive's and any
 * backup's.
 */
export const payloadDataKeys = pgTable(
  'payload_data_keys',
  {
    /** The workflow the key belongs to: a complaint number. */
    owner: text('owner').primaryKey(),
    wrapped: bytea('wrapped'),
    /** Id of the service key that wrapped it (runtime/payload-codec.ts `keyIdOf`). */
    wrappedWith: text('wrapped_with'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    rewrappedAt: timestamp('rewrapped_at', { withTimezone: true }),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [index('payload_data_keys_wrapped_with_idx').on(t.wrappedWith)],
);

export type PayloadDataKeyRow = typeof payloadDataKeys.$inferSelect;
