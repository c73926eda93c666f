/**
 * Tracking links for complainants without an account (like the progress look-up of 12315): one per
 * complaint, `<PUBLIC_BASE_URL>/track/<number>#<secret>`. The secret has 256 bits, derived with
 * HMAC-SHA256 from a server key, the complaint number and the link's generation, so the API (which
 * answers the intake) and the worker (which writes the acknowledgement) give the same link without
 * storing it; the database keeps only its SHA-256 hash. Staff revoke a link by moving the generation on.
 * The secret sits in the URL's fragment, which browsers never send to servers or put in referrers.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { keyFromEnvOrDerived } from './derived-keys';

export interface TrackingLinks {
  /** The secret of generation `generation` of `number`'s link. */
  secret(number: string, generation: number): string;
  url(number: string, generation: number): string;
}

/** The tracking key: TRACKING_LINK_KEY (base64, 32 bytes) or derived from the payload key. */
export function trackingKey(payloadKey: Buffer, env = process.env): Buffer {
  return keyFromEnvOrDerived('TRACKING_LINK_KEY', 'complaint-service tracking links', payloadKey, env);
}

/** Links follow the address the service is served at: PUBLIC_BASE_URL, else this machine's API port. */
export function createTrackingLinks(key: Buffer, publicBaseUrl = process.env.PUBLIC_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`): TrackingLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const secret = (number: string, generation: number) => createHmac('sha256', key).update(`${number}:${generation}`).digest('base64url');
  return { secret, url: (number, generation) => `${base}/track/${number}#${secret(number, generation)}` };
}

export function hashTrackingSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function trackingSecretMatches(secret: string, storedHash: string | null): boolean {
  if (!storedHash || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return false;
  const presented = Buffer.from(hashTrackingSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
