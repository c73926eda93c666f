/**
 * The service's secondary keys (tracking links, contact hashes): each one set on its own in the
 * environment (32 bytes, base64), or derived from the payload key with HKDF under its own label, so
 * a deployment that sets only PAYLOAD_ENCRYPTION_KEY still gets independent keys.
 */
import { hkdfSync } from 'node:crypto';

export function keyFromEnvOrDerived(variable: string, label: string, payloadKey: Buffer, env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env[variable];
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32) throw new Error(`${variable} must be 32 bytes, base64-encoded`);
    return key;
  }
  return Buffer.from(hkdfSync('sha256', payloadKey, Buffer.alloc(0), label, 32));
}
