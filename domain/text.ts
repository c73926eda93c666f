/**
 * Input hygiene shared by every schema: text never carries control characters (PostgreSQL refuses
 * NUL outright, and no person types the others), identifiers are a fixed alphabet, and instants lie in
 * a range the database and people can both handle. Used by the intake form, every action payload, the
 * list, report and admin schemas, so one rule answers 400 everywhere.
 */
import { z } from 'zod';
import { hasControlCharacters } from './text-rules';

export { hasControlCharacters };

/** Free text (notes, descriptions): trimmed, 1..max characters, newlines and tabs allowed. */
export const boundedText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasControlCharacters(v), 'control characters (such as NUL) are not allowed');

/** One line (a filter, a product name in a query): no line breaks or other control characters. */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasControlCharacters(v, false), 'control characters (such as NUL or line breaks) are not allowed');

/** An identifier: letters, digits and `_ . : @ -`. */
export const identifier = (max = 64) => z.string().trim().min(1).max(max).regex(/^[A-Za-z0-9_.:@-]+$/, 'letters, digits and _ . : @ - only');

export const EARLIEST_INSTANT = Date.parse('1970-01-01T00:00:00Z');
export const LATEST_INSTANT = Date.parse('2200-01-01T00:00:00Z');

/** An ISO 8601 instant with offset, between 1970 and 2200 (year 0000 or 9999 are typing errors, and PostgreSQL refuses some). */
export const isoInstant = () =>
  z.iso.datetime({ offset: true }).refine((v) => {
    const t = Date.parse(v);
    return t >= EARLIEST_INSTANT && t < LATEST_INSTANT;
  }, 'must be between 1970 and 2200');

/** A calendar date YYYY-MM-DD between 1970 and 2200. */
export const isoDate = () =>
  z.iso.date().refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`);
    return t >= EARLIEST_INSTANT && t < LATEST_INSTANT;
  }, 'must be between 1970 and 2200');
