/**
 * Keyed hashes of complainants' phone numbers and e-mail addresses, so repeat complainants are found
 * without an account and without contact data in any report: equal contacts give equal keys, and a
 * key reveals nothing without the server's key (HMAC-SHA256, unlike a plain hash of an 11-digit phone
 * number, which anyone can reverse by trying them all).
 */
import { createHmac } from 'node:crypto';
import { keyFromEnvOrDerived } from './derived-keys';

export interface ContactKeys {
  phone(phone: string): string | undefined;
  email(email: string): string | undefined;
}

/** The key: CONTACT_HASH_KEY (base64, 32 bytes) or derived from the payload key. */
export function contactHashKey(payloadKey: Buffer, env = process.env): Buffer {
  return keyFromEnvOrDerived('CONTACT_HASH_KEY', 'complaint-service contact keys', payloadKey, env);
}

/** Digits only; a mainland number written with +86 / 0086 / 86 is the same 11-digit number. */
export function normalisePhone(phone: string): string | undefined {
  let digits = phone.replace(/\D/g, '');
  if (/^(0086|86)1\d{10}$/.test(digits)) digits = digits.slice(-11);
  return digits.length >= 5 ? digits : undefined;
}

/** Trimmed and lower-cased (the domain part is case-insensitive, and people do not mean case in the local part). */
export function normaliseEmail(email: string): string | undefined {
  const e = email.trim().toLowerCase();
  return e.includes('@') ? e : undefined;
}

export function createContactKeys(key: Buffer): ContactKeys {
  const mac = (kind: string, value: string | undefined) => (value === undefined ? undefined : `${kind}:${createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url').slice(0, 32)}`);
  return {
    phone: (phone) => mac('phone', normalisePhone(phone)),
    email: (email) => mac('email', normaliseEmail(email)),
  };
}
