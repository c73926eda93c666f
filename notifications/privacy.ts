/**
 * Contact data stays in the complaint row and the staff directory (SPEC §2 privacy). Templates never
 * read contact fields, but some template values are free text typed by people (an escalation reason,
 * a progress message) and error texts from mail servers echo addresses back: both pass through here
 * before they are stored or shown.
 */

export const REDACTED = '[***]';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Mainland mobile and landline numbers, and anything written in international form. The look-arounds
// keep complaint numbers such as CMP-20261123-000042 and order numbers intact.
const PHONE = new RegExp(
  [
    String.raw`(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}`,
    String.raw`0\d{2,3}[\s-]?\d{7,8}`,
    String.raw`\+\d{1,3}(?:[\s-]?\d){6,14}`,
  ]
    .map((p) => String.raw`(?<![\w+-])${p}(?![\w-])`)
    .join('|'),
  'g',
);

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces e-mail addresses and phone numbers in free text. `known` adds exact values (the
 * complainant's own phone and e-mail in whatever format they were entered).
 */
export function redactContactData(text: string, known: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const value of known) {
    if (value && value.trim().length >= 5) out = out.replace(new RegExp(escapeRegExp(value.trim()), 'gi'), REDACTED);
  }
  return out.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
}

/** True if the text still holds something that looks like an e-mail address or a phone number. */
export function containsContactData(text: string): boolean {
  EMAIL.lastIndex = 0;
  PHONE.lastIndex = 0;
  return EMAIL.test(text) || PHONE.test(text);
}

/**
 * Error texts go to the outbox row that staff read through the API: no addresses, no URLs (a
 * webhook URL often carries its own access token), and short enough to show in a list.
 */
export function sanitizeErrorText(text: string, known: readonly (string | null | undefined)[] = []): string {
  const withoutUrls = text.replace(/\b(?:https?|smtps?):\/\/[^\s'"<>]+/gi, '[url]');
  const single = redactContactData(withoutUrls, known).replace(/\s+/g, ' ').trim();
  return single.length > 500 ? `${single.slice(0, 497)}...` : single;
}

/** `138****8000`: the first three and last four digits of a phone number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** `w***@example.com`: the first character of the mailbox and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
