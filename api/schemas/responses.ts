/**
 * The shapes of the API's answers, as zod schemas the OpenAPI document is generated from. Lists and
 * rows start from the drizzle-zod table schemas (`db/schema`); the rest follow the domain's
 * vocabularies. Operations name them in their `responses`.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { auditLogSelectSchema, complaintSelectSchema, staffSelectSchema } from '../../db/schema';
import { AUDIT_ACTIONS } from '../../domain/audit';
import { COMPLAINT_ACTIONS, COMPLAINT_NUMBER, CUSTOMER_ACTIONS } from '../../domain/actions';
import { calendarDataSchema } from '../../domain/calendar-file';
import { intakeSchema, LOCALES } from '../../domain/intake';
import { LEGAL_CLOCK_ENDS, LEGAL_REGIME_IDS, LEGAL_STOP_REASONS } from '../../domain/legal-regimes';
import { TREND_INTERVALS } from '../../domain/kpis';
import { CATEGORIES, CHANNELS, GRADES, OUTCOMES, REMEDY_TYPES, RESPONSIBILITIES, ROLES, SEVERITIES, STAGES, WORK_KINDS, type WorkKind } from '../../domain/model';
import { PROBLEM_ORIGINS, PROBLEM_STATUSES } from '../../domain/problems';
import { MAJOR_REVIEW_DECISIONS, MAJOR_REVIEW_KINDS, RISK_KINDS } from '../../domain/major-review';
import { FRONT_DESK_ACTIONS } from '../../domain/scopes';
import { deliveryStatusSchema, inboxItemSchema, inboxPageSchema } from '../../notifications/inbox';
import type { ComplaintView } from '../../workflows/types';
import { calendarYearBodySchema, staffBodySchema } from './requests';

extendZodWithOpenApi(z);

/**
 * `.openapi()` for a schema built elsewhere. zod v4 copies prototype methods onto each instance when
 * it is constructed, so schemas created before `extendZodWithOpenApi` ran (every imported one) lack
 * `.openapi`; a clone made now has it. The clone shares the definition, checks included.
 */
export function documented<T extends z.ZodType>(schema: T): T {
  return typeof (schema as { openapi?: unknown }).openapi === 'function' ? schema : schema.clone();
}

export const dateTime = z.iso.datetime({ offset: true });
export const nullableDateTime = dateTime.nullable();

export const FieldErrorSchema = z.object({
  path: z.string().openapi({ description: 'Dotted path of the offending value, e.g. `body.complainant.phone` or `query.page`.' }),
  message: z.string(),
});

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({
        description: 'Stable machine-readable code.',
        examples: ['validation_failed', 'malformed_json', 'unauthorized', 'forbidden', 'not_found', 'wrong_stage', 'request_in_progress', 'already_exists', 'payload_too_large', 'idempotency_key_reused', 'internal'],
      }),
      message: z.string().openapi({ description: 'Human-readable explanation (English).' }),
      fields: z.array(FieldErrorSchema).optional().openapi({ description: 'With `validation_failed`: one entry per invalid value.' }),
      stage: z.enum(STAGES).optional().openapi({ description: 'With `wrong_stage`: the stage the complaint is in now.' }),
      status: z.string().optional().openapi({ description: 'With `wrong_status`: the status a problem is in now.' }),
      requestId: z.string().optional().openapi({ description: 'Same as the `X-Request-Id` response header; quote it when reporting a problem.' }),
    }),
  })
  .openapi('Error', { description: 'The one shape of every 4xx and 5xx answer (`ErrorBody` in api/errors.ts).' });

export const ComplaintSummarySchema = complaintSelectSchema
  .pick({ channel: true, stage: true, category: true, severity: true, grade: true, departmentId: true, assigneeId: true, slaBreached: true, possiblySystemic: true, outcome: true, regime: true, legalMissed: true })
  .extend({
    legalDueAt: nullableDateTime.openapi({ description: 'Under a legal regime: the nearest legal due time still owed.' }),
    number: z.string().regex(COMPLAINT_NUMBER),
    escalationLevel: z.int().min(0).max(2),
    nextDeadlineAt: nullableDateTime,
    receivedAt: dateTime,
    lastTransitionAt: dateTime,
    productName: z.string().nullable(),
  })
  .openapi('ComplaintSummary', { description: 'A complaint in a list (columns of the complaints table): no contact data.' });

export const actorSchema = z.object({ id: z.string(), role: z.enum(ROLES), departmentId: z.string().optional() });
export const remedyOut = z.object({ type: z.string(), amountMinor: z.int().optional(), currency: z.string().optional(), description: z.string().optional() });

export const DeadlineSchema = z.object({
  kind: z.string().openapi({ description: 'Which clock, e.g. `firstResponse`, `reply`, `customerResponse`.' }),
  dueAt: dateTime,
  remindAt: dateTime,
  paused: z.boolean(),
  breached: z.boolean(),
  breachCount: z.int(),
  reminded: z.boolean(),
  whenDue: z.string().optional().openapi({ description: 'What happens when it runs out (staff only; the clock’s rule in workflows/deadline-rules.ts).' }),
});

const wording = z.object({ 'zh-CN': z.string(), en: z.string() });

export const LegalDeadlineSchema = z
  .object({
    kind: z.literal('legal'),
    regime: z.enum(LEGAL_REGIME_IDS),
    clock: z.string().openapi({ description: 'The clock of the regime, e.g. `decision` (banking and insurance) or `regulatorReply`.' }),
    binding: z.boolean().openapi({ description: 'True: the company must meet it (warnings, misses reported). False: the regulator’s own period, shown for context.' }),
    label: wording,
    startedAt: dateTime,
    dueAt: dateTime.optional().openapi({ description: 'The end of the period’s last day; absent while a stop is open.' }),
    lastDay: z.string().optional(),
    warnAt: z.array(dateTime),
    stopped: z.boolean(),
    missed: z.boolean(),
    extensions: z.array(z.string()),
    ended: z.object({ by: z.enum(LEGAL_CLOCK_ENDS), at: dateTime, onTime: z.boolean() }).optional(),
  })
  .openapi('LegalDeadline', { description: 'A clock a law or regulator sets (domain/legal-regimes.ts), beside the internal ones.' });

export const ComplaintStateSchema = z
  .object({
    number: z.string(),
    channel: z.enum(CHANNELS),
    receivedAt: dateTime,
    receivedBy: z.string(),
    stage: z.enum(STAGES),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    grade: z.enum(GRADES),
    departmentId: z.string(),
    assigneeId: z.string(),
    taskForce: z.object({ leadId: z.string(), memberIds: z.array(z.string()) }),
    escalationLevel: z.int().min(0).max(2),
    escalatedAt: dateTime.openapi({ description: 'When the case last went up the escalation ladder.' }),
    slaBreached: z.boolean(),
    possiblySystemic: z.boolean(),
    paused: z.boolean(),
    triageSuggestion: z.object({
      category: z.enum(CATEGORIES),
      severity: z.enum(SEVERITIES),
      grade: z.enum(GRADES),
      departmentId: z.string(),
      reasons: z.array(z.string()),
      riskKinds: z.array(z.enum(RISK_KINDS)).optional().openapi({ description: 'What the risk words threaten; a major case with legal or media risk gets a review.' }),
      possiblySystemic: z.boolean().optional(),
      rulesVersion: z.int().optional().openapi({ description: 'The triage-rule version that made the suggestion (0: built-in defaults).' }),
    }),
    triageDecision: z.object({ category: z.enum(CATEGORIES), severity: z.enum(SEVERITIES), grade: z.enum(GRADES), departmentId: z.string(), overridden: z.array(z.string()), decidedBy: actorSchema }),
    findings: z.object({
      facts: z.string(),
      rootCause: z.string(),
      responsibility: z.enum(RESPONSIBILITIES),
      evidenceIds: z.array(z.string()),
      apologyOwed: z.boolean().optional().openapi({ description: 'The company was found responsible: a proposal includes an apology or says why not.' }),
    }),
    majorReviews: z
      .array(
        z.object({
          kind: z.enum(MAJOR_REVIEW_KINDS),
          departmentId: z.string(),
          ownerId: z.string().optional(),
          blocksProposal: z.boolean(),
          status: z.enum(['open', 'signed_off', 'ended']),
          triggers: z.array(z.string()),
          openedAt: dateTime,
          dueAt: dateTime.optional(),
          decision: z.enum(MAJOR_REVIEW_DECISIONS).optional(),
          note: z.string().optional(),
          signedOffBy: actorSchema.optional(),
          signedOffAt: dateTime.optional(),
        }),
      )
      .openapi({ description: 'Legal and PR reviews of a major case; a legal review holds the proposal until it is signed off.' }),
    proposal: z.object({
      round: z.int(),
      remedies: z.array(remedyOut),
      totalMinor: z.int(),
      currency: z.string(),
      message: z.string(),
      apologyOmittedReason: z.string().optional(),
      approval: z.object({ requiredRole: z.enum(['supervisor', 'manager']), status: z.enum(['pending', 'approved', 'rejected']) }).optional(),
    }),
    rejectedRounds: z.int(),
    execution: z.object({ ownerId: z.string().optional(), proof: z.string().optional(), completedAt: dateTime.optional() }),
    satisfaction: z.object({ score: z.int().min(1).max(5), comment: z.string().optional() }),
    outcome: z.enum(OUTCOMES),
    closeReason: z.string(),
    duplicateOf: z.string().regex(COMPLAINT_NUMBER).openapi({ description: 'Closed as a duplicate of this complaint.' }),
    closedAt: dateTime,
    firstResponseAt: dateTime,
    followUp: z.object({ status: z.enum(['scheduled', 'due', 'done']), reached: z.boolean().optional(), satisfied: z.boolean().optional(), retained: z.boolean().optional() }),
    reopenCount: z.int(),
    deadlines: z.array(z.union([DeadlineSchema, LegalDeadlineSchema])),
    nextDeadlineAt: dateTime,
    legal: z.object({
      regime: z.enum(LEGAL_REGIME_IDS),
      version: z.string().openapi({ description: 'The regime version followed: the date its text took effect.' }),
      receivedAt: dateTime.openapi({ description: 'When the company received the complaint: the legal clocks count from it.' }),
      regulatorReference: z.string().optional(),
      regulatorOffice: z.string().optional(),
      regulatorDueAt: dateTime.optional(),
      regulatorAcceptedAt: dateTime.optional(),
      stops: z.array(z.object({ clockId: z.string(), reason: z.enum(LEGAL_STOP_REASONS), note: z.string(), by: z.string(), from: dateTime, to: dateTime.optional() })),
    }),
    stateVersion: z.int(),
    lastTransitionAt: dateTime,
    policyVersion: z.string(),
  })
  .partial()
  .required({ stage: true })
  .openapi('ComplaintState', {
    description:
      'The live state of the complaint (from its workflow, or from the database projection when the engine does not answer, in which case fewer fields are present). Customers do not see internal fields (triage, findings, assignee, department, escalation level, task force).',
  });

export const ComplaintDocumentSchema = z
  .object({
    number: z.string(),
    channel: z.enum(CHANNELS),
    complainant: z
      .object({ name: z.string(), phone: z.string().optional(), email: z.string().optional(), customerId: z.string().optional(), locale: z.string(), masked: z.boolean().openapi({ description: 'Phone and e-mail masked (138****8000, w***@example.com): the caller does not handle the case; `POST …/contact-reveal` with a reason shows them.' }) })
      .optional(),
    subject: z.object({ productName: z.string(), orderNumber: z.string(), sku: z.string(), amountMinor: z.int(), currency: z.string() }).partial(),
    description: z.string(),
    occurredAt: dateTime.optional(),
    occurredWhere: z.string().optional(),
    desiredResolution: z.string().optional(),
    receivedAt: dateTime,
    receivedBy: z.string().optional(),
    evidence: z.array(z.object({ id: z.string(), uri: z.string(), note: z.string().optional(), addedBy: z.string(), addedAt: dateTime })),
    duplicates: z.array(z.string().regex(COMPLAINT_NUMBER)).openapi({ description: 'Complaints closed as duplicates of this one.' }),
    problems: z.array(z.object({ id: z.int(), title: z.string(), status: z.enum(PROBLEM_STATUSES) })).optional().openapi({ description: 'Systemic problems the complaint is linked to (staff only).' }),
    state: ComplaintStateSchema,
    access: z.literal('case'),
    actions: z.array(z.enum(COMPLAINT_ACTIONS)).openapi({ description: 'The actions the caller’s role may take in the current stage (the workflow still checks authority and preconditions).' }),
  })
  .openapi('Complaint', { description: 'The complaint as received plus its live state.' });

export const TimelineSchema = z
  .object({
    number: z.string(),
    events: z.array(
      z.object({
        seq: z.int(),
        type: z.string(),
        stage: z.enum(STAGES),
        actor: z.object({ id: z.string().optional().openapi({ description: 'Staff only.' }), role: z.string() }),
        reason: z.string().nullable(),
        data: z.record(z.string(), z.unknown()).openapi({ description: 'Event details; empty for customers.' }),
        internal: z.boolean(),
        occurredAt: dateTime,
      }),
    ),
  })
  .openapi('Timeline', { description: 'Every event of the complaint in order; customers see no internal events.' });

export const IntakeSchema = documented(intakeSchema).openapi('Intake', { description: 'The intake form. Either `complainant.phone` or `complainant.email` is required.' });

export const IntakeAcceptedSchema = z
  .object({
    number: z.string().regex(COMPLAINT_NUMBER),
    stage: z.enum(STAGES),
    receivedAt: dateTime,
    earlierComplaints: z.int().min(0).openapi({ description: 'Complaints this complainant made before (same customer id, phone or e-mail): a repeat complainant when above 0.' }),
    links: z.object({ self: z.string(), timeline: z.string(), tracking: z.string().optional().openapi({ description: 'The complainant’s tracking link (read it out to a caller); its secret is not stored.' }) }),
  })
  .openapi('IntakeAccepted');

export const ActionResultSchema = z
  .object({
    number: z.string().regex(COMPLAINT_NUMBER),
    action: z.enum(COMPLAINT_ACTIONS),
    state: ComplaintStateSchema,
    contact: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }).optional().openapi({ description: 'With `contact-reveal` only: the complainant’s contact data.' }),
  })
  .openapi('ActionResult', { description: 'The action was accepted; `state` is the complaint after it.' });

export const CustomerViewSchema = z
  .object({
    number: z.string().regex(COMPLAINT_NUMBER),
    channel: z.enum(CHANNELS),
    receivedAt: dateTime,
    locale: z.enum(LOCALES),
    product: z.string().nullable(),
    description: z.string(),
    stage: z.object({ code: z.enum(STAGES), label: z.string() }),
    promised: z
      .object({
        firstContactBy: dateTime,
        replyBy: dateTime,
        answerProposalBy: dateTime,
        rateBy: dateTime,
        reopenUntil: dateTime,
        legalAnswerBy: z.object({ by: dateTime, lastDay: z.string().optional(), regime: z.string() }).openapi({ description: 'Under a legal regime: the company must answer by this time by law (依法应于 … 前答复); `lastDay` is the day in the organisation’s time zone.' }),
      })
      .partial(),
    proposal: z
      .object({
        round: z.int(),
        message: z.string(),
        remedies: z.array(z.object({ type: z.enum(REMEDY_TYPES), label: z.string(), amountMinor: z.int().optional(), currency: z.string().optional(), description: z.string().optional() })),
        totalMinor: z.int(),
        currency: z.string(),
      })
      .optional(),
    outcome: z.object({ code: z.enum(OUTCOMES), label: z.string(), reason: z.string().optional() }).optional(),
    satisfaction: z.object({ score: z.int().min(1).max(5) }).optional(),
    evidence: z.array(z.object({ uri: z.string(), note: z.string().optional(), addedAt: dateTime, byYou: z.boolean() })),
    history: z.array(z.object({ at: dateTime, what: z.string(), by: z.string().openapi({ description: 'A role in words, never a staff id.' }), text: z.string().optional() })),
    actions: z.array(z.enum(CUSTOMER_ACTIONS)),
  })
  .openapi('CustomerView', { description: 'What a complainant sees (allowlist): stage in plain words, promised dates, the proposal sent to them, their own evidence and words, replies addressed to them, the outcome, and the actions open now. No staff ids, internal notes, reasons or contact data.' });

export const FrontDeskViewSchema = CustomerViewSchema.omit({ actions: true })
  .extend({
    access: z.literal('front_desk'),
    complainant: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional(), masked: z.literal(true) }),
    actions: z.array(z.enum(FRONT_DESK_ACTIONS as [string, ...string[]])).openapi({ description: 'What the agent may do for the complainant now: add information, withdraw, ask to reopen, a note, a contact reveal with a reason.' }),
  })
  .openapi('FrontDeskView', {
    description: 'A complaint outside the agent’s scope, opened by its exact number (“where is my complaint?”): what the complainant sees, with their contact data masked (`POST …/contact-reveal` with a reason shows it, and is audited).',
  });

export const FrontDeskActionResultSchema = z
  .object({ number: z.string().regex(COMPLAINT_NUMBER), action: z.enum(COMPLAINT_ACTIONS), view: FrontDeskViewSchema, contact: ActionResultSchema.shape.contact })
  .openapi('FrontDeskActionResult');

export const CustomerActionResultSchema = z
  .object({ number: z.string().regex(COMPLAINT_NUMBER), action: z.enum(COMPLAINT_ACTIONS), view: CustomerViewSchema })
  .openapi('CustomerActionResult');

export const ListPageSchema = z
  .object({ items: z.array(ComplaintSummarySchema), page: z.int(), pageSize: z.int(), total: z.int() })
  .openapi('ComplaintPage');

export const SummaryItemsSchema = z.object({ items: z.array(ComplaintSummarySchema) });

export const WorkQueueSchema = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(WORK_KINDS),
        dueAt: nullableDateTime,
        breached: z.boolean().openapi({ description: 'The case is SLA-breached or its due time has passed.' }),
        complaint: ComplaintSummarySchema,
      }),
    ),
    counts: z.object(Object.fromEntries(WORK_KINDS.map((k) => [k, z.int().min(0)])) as Record<WorkKind, z.ZodInt>),
  })
  .openapi('WorkQueue');

export const TeamSchema = z
  .object({
    items: z.array(
      z.object({
        staffId: z.string(),
        name: z.string(),
        role: z.enum(ROLES),
        departmentId: z.string(),
        available: z.boolean().openapi({ description: 'Active and not marked away now.' }),
        openItems: z.int().min(0),
        breachedItems: z.int().min(0),
        oldestDueAt: nullableDateTime,
      }),
    ),
  })
  .openapi('Team');

export const DeliveryStatusSchema = documented(deliveryStatusSchema).openapi('DeliveryStatus', { description: 'One notification (a row of the outbox) and how its delivery went; no message bodies.' });
export const InboxItemSchema = documented(inboxItemSchema).openapi('InboxItem');
export const InboxPageSchema = documented(inboxPageSchema).openapi('InboxPage');

export const CalendarYearSchema = documented(calendarYearBodySchema).openapi('CalendarYear', { description: 'One year of a business calendar: public holidays and make-up working days (调休).' });
export const CalendarSchema = documented(calendarDataSchema).openapi('Calendar', { description: 'A business calendar: working hours, weekend days and the data of every loaded year.' });
export const StaffBodySchema = documented(staffBodySchema).openapi('StaffInput');

export const StaffMemberSchema = staffSelectSchema
  .extend({
    locale: z.enum(LOCALES),
    preferences: z.object({ channels: z.array(z.enum(['email', 'webhook', 'in_app'])).optional() }),
    awayFrom: nullableDateTime,
    awayUntil: nullableDateTime,
    lastAssignedAt: nullableDateTime,
  })
  .openapi('StaffMember', { description: 'A row of the staff directory.' });

export const rate = z.number().min(0).max(1).nullable().openapi({ description: 'A ratio between 0 and 1; null when there is nothing to divide by.' });

export const RateSchema = z
  .object({ value: rate, part: z.int().openapi({ description: 'Counted (numerator).' }), whole: z.int().openapi({ description: 'Counted from (denominator).' }) })
  .openapi('Rate', { description: 'A rate with its parts, so a reader can check it; `part ≤ whole` always.' });
export const BreakdownSchema = { volume: z.int(), handlingRate: RateSchema, slaBreachRate: RateSchema, satisfiedRate: RateSchema, firstContactResolutionRate: RateSchema };
export const ReportSummarySchema = z
  .object({
    period: z.object({ from: dateTime, to: dateTime, utcOffsetMinutes: z.int(), interval: z.enum(TREND_INTERVALS) }),
    filters: z.object({ category: z.enum(CATEGORIES).nullable(), departmentId: z.string().nullable(), channel: z.enum(CHANNELS).nullable(), product: z.string().nullable() }),
    figures: z
      .object({
        volume: z.int(),
        handlingRate: RateSchema,
        firstContactResolutionRate: RateSchema,
        acknowledgedWithin24hRate: RateSchema,
        firstResponseWithin24hRate: RateSchema,
        slaBreachRate: RateSchema,
        satisfiedRate: RateSchema,
        meanSatisfaction: z.number().nullable(),
        escalations: z.int(),
        escalationRate: RateSchema,
        reopenRate: RateSchema,
      })
      .openapi({ description: 'Each figure as defined in docs/kpis.md (domain/kpis.ts).' }),
    targets: z.record(z.string(), z.object({ atLeast: z.number().optional(), atMost: z.number().optional() })),
    closed: z.int(),
    stages: z.record(z.enum(STAGES), z.object({ entered: z.int(), breachRate: RateSchema, timed: z.int(), meanSeconds: z.number().nullable(), p90Seconds: z.number().nullable() })),
    trend: z.array(z.object({ bucket: z.string().openapi({ description: 'First local day of the bucket, YYYY-MM-DD.' }), ...BreakdownSchema })),
    byDepartment: z.array(z.object({ departmentId: z.string().nullable(), ...BreakdownSchema })),
    byStaff: z.array(z.object({ staffId: z.string().nullable(), name: z.string().nullable(), ...BreakdownSchema })),
    legal: z
      .array(z.object({ regime: z.string(), complaints: z.int(), onTime: z.int(), late: z.int(), onTimeRate: RateSchema }))
      .openapi({ description: 'Legal clocks per regime: binding clocks met on time, and late (missed at their due time, or met after it), with the on-time rate.' }),
    hotSpots: z.array(z.object({ category: z.enum(CATEGORIES).nullable(), productKey: z.string().nullable(), productName: z.string().nullable(), complaints: z.int(), share: rate })),
    repeatComplainants: z.array(
      z.object({
        complainant: z.string().openapi({ description: '`customer:<id>`, or an opaque reference derived from the keyed hash of the phone or e-mail (never contact data).' }),
        customerId: z.string().nullable(),
        complaints: z.int(),
        numbers: z.array(z.string()),
      }),
    ),
    repeatProducts: z.array(z.object({ productKey: z.string(), productName: z.string().nullable(), complaints: z.int() })),
    openProblems: z.array(z.object({ id: z.int(), title: z.string(), status: z.string(), ownerId: z.string().nullable(), dueDate: z.string().nullable(), overdue: z.boolean(), ageDays: z.int(), complaints: z.int() })),
  })
  .openapi('ReportSummary', { description: 'Key figures (SPEC §7) for the period and filters asked for, over complaints received in the period. No contact data.' });

export const ProblemSchema = z
  .object({
    id: z.int(),
    title: z.string(),
    description: z.string().nullable(),
    origin: z.enum(PROBLEM_ORIGINS),
    category: z.enum(CATEGORIES).nullable(),
    productKey: z.string().nullable(),
    status: z.enum(PROBLEM_STATUSES),
    correctiveAction: z.string().nullable(),
    ownerId: z.string().nullable(),
    dueDate: z.string().nullable(),
    resolution: z.string().nullable(),
    openedBy: z.string(),
    openedAt: dateTime,
    resolvedAt: dateTime.nullable(),
    ageDays: z.int(),
    complaints: z.int().openapi({ description: 'Linked complaints.' }),
  })
  .openapi('Problem', { description: 'A systemic problem: open → acting (corrective action, owner, due date) → resolved (resolution).' });

// ─── Parameters and headers ──────────────────────────────────────────────────────────────────────

export const numberParam = z.object({
  number: z
    .string()
    .regex(COMPLAINT_NUMBER)
    .openapi({ description: 'Complaint number, CMP-YYYYMMDD-NNNNNN.', example: 'CMP-20250312-000042' }),
});

export const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,200}$/)
    .optional()
    .openapi({
      description:
        'Optional. A repeat with the same key and body returns the first answer (with `Idempotent-Replayed: true`) instead of acting twice; the same key with a different body is a 422.',
    }),
});


// ─── The answers' types: the read side declares what it returns with these ───────────────────────

export const AuditEntrySchema = auditLogSelectSchema
  .extend({ occurredAt: dateTime, before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()).nullable() })
  .openapi('AuditEntry', {
    description: `One administrative change or sensitive read. Actions: ${Object.entries(AUDIT_ACTIONS)
      .map(([name, meaning]) => `\`${name}\` — ${meaning}`)
      .join(' ')}`,
  });

const deadlineMoveSchema = z.object({
  clock: z.string().openapi({ description: 'An internal clock (`reply`, `progressUpdate`, …) or a legal one (`regime:clock`).' }),
  legal: z.boolean(),
  from: dateTime,
  to: dateTime,
});

export const ReplanAnswerSchema = z
  .object({
    policyVersion: z.string().openapi({ description: 'The policy the complaints move onto: the one new complaints start with now.' }),
    dryRun: z.boolean(),
    complaints: z.array(
      z.object({
        number: z.string(),
        status: z.enum(['preview', 'replanned', 'unchanged', 'not_found', 'not_running', 'failed']),
        policyVersion: z.object({ from: z.string(), to: z.string() }).optional(),
        moves: z.array(deadlineMoveSchema).optional(),
        applied: z.boolean().optional(),
        message: z.string().optional(),
      }),
    ),
  })
  .openapi('ReplanAnswer');

export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), next: z.int().nullable().openapi({ description: 'Pass as `before` for the next (older) page; null at the end.' }) }).openapi('AuditPage');

export type ComplaintSummary = z.infer<typeof ComplaintSummarySchema>;
export type ComplaintDocument = z.infer<typeof ComplaintDocumentSchema>;
export type FrontDeskView = z.infer<typeof FrontDeskViewSchema>;
export type WorkQueue = z.infer<typeof WorkQueueSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type SummaryReport = z.infer<typeof ReportSummarySchema>;
export type StaffMember = z.infer<typeof StaffMemberSchema>;
export type ErrorBody = z.infer<typeof ErrorSchema>;

/**
 * The one check left: the workflow's view of a complaint (`ComplaintView`, a type of the workflow,
 * which cannot depend on the API) has the fields the document says, no more and no fewer.
 */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : { missingOrExtra: [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] };
export const _stateInSync: SameKeys<z.infer<typeof ComplaintStateSchema>, ComplaintView> = true;
