/**
 * The intake form (SPEC §3). One schema validates API requests and generates their OpenAPI
 * document; every field is bounded so that nothing oversized reaches the database.
 */
import { z } from 'zod';
import { CURRENCY } from './actions';
import { LEGAL_REGIME_IDS } from './legal-regimes/types';
import { boundedText, isoDate, isoInstant, singleLine } from './text';
import { CHANNELS } from './model';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number of 5 to 20 digits, optionally starting with +');

export const complainantSchema = z
  .strictObject({
    name: singleLine(100),
    phone: phone.optional(),
    email: z.email().max(254).optional(),
    customerId: singleLine(64).optional(),
    locale: z.enum(LOCALES).default('zh-CN'),
  })
  .refine((c) => c.phone !== undefined || c.email !== undefined, {
    path: ['phone'],
    message: 'a phone number or an e-mail address is required',
  });

export const subjectSchema = z
  .strictObject({
    productName: singleLine(200).optional(),
    orderNumber: singleLine(64).optional(),
    sku: singleLine(64).optional(),
    amountMinor: z.number().int().min(0).max(1_000_000_000_00).optional(),
    currency: z.string().regex(CURRENCY, 'an ISO 4217 code such as CNY').optional(),
  })
  .refine((s) => s.amountMinor === undefined || s.currency !== undefined, {
    path: ['currency'],
    message: 'an amount needs a currency',
  });

export const evidenceRefSchema = z.strictObject({
  uri: z.url().max(2000),
  note: boundedText(1000).optional(),
});

export const intakeSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  complainant: complainantSchema,
  subject: subjectSchema,
  description: boundedText(8000),
  occurredAt: isoInstant().optional(),
  occurredWhere: boundedText(500).optional(),
  desiredResolution: boundedText(2000).optional(),
  evidence: z.array(evidenceRefSchema).max(20).default([]),
  /**
   * When the company really received the complaint, if earlier than now (a letter opened today that
   * arrived last week): not in the future, at most 60 days back. Legal clocks count from it; the
   * person who enters it is recorded with the intake.
   */
  receivedAt: isoInstant().optional(),
  /** The legal regime whose clocks apply (domain/legal-regimes.ts); triage may name it later. */
  regime: z.enum(LEGAL_REGIME_IDS).optional(),
  /** A regulator's transfer: its reference, the office, and the reply date it sets. */
  regulator: z
    .strictObject({
      reference: singleLine(100).optional(),
      office: singleLine(200).optional(),
      dueDate: isoDate().optional(),
    })
    .optional(),
});

export type Intake = z.output<typeof intakeSchema>;

/** Field errors in the API's shape: a dotted path and a message per problem. */
export function fieldErrors(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The key repeat detection groups products by: the SKU if given, else the normalised product name. */
export function productKeyOf(subject: Intake['subject']): string | undefined {
  if (subject.sku) return `sku:${subject.sku.toLowerCase()}`;
  if (subject.productName) return `name:${subject.productName.toLowerCase().replace(/\s+/g, ' ')}`;
  return undefined;
}
