/**
 * Encrypts every payload (workflow inputs, activity arguments and results, update arguments such as
 * a customer's own words) with AES-256-GCM before it reaches the engine, so the history the engine
 * stores and shows holds no readable personal data [001 规范2/4/7]. Search attributes are not
 * payloads and stay readable for operators: they never carry personal data.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the payload encryption key must be 32 bytes');
    // Names the key without revealing it, so a rotated key can be told apart in history.
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: Buffer.from(ENCODING), 'encryption-key-id': Buffer.from(this.keyId) }, data };
    });
  }

  /** Whether this is a payload this key encrypted (a codec server decodes nothing else). */
  canDecode(payload: Payload): boolean {
    return Buffer.from(payload.metadata?.encoding ?? []).toString() === ENCODING && Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString() === this.keyId;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Payloads written before encryption was switched on pass through unchanged.
      if (Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCODING) return payload;
      const keyId = Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString();
      if (keyId !== this.keyId) throw new Error(`payload encrypted with another key (${keyId})`);
      const data = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** Reads a base64 key (32 bytes), as PAYLOAD_ENCRYPTION_KEY carries it. */
export function parsePayloadKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('PAYLOAD_ENCRYPTION_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)');
  return key;
}

/** The failure converter every process and bundle uses (runtime/failure-converter.ts). */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * Encrypted payloads, and failures whose message and stack trace travel as an encoded (so encrypted)
 * payload too: an activity's error text could quote what a customer wrote, and the engine stores
 * failures in its history. The engine and the UI see "Encoded failure" until a codec decodes it.
 */
export function encryptingDataConverter(key: Buffer | undefined): DataConverter | undefined {
  return key ? { payloadCodecs: [new AesGcmPayloadCodec(key)], failureConverterPath: FAILURE_CONVERTER_PATH } : undefined;
}
