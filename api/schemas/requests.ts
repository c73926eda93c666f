/**
 * Request bodies and queries of the operations that are not actions or intake (those come from
 * `domain/actions.ts` and `domain/intake.ts`; the list and report queries from the read side that
 * answers them). Every text follows `domain/text.ts`, so one rule answers 400 everywhere.
 */
import { z } from 'zod';
import { COMPLAINT_NUMBER } from '../../domain/actions';
import { LOCALES } from '../../domain/intake';
import { CATEGORIES } from '../../domain/model';
import { PROBLEM_ORIGINS, PROBLEM_STATUSES } from '../../domain/problems';
import { boundedText, hasControlCharacters, identifier, isoDate, isoInstant, singleLine } from '../../domain/text';

// ── Administration ─────────────────────────────────────────────────────────────────────────────

const calendarDaySchema = z.strictObject({ date: isoDate(), name: boundedText(100) });
/** One year's data; `replaceCalendarYear` checks it against the whole calendar's rules too. */
export const calendarYearBodySchema = z.strictObject({
  provisional: z.boolean(),
  source: boundedText(500),
  holidays: z.array(calendarDaySchema).max(100),
  makeUpWorkdays: z.array(calendarDaySchema).max(50),
});

/** POST /admin/replans: which open complaints, why, and whether only to look. */
export const replanBodySchema = z.strictObject({
  complaints: z.array(z.string().regex(COMPLAINT_NUMBER, 'a complaint number CMP-YYYYMMDD-NNNNNN')).min(1).max(200),
  reason: boundedText(2000),
  dryRun: z.boolean().default(true),
});

export const staffBodySchema = z
  .strictObject({
    name: boundedText(100),
    role: z.enum(['agent', 'handler', 'supervisor', 'manager', 'quality', 'admin']),
    departmentId: identifier(64),
    email: z.email().max(254).optional(),
    webhookUrl: z.url().max(2000).optional(),
    supervisorId: identifier(64).optional(),
    /** Their subject at the organisation's OpenID provider, when it is not their staff id. */
    externalSubject: singleLine(256).optional(),
    locale: z.enum(LOCALES).default('zh-CN'),
    preferences: z.strictObject({ channels: z.array(z.enum(['email', 'webhook', 'in_app'])).max(3).optional() }).default({}),
    active: z.boolean().default(true),
    /** Away (leave, training): nobody assigns work to them from `awayFrom` until `awayUntil`; null clears it. */
    awayFrom: isoInstant().nullable().optional(),
    awayUntil: isoInstant().nullable().optional(),
  })
  .refine((b) => !b.awayFrom || !b.awayUntil || Date.parse(b.awayFrom) < Date.parse(b.awayUntil), { path: ['awayUntil'], message: 'must be after awayFrom' });
export type StaffBody = z.output<typeof staffBodySchema>;

// ── Notifications ──────────────────────────────────────────────────────────────────────────────

export const operatorNotificationsQuerySchema = z.strictObject({
  status: z.enum(['unconfirmed', 'failed']).default('unconfirmed'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const resendBodySchema = z.strictObject({ reason: boundedText(500) });

export const inboxQuerySchema = z.strictObject({
  unreadOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'a cursor returned by a previous page').optional(),
});

// ── Systemic problems ──────────────────────────────────────────────────────────────────────────

const complaintNumbers = z.array(z.string().regex(COMPLAINT_NUMBER, 'not a complaint number (CMP-YYYYMMDD-NNNNNN)')).min(1).max(200);

export const problemCreateSchema = z.strictObject({
  title: singleLine(200),
  description: boundedText(4000).optional(),
  origin: z.enum(PROBLEM_ORIGINS),
  category: z.enum(CATEGORIES).optional(),
  /** The product's name or SKU, as in the report's hot spots. */
  product: singleLine(200).optional(),
  complaintNumbers: complaintNumbers.optional(),
});
export type ProblemCreate = z.output<typeof problemCreateSchema>;

export const problemUpdateSchema = z
  .strictObject({
    status: z.enum(PROBLEM_STATUSES).optional(),
    correctiveAction: boundedText(4000).optional(),
    ownerId: identifier().optional(),
    dueDate: isoDate().optional(),
    resolution: boundedText(4000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type ProblemUpdate = z.output<typeof problemUpdateSchema>;

export const problemLinkSchema = z.strictObject({ numbers: complaintNumbers });

export const problemListQuerySchema = z.strictObject({
  status: z.enum([...PROBLEM_STATUSES, 'unresolved', 'all']).default('unresolved'),
});

// ── Path parameters ────────────────────────────────────────────────────────────────────────────

export const numberParam = z.object({ number: z.string().regex(COMPLAINT_NUMBER, 'invalid format') });
export const problemIdParam = z.object({ id: z.coerce.number().int().min(1, 'must be a problem id (a positive integer)').max(2_147_483_647, 'must be a problem id (a positive integer)') });
export const notificationIdParam = z.object({ id: z.string().min(1).max(400).refine((v) => !hasControlCharacters(v, false), 'not a notification id') });
export const staffIdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_.:@-]{1,64}$/, 'letters, digits and _ . : @ - only') });
export const calendarIdParam = z.object({ calendarId: z.string() });
export const calendarYearParam = z.object({ calendarId: z.string(), year: z.string().regex(/^\d{4}$/, 'a four-digit year between 1970 and 2199').refine((y) => Number(y) >= 1970 && Number(y) <= 2199, 'a four-digit year between 1970 and 2199') });
