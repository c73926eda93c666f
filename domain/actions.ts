/**
 * The payload of every action on a complaint, as zod schemas shared by the API (request validation,
 * OpenAPI) and the workflow's update validators (the final word). Strings are trimmed and bounded;
 * money is integer minor units with a currency; unknown fields are rejected.
 */
import { z } from 'zod';
import { CATEGORIES, GRADES, REMEDY_TYPES, RESPONSIBILITIES, SEVERITIES } from './model';

export const boundedText = (max: number) => z.string().trim().min(1).max(max);
const id = boundedText(64).regex(/^[A-Za-z0-9_.:@-]+$/, 'letters, digits and _ . : @ - only');
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');

const MONEY_REMEDIES = new Set(['refund', 'compensation', 'coupon']);

export const remedySchema = z
  .strictObject({
    type: z.enum(REMEDY_TYPES),
    amountMinor: z.number().int().min(0).max(1_000_000_000).optional(),
    currency: currencySchema.optional(),
    description: boundedText(1000).optional(),
  })
  .superRefine((remedy, ctx) => {
    if (MONEY_REMEDIES.has(remedy.type) && (remedy.amountMinor === undefined || remedy.currency === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: `a ${remedy.type} needs amountMinor and currency` });
    }
    if (remedy.amountMinor !== undefined && remedy.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'an amount needs a currency' });
    }
  });
export type Remedy = z.infer<typeof remedySchema>;

const remedies = z.array(remedySchema).min(1).max(10);

export const actionSchemas = {
  triage: z.strictObject({
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    grade: z.enum(GRADES),
    departmentId: id,
    assigneeId: id.optional(),
    reason: boundedText(2000).optional(),
  }),
  resolveOnSpot: z.strictObject({ remedies, note: boundedText(4000) }),
  addEvidence: z.strictObject({ uri: z.url().max(2000), note: boundedText(2000).optional() }),
  recordFindings: z.strictObject({
    facts: boundedText(8000),
    rootCause: boundedText(4000),
    responsibility: z.enum(RESPONSIBILITIES),
    evidenceIds: z.array(id).max(50).optional(),
  }),
  sendProgressUpdate: z.strictObject({ message: boundedText(4000) }),
  propose: z.strictObject({ remedies, message: boundedText(4000) }),
  decideApproval: z.strictObject({ decision: z.enum(['approve', 'reject']), reason: boundedText(2000) }),
  respondToProposal: z
    .strictObject({ accept: z.boolean(), counterDemand: boundedText(4000).optional(), comment: boundedText(4000).optional() })
    .refine((r) => r.accept || r.counterDemand !== undefined, { path: ['counterDemand'], message: 'a rejection states what the customer wants instead' }),
  completeExecution: z.strictObject({ proof: boundedText(4000), evidenceUri: z.url().max(2000).optional() }),
  rateSatisfaction: z.strictObject({ score: z.number().int().min(1).max(5), comment: boundedText(4000).optional() }),
  recordFollowUp: z.strictObject({ reached: z.boolean(), satisfied: z.boolean(), note: boundedText(4000).optional() }),
  escalate: z.strictObject({ reason: boundedText(2000) }),
  reassign: z.strictObject({
    assigneeId: id,
    departmentId: id.optional(),
    taskForce: z.strictObject({ leadId: id, memberIds: z.array(id).min(1).max(20) }).optional(),
    reason: boundedText(2000),
  }),
  addNote: z.strictObject({
    text: boundedText(8000),
    internal: z.boolean().default(false),
    kind: z.enum(['note', 'review']).default('note'),
  }),
  withdraw: z.strictObject({ reason: boundedText(2000) }),
  reopen: z.strictObject({ reason: boundedText(2000) }),
  pause: z.strictObject({ reason: boundedText(2000) }),
  resume: z.strictObject({ reason: boundedText(2000).optional() }),
  close: z.strictObject({
    outcome: z.enum(['invalid', 'duplicate', 'unresolved']),
    reason: boundedText(2000),
    duplicateOf: boundedText(64).optional(),
  }),
} as const;

export type ComplaintActionName = keyof typeof actionSchemas;
export type ActionPayload<A extends ComplaintActionName> = z.output<(typeof actionSchemas)[A]>;
export const COMPLAINT_ACTIONS = Object.keys(actionSchemas) as ComplaintActionName[];
