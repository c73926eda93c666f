/**
 * `npm run keys:rotate`: after the service key was replaced, re-wraps every complaint's data key under
 * the new one (README, "Keys"). Histories are not touched — a complaint's data key does not change —
 * so running complaints go on across the rotation. Run it with the new key as
 * PAYLOAD_ENCRYPTION_KEY and the replaced one in PAYLOAD_ENCRYPTION_PREVIOUS_KEYS (every process
 * must already run with both); afterwards the old key is needed only for payloads written before
 * data keys (1.1 and earlier) and for other workflows' payloads.
 */
import { openDatabase, type Database } from '../db/client';
import { recordAudit } from '../api/write/audit';
import { rewrapDataKeys } from '../runtime/data-keys';
import { parsePayloadKey, parsePreviousKeys, ServiceKeyring } from '../runtime/payload-codec';

export async function rotateDataKeys(db: Database, keyring: ServiceKeyring, actorId = 'keys:rotate'): Promise<{ rewrapped: number; remaining: number }> {
  const result = await rewrapDataKeys(db, keyring);
  await recordAudit(db, { actor: { id: actorId }, action: 'payload_keys_rotated', subject: `service-key/${keyring.currentId}`, after: result });
  return result;
}

async function main(): Promise<void> {
  const { DATABASE_URL, PAYLOAD_ENCRYPTION_KEY, PAYLOAD_ENCRYPTION_PREVIOUS_KEYS } = process.env;
  if (!DATABASE_URL || !PAYLOAD_ENCRYPTION_KEY) throw new Error('set DATABASE_URL, PAYLOAD_ENCRYPTION_KEY (the new key) and PAYLOAD_ENCRYPTION_PREVIOUS_KEYS (the replaced ones)');
  const keyring = new ServiceKeyring(parsePayloadKey(PAYLOAD_ENCRYPTION_KEY), parsePreviousKeys(PAYLOAD_ENCRYPTION_PREVIOUS_KEYS));
  const database = openDatabase(DATABASE_URL, { max: 2 });
  try {
    const { rewrapped, remaining } = await rotateDataKeys(database.db, keyring);
    console.log(`re-wrapped ${rewrapped} data keys under service key ${keyring.currentId}; ${remaining} left under another key`);
    if (remaining > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`rotation failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
