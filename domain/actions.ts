/**
 * Every action a person can take on a complaint, one entry each: the HTTP route segment, the roles
 * that may take it, the stages it fits and the zod schema of its payload. The API's routes, the
 * OpenAPI operations, the permission matrix (./permissions) and the workflow's update validators all
 * read this table; the workflow's behaviour for each action is the matching entry of
 * `workflows/actions.ts`, whose type demands one for every name here.
 *
 * Strings are trimmed and bounded; money is integer minor units with a currency; unknown fields are
 * rejected. Pure data: bundled into the workflow sandbox.
 */
import { z } from 'zod';
import { CATEGORIES, GRADES, REMEDY_MONEY, REMEDY_TYPES, RESPONSIBILITIES, SEVERITIES, type Role, type Stage } from './model';

import { boundedText, identifier } from './text';

export { boundedText };
const id = identifier(64);
/** CMP-YYYYMMDD-NNNNNN, numbered per day of the organisation's calendar. */
export const COMPLAINT_NUMBER = /^CMP-\d{8}-\d{6}$/;

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');

export const remedySchema = z
  .strictObject({
    type: z.enum(REMEDY_TYPES),
    amountMinor: z.number().int().min(0).max(1_000_000_000).optional(),
    currency: currencySchema.optional(),
    description: boundedText(1000).optional(),
  })
  .superRefine((remedy, ctx) => {
    if (REMEDY_MONEY[remedy.type] === 'always' && (remedy.amountMinor === undefined || remedy.currency === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: `a ${remedy.type} needs amountMinor and currency` });
    }
    if (remedy.amountMinor !== undefined && remedy.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'an amount needs a currency' });
    }
  });
export type Remedy = z.infer<typeof remedySchema>;

const remedies = z.array(remedySchema).min(1).max(10);

// ── Who and when, in named sets ───────────────────────────────────────────────────────────────

const STAFF = ['agent', 'handler', 'supervisor', 'manager', 'admin'] as const satisfies readonly Role[];
const LEADS = ['supervisor', 'manager', 'admin'] as const satisfies readonly Role[];
const EVERYONE = ['customer', ...STAFF] as const satisfies readonly Role[];

/** Stages in which the complaint is being handled (after acknowledgement, before closing). */
const OPEN = ['acknowledged', 'resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing', 'confirming'] as const satisfies readonly Stage[];
/** Stages after triage and before the remedy is carried out: the grade may still change. */
const GRADED = ['resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing'] as const satisfies readonly Stage[];
/** Stages in which the customer is owed regular news of the handling [000 §二.5]. */
const IN_HANDLING = ['investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing'] as const satisfies readonly Stage[];
/** Stages in which the work is on the company's side, so the SLA clock may be paused. */
const STAFF_WORK = ['resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'executing'] as const satisfies readonly Stage[];

export interface ActionRule<S extends z.ZodType = z.ZodType> {
  /** Path segment: `POST /complaints/{number}/{route}`. */
  route: string;
  /** One line for the API documentation. */
  summary: string;
  /** Roles that may take it; the workflow adds the stage and, for money, the authority tier. */
  roles: readonly Role[];
  /** Stages it fits; anything else is answered 409 with the current stage. */
  stages: readonly Stage[];
  schema: S;
}

/** Keeps each entry's schema type precise while checking the entry's shape. */
const rule = <S extends z.ZodType>(r: ActionRule<S>): ActionRule<S> => r;

export const ACTION_RULES = {
  triage: rule({
    route: 'triage',
    summary: 'Confirm category, severity, grade and department; routes the complaint to on-the-spot resolution or investigation.',
    roles: ['agent', ...LEADS],
    stages: ['acknowledged'],
    schema: z.strictObject({
      category: z.enum(CATEGORIES),
      severity: z.enum(SEVERITIES),
      grade: z.enum(GRADES),
      departmentId: id,
      assigneeId: id.optional(),
      reason: boundedText(2000).optional(),
    }),
  }),
  regrade: rule({
    route: 'regrade',
    summary: 'Change the grade (simple → complex/major moves to investigation; complex ↔ major), and with it severity or department; the owner changes with the department.',
    roles: ['agent', ...LEADS],
    stages: GRADED,
    schema: z.strictObject({
      grade: z.enum(GRADES),
      severity: z.enum(SEVERITIES).optional(),
      departmentId: id.optional(),
      reason: boundedText(2000),
    }),
  }),
  resolveOnSpot: rule({
    route: 'on-spot-resolution',
    summary: 'Resolve a simple complaint on the spot within the actor’s own authority.',
    roles: ['agent', 'handler', ...LEADS],
    stages: ['resolving_on_spot'],
    schema: z.strictObject({ remedies, note: boundedText(4000) }),
  }),
  addEvidence: rule({
    route: 'evidence',
    summary: 'Attach evidence (a link); a customer’s evidence resumes a paused SLA clock.',
    roles: EVERYONE,
    stages: [...OPEN, 'follow_up'],
    schema: z.strictObject({ uri: z.url().max(2000), note: boundedText(2000).optional() }),
  }),
  recordFindings: rule({
    route: 'findings',
    summary: 'Record the facts, root cause and responsibility found by the investigation.',
    roles: ['handler', 'agent', ...LEADS],
    stages: ['investigating'],
    schema: z.strictObject({
      facts: boundedText(8000),
      rootCause: boundedText(4000),
      responsibility: z.enum(RESPONSIBILITIES),
      evidenceIds: z.array(id).max(50).optional(),
    }),
  }),
  sendProgressUpdate: rule({
    route: 'progress-updates',
    summary: 'Tell the customer how the handling is going; restarts the progress-update clock.',
    roles: ['agent', 'handler', ...LEADS],
    stages: IN_HANDLING,
    schema: z.strictObject({ message: boundedText(4000) }),
  }),
  propose: rule({
    route: 'proposal',
    summary: 'Propose remedies; above the proposer’s authority the proposal waits for approval.',
    roles: ['agent', 'handler', ...LEADS],
    stages: ['proposing'],
    schema: z.strictObject({ remedies, message: boundedText(4000) }),
  }),
  decideApproval: rule({
    route: 'approval',
    summary: 'Approve or reject a proposal above its author’s authority (the approver’s tier must cover the amount).',
    roles: LEADS,
    stages: ['awaiting_approval'],
    schema: z.strictObject({ decision: z.enum(['approve', 'reject']), reason: boundedText(2000) }),
  }),
  respondToProposal: rule({
    route: 'customer-response',
    summary: 'The customer accepts or rejects the proposal (staff may record an answer given by phone or in a store).',
    roles: ['customer', 'agent', 'handler', ...LEADS],
    stages: ['negotiating'],
    schema: z
      .strictObject({ accept: z.boolean(), counterDemand: boundedText(4000).optional(), comment: boundedText(4000).optional() })
      .refine((r) => r.accept || r.counterDemand !== undefined, { path: ['counterDemand'], message: 'a rejection states what the customer wants instead' }),
  }),
  completeExecution: rule({
    route: 'execution',
    summary: 'Record that the agreed remedy was carried out; asks the customer to rate the handling.',
    roles: ['agent', 'handler', ...LEADS],
    stages: ['executing'],
    schema: z.strictObject({ proof: boundedText(4000), evidenceUri: z.url().max(2000).optional() }),
  }),
  rateSatisfaction: rule({
    route: 'satisfaction',
    summary: 'Rate the handling from 1 to 5; closes the complaint as resolved.',
    roles: ['customer', 'agent', ...LEADS],
    stages: ['confirming'],
    schema: z.strictObject({ score: z.number().int().min(1).max(5), comment: boundedText(4000).optional() }),
  }),
  recordFollowUp: rule({
    route: 'follow-up',
    summary: 'Record the follow-up visit (回访); a reached but dissatisfied customer reopens the complaint.',
    roles: ['agent', ...LEADS],
    stages: ['follow_up'],
    schema: z.strictObject({ reached: z.boolean(), satisfied: z.boolean(), note: boundedText(4000).optional() }),
  }),
  escalate: rule({
    route: 'escalation',
    summary: 'Escalate one level up the ladder (agent → supervisor → manager).',
    roles: STAFF,
    stages: [...OPEN, 'follow_up'],
    schema: z.strictObject({ reason: boundedText(2000) }),
  }),
  reassign: rule({
    route: 'reassignment',
    summary: 'Hand the complaint to another owner, department or task force.',
    roles: LEADS,
    stages: [...OPEN, 'follow_up'],
    schema: z.strictObject({
      assigneeId: id,
      departmentId: id.optional(),
      taskForce: z.strictObject({ leadId: id, memberIds: z.array(id).min(1).max(20) }).optional(),
      reason: boundedText(2000),
    }),
  }),
  addNote: rule({
    route: 'notes',
    summary: 'Add a note (a staff note is internal unless `toCustomer`), or a case review (复盘) after closing.',
    roles: EVERYONE,
    stages: [...OPEN, 'closed', 'follow_up'],
    schema: z.strictObject({
      text: boundedText(8000),
      /** Staff notes are internal unless `toCustomer`: a reply the complainant reads on their page. */
      toCustomer: z.boolean().default(false),
      /** Kept for clients that set it; staff notes are internal anyway unless addressed to the customer. */
      internal: z.boolean().default(false),
      kind: z.enum(['note', 'review']).default('note'),
    }),
  }),
  revealContact: rule({
    route: 'contact-reveal',
    summary: 'Show the complainant’s phone and e-mail to staff who would see them masked; the reason goes on the timeline (internal).',
    roles: STAFF,
    stages: [...OPEN, 'closed', 'follow_up'],
    schema: z.strictObject({ reason: boundedText(500) }),
  }),
  withdraw: rule({
    route: 'withdrawal',
    summary: 'Withdraw the complaint (the customer, or staff on the customer’s word).',
    roles: ['customer', 'agent', ...LEADS],
    stages: OPEN,
    schema: z.strictObject({ reason: boundedText(2000) }),
  }),
  reopen: rule({
    route: 'reopening',
    summary: 'Reopen a closed complaint; customers may ask within the reopen window.',
    roles: ['customer', ...LEADS],
    stages: ['closed'],
    schema: z.strictObject({ reason: boundedText(2000) }),
  }),
  pause: rule({
    route: 'pause',
    summary: 'Pause the SLA clocks while waiting on the customer.',
    roles: ['agent', 'handler', ...LEADS],
    stages: STAFF_WORK,
    schema: z.strictObject({ reason: boundedText(2000) }),
  }),
  resume: rule({
    route: 'resumption',
    summary: 'Resume paused SLA clocks; deadlines move by the time lost.',
    roles: ['agent', 'handler', ...LEADS],
    stages: STAFF_WORK,
    schema: z.strictObject({ reason: boundedText(2000).optional() }),
  }),
  close: rule({
    route: 'closure',
    summary: 'Close without a remedy: invalid, duplicate or unresolved.',
    roles: LEADS,
    stages: OPEN,
    schema: z.strictObject({
      outcome: z.enum(['invalid', 'duplicate', 'unresolved']),
      reason: boundedText(2000),
      /** With `duplicate`: the complaint this one repeats (the API checks that it exists). */
      duplicateOf: boundedText(64).optional(),
    }),
  }),
};

export type ComplaintActionName = keyof typeof ACTION_RULES;
export type ActionSchema<A extends ComplaintActionName> = (typeof ACTION_RULES)[A]['schema'];
export type ActionPayload<A extends ComplaintActionName> = z.output<ActionSchema<A>>;

export const COMPLAINT_ACTIONS = Object.keys(ACTION_RULES) as ComplaintActionName[];

/** Route segment → action, for the API's one action route. */
export const ACTION_BY_ROUTE: ReadonlyMap<string, ComplaintActionName> = new Map(COMPLAINT_ACTIONS.map((name) => [ACTION_RULES[name].route, name]));

export function actionFitsStage(action: ComplaintActionName, stage: Stage): boolean {
  return ACTION_RULES[action].stages.includes(stage);
}

/** Parses an action's payload with its schema (the API and the workflow validator both call this). */
export function parseActionPayload<A extends ComplaintActionName>(action: A, payload: unknown): z.ZodSafeParseResult<ActionPayload<A>> {
  // TypeScript cannot correlate ACTION_RULES[action] with A for a generic A; the entry's schema is A's by construction.
  return ACTION_RULES[action].schema.safeParse(payload) as z.ZodSafeParseResult<ActionPayload<A>>;
}
