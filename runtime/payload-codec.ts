/**
 * Encrypts every payload (workflow inputs, activity arguments and results, update arguments such as
 * a customer's own words) with AES-256-GCM before it reaches the engine, so the history the engine
 * stores and shows holds no readable personal data [001 规范2/4/7]. Search attributes are not
 * payloads and stay readable for operators: they never carry personal data.
 *
 * Crypto-shredding: a complaint's payloads are encrypted with a data key of its own
 * (`DataKeySource`, stored wrapped by the service key in PostgreSQL, runtime/data-keys.ts). The SDK
 * tells the codec which workflow a payload belongs to (its serialization context); a payload names
 * its data key in its metadata, so decoding needs no context. Erasing the data key makes that
 * complaint's history unreadable everywhere — the engine, its archive, any backup — without
 * rewriting it. Other payloads (and those written before 1.2) use the service key itself.
 *
 * The service key can be rotated: the current key encrypts and wraps, previous keys still decrypt
 * and unwrap (`ServiceKeyring`); `npm run keys:rotate` re-wraps every data key under the current one.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** `encryption-key-id` of a payload encrypted with a data key; `encryption-data-key` then names its owner. */
const DATA_KEY_ID = 'data-key';

/** Names a key without revealing it, so payloads and wrapped keys say which key they need. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function seal(key: Buffer, plain: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Uint8Array): Buffer {
  const data = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
}

/** The service key that encrypts now, and earlier ones that still decrypt (after a rotation). */
export class ServiceKeyring {
  readonly current: Buffer;
  readonly currentId: string;
  private readonly byId = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error('a payload encryption key must be 32 bytes');
      this.byId.set(keyIdOf(key), key);
    }
    this.current = current;
    this.currentId = keyIdOf(current);
  }

  key(id: string): Buffer | undefined {
    return this.byId.get(id);
  }

  /** A data key wrapped by the current service key (the owner is bound in, so a row cannot be swapped for another's). */
  wrap(dataKey: Buffer, owner: string): { wrapped: Buffer; wrappedWith: string } {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    cipher.setAAD(Buffer.from(owner));
    return { wrapped: Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]), wrappedWith: this.currentId };
  }

  unwrap(wrapped: Buffer, wrappedWith: string, owner: string): Buffer {
    const key = this.byId.get(wrappedWith);
    if (!key) throw new Error(`a data key is wrapped by service key ${wrappedWith}, which this process does not have (PAYLOAD_ENCRYPTION_PREVIOUS_KEYS)`);
    const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
  }
}

/** A complaint's data key was erased: its payloads can no longer be read, nor new ones written. */
export class PersonalDataErased extends Error {
  constructor(
    readonly owner: string,
    readonly erasedAt: Date,
  ) {
    super(`the personal data of ${owner} was erased on ${erasedAt.toISOString().slice(0, 10)}; its history can no longer be decoded`);
    this.name = 'PersonalDataErased';
  }
}

/** Where data keys live (runtime/data-keys.ts: PostgreSQL). */
export interface DataKeySource {
  /** Which workflows' new payloads get a data key of their own (complaints; none while only decoding, during an upgrade). */
  owns(workflowId: string): boolean;
  /** The owner's data key, made on first use; throws `PersonalDataErased` once erased. */
  keyFor(owner: string): Promise<Buffer>;
  /** The owner's data key to decode with; throws `PersonalDataErased` once erased. */
  existingKey(owner: string): Promise<Buffer>;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keyring: ServiceKeyring;

  constructor(
    key: Buffer | ServiceKeyring,
    private readonly dataKeys?: DataKeySource,
  ) {
    this.keyring = key instanceof ServiceKeyring ? key : new ServiceKeyring(key);
  }

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const owner = context?.workflowId && this.dataKeys?.owns(context.workflowId) ? context.workflowId : undefined;
    if (owner) {
      const key = await this.dataKeys!.keyFor(owner);
      return payloads.map((payload) => ({
        metadata: { encoding: Buffer.from(ENCODING), 'encryption-key-id': Buffer.from(DATA_KEY_ID), 'encryption-data-key': Buffer.from(owner) },
        data: seal(key, temporal.api.common.v1.Payload.encode(payload).finish()),
      }));
    }
    return payloads.map((payload) => ({
      metadata: { encoding: Buffer.from(ENCODING), 'encryption-key-id': Buffer.from(this.keyring.currentId) },
      data: seal(this.keyring.current, temporal.api.common.v1.Payload.encode(payload).finish()),
    }));
  }

  /** Whether this codec can decode the payload (a codec server decodes nothing else). */
  canDecode(payload: Payload): boolean {
    if (text(payload.metadata?.encoding) !== ENCODING) return false;
    const keyId = text(payload.metadata?.['encryption-key-id']);
    return keyId === DATA_KEY_ID ? this.dataKeys !== undefined : this.keyring.key(keyId) !== undefined;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((payload) => this.decodeOne(payload)));
  }

  /** For a viewer (the codec server): an erased complaint's payload becomes a readable "erased" notice instead of an error. */
  async decodeForViewer(payload: Payload): Promise<Payload> {
    try {
      return await this.decodeOne(payload);
    } catch (err) {
      if (!(err instanceof PersonalDataErased)) throw err;
      return { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(`erased: ${err.message}`)) };
    }
  }

  private async decodeOne(payload: Payload): Promise<Payload> {
    // Payloads written before encryption was switched on pass through unchanged.
    if (text(payload.metadata?.encoding) !== ENCODING) return payload;
    const keyId = text(payload.metadata?.['encryption-key-id']);
    let key: Buffer | undefined;
    if (keyId === DATA_KEY_ID) {
      if (!this.dataKeys) throw new Error('payload encrypted with a complaint data key, and this process has no data-key store');
      key = await this.dataKeys.existingKey(text(payload.metadata?.['encryption-data-key']));
    } else {
      key = this.keyring.key(keyId);
      if (!key) throw new Error(`payload encrypted with another key (${keyId})`);
    }
    return temporal.api.common.v1.Payload.decode(open(key, payload.data ?? new Uint8Array()));
  }
}

const text = (value: Uint8Array | null | undefined): string => Buffer.from(value ?? []).toString();

/** Reads a base64 key (32 bytes), as PAYLOAD_ENCRYPTION_KEY carries it. */
export function parsePayloadKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('PAYLOAD_ENCRYPTION_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)');
  return key;
}

/** PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: comma-separated base64 keys a rotation replaced (decrypt and unwrap only). */
export function parsePreviousKeys(value: string | undefined): Buffer[] {
  return (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => {
      const key = Buffer.from(k, 'base64');
      if (key.length !== 32) throw new Error('each of PAYLOAD_ENCRYPTION_PREVIOUS_KEYS must be 32 bytes, base64-encoded');
      return key;
    });
}

/** The failure converter every process and bundle uses (runtime/failure-converter.ts). */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * Encrypted payloads, and failures whose message and stack trace travel as an encoded (so encrypted)
 * payload too: an activity's error text could quote what a customer wrote, and the engine stores
 * failures in its history. The engine and the UI see "Encoded failure" until a codec decodes it.
 * With `dataKeys`, each complaint's payloads use the complaint's own data key.
 */
export function encryptingDataConverter(key: Buffer | ServiceKeyring | undefined, dataKeys?: DataKeySource): DataConverter | undefined {
  return key ? { payloadCodecs: [new AesGcmPayloadCodec(key, dataKeys)], failureConverterPath: FAILURE_CONVERTER_PATH } : undefined;
}
