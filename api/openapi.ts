/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the zod schemas the routes validate with
 * (intake, list query, every action payload, admin bodies), so the document cannot drift from what
 * the API accepts. Responses the routes build by hand are described here by small zod schemas; the
 * type-level checks at the bottom fail compilation when those shapes gain or lose a field.
 *
 * One table (OPERATIONS) drives both the document and `ROUTES`, the list a test compares with the
 * routes Express actually serves.
 */
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { complaintSelectSchema, notificationSelectSchema, staffSelectSchema } from '../db/schema';
import { ACTION_RULES, COMPLAINT_ACTIONS, type ComplaintActionName } from '../domain/actions';
import { ACTION_SCHEMAS } from './schemas/actions';
import { calendarDataSchema } from '../domain/calendar-file';
import { intakeSchema, LOCALES } from '../domain/intake';
import { CATEGORIES, CHANNELS, GRADES, OUTCOMES, REMEDY_TYPES, RESPONSIBILITIES, ROLES, SEVERITIES, STAGES, type Role } from '../domain/model';
import { CUSTOMER_ACTIONS, type CustomerView } from './customer-view';
import { PERMISSIONS, type Action } from '../domain/permissions';
import type { DeliveryStatusItem, InboxItem, InboxPage } from '../notifications/inbox';
import type { ComplaintView } from '../workflows/types';
import type { ErrorBody } from './errors';
import { calendarYearBodySchema, staffBodySchema, type staffMember } from './routes/admin';
import { operatorNotificationsQuerySchema, resendBodySchema } from './routes/work';
import { COMPLAINT_NUMBER, listQuerySchema, stuckQuerySchema, WORK_KINDS, type ComplaintDocument, type ReadModel, type summary, type WorkKind } from './read-model';
import { inboxQuerySchema } from './routes/inbox';
import { reportQuerySchema, TREND_INTERVALS, type summaryReport } from './report-queries';
import { REPORT_TABLES } from './report-tables';
import { problemCreateSchema, problemLinkSchema, problemListQuerySchema, problemUpdateSchema } from './routes/problems';
import { PROBLEM_ORIGINS, PROBLEM_STATUSES } from '../domain/problems';

extendZodWithOpenApi(z);

/**
 * `.openapi()` for a schema built elsewhere. zod v4 copies prototype methods onto each instance when
 * it is constructed, so schemas created before `extendZodWithOpenApi` ran (every imported one) lack
 * `.openapi`; a clone made now has it. The clone shares the definition, checks included.
 */
function documented<T extends z.ZodType>(schema: T): T {
  return typeof (schema as { openapi?: unknown }).openapi === 'function' ? schema : schema.clone();
}

export const API_VERSION = '0.1.0';

// ─── Shared component schemas ────────────────────────────────────────────────────────────────────

const dateTime = z.iso.datetime({ offset: true });
const nullableDateTime = dateTime.nullable();

const FieldErrorSchema = z.object({
  path: z.string().openapi({ description: 'Dotted path of the offending value, e.g. `body.complainant.phone` or `query.page`.' }),
  message: z.string(),
});

const ErrorSchema = z
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

const ComplaintSummarySchema = complaintSelectSchema
  .pick({ channel: true, stage: true, category: true, severity: true, grade: true, departmentId: true, assigneeId: true, slaBreached: true, possiblySystemic: true, outcome: true })
  .extend({
    number: z.string().regex(COMPLAINT_NUMBER),
    escalationLevel: z.int().min(0).max(2),
    nextDeadlineAt: nullableDateTime,
    receivedAt: dateTime,
    lastTransitionAt: dateTime,
    productName: z.string().nullable(),
  })
  .openapi('ComplaintSummary', { description: 'A complaint in a list (columns of the complaints table): no contact data.' });

const actorSchema = z.object({ id: z.string(), role: z.enum(ROLES), departmentId: z.string().optional() });
const remedyOut = z.looseObject({ type: z.string(), amountMinor: z.int().optional(), currency: z.string().optional(), description: z.string().optional() });

const DeadlineSchema = z.object({
  kind: z.string().openapi({ description: 'Which clock, e.g. `firstResponse`, `reply`, `customerResponse`.' }),
  dueAt: dateTime,
  remindAt: dateTime,
  paused: z.boolean(),
  breached: z.boolean(),
  breachCount: z.int(),
  reminded: z.boolean(),
});

const ComplaintStateSchema = z
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
    triageSuggestion: z.looseObject({
      category: z.enum(CATEGORIES),
      severity: z.enum(SEVERITIES),
      grade: z.enum(GRADES),
      departmentId: z.string(),
      reasons: z.array(z.string()),
    }),
    triageDecision: z.looseObject({ category: z.enum(CATEGORIES), severity: z.enum(SEVERITIES), grade: z.enum(GRADES), departmentId: z.string(), overridden: z.array(z.string()), decidedBy: actorSchema }),
    findings: z.looseObject({ facts: z.string(), rootCause: z.string(), responsibility: z.enum(RESPONSIBILITIES), evidenceIds: z.array(z.string()) }),
    proposal: z.looseObject({
      round: z.int(),
      remedies: z.array(remedyOut),
      totalMinor: z.int(),
      currency: z.string(),
      message: z.string(),
      approval: z.looseObject({ requiredRole: z.enum(['supervisor', 'manager']), status: z.enum(['pending', 'approved', 'rejected']) }).optional(),
    }),
    rejectedRounds: z.int(),
    execution: z.object({ ownerId: z.string().optional(), proof: z.string().optional(), completedAt: dateTime.optional() }),
    satisfaction: z.object({ score: z.int().min(1).max(5), comment: z.string().optional() }),
    outcome: z.enum(OUTCOMES),
    closeReason: z.string(),
    duplicateOf: z.string().regex(COMPLAINT_NUMBER).openapi({ description: 'Closed as a duplicate of this complaint.' }),
    closedAt: dateTime,
    firstResponseAt: dateTime,
    followUp: z.looseObject({ status: z.enum(['scheduled', 'due', 'done']) }),
    reopenCount: z.int(),
    deadlines: z.array(DeadlineSchema),
    nextDeadlineAt: dateTime,
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

const ComplaintDocumentSchema = z
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
  })
  .openapi('Complaint', { description: 'The complaint as received plus its live state.' });

const TimelineSchema = z
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

const IntakeSchema = documented(intakeSchema).openapi('Intake', { description: 'The intake form. Either `complainant.phone` or `complainant.email` is required.' });

const IntakeAcceptedSchema = z
  .object({
    number: z.string().regex(COMPLAINT_NUMBER),
    stage: z.enum(STAGES),
    receivedAt: dateTime,
    links: z.object({ self: z.string(), timeline: z.string() }),
  })
  .openapi('IntakeAccepted');

const ActionResultSchema = z
  .object({
    number: z.string().regex(COMPLAINT_NUMBER),
    action: z.enum(COMPLAINT_ACTIONS),
    state: ComplaintStateSchema,
    contact: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }).optional().openapi({ description: 'With `contact-reveal` only: the complainant’s contact data.' }),
  })
  .openapi('ActionResult', { description: 'The action was accepted; `state` is the complaint after it.' });

const CustomerViewSchema = z
  .object({
    number: z.string().regex(COMPLAINT_NUMBER),
    channel: z.enum(CHANNELS),
    receivedAt: dateTime,
    locale: z.enum(LOCALES),
    product: z.string().nullable(),
    description: z.string(),
    stage: z.object({ code: z.enum(STAGES), label: z.string() }),
    promised: z.object({ firstContactBy: dateTime, replyBy: dateTime, answerProposalBy: dateTime, rateBy: dateTime, reopenUntil: dateTime }).partial(),
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

const CustomerActionResultSchema = z
  .object({ number: z.string().regex(COMPLAINT_NUMBER), action: z.enum(COMPLAINT_ACTIONS), view: CustomerViewSchema })
  .openapi('CustomerActionResult');

const ListPageSchema = z
  .object({ items: z.array(ComplaintSummarySchema), page: z.int(), pageSize: z.int(), total: z.int() })
  .openapi('ComplaintPage');

const SummaryItemsSchema = z.object({ items: z.array(ComplaintSummarySchema) });

const WorkQueueSchema = z
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

const TeamSchema = z
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

const DeliveryStatusSchema = notificationSelectSchema
  .pick({ id: true, kind: true, recipientType: true, recipientId: true, channel: true, status: true, lastError: true })
  .extend({
    attempts: z.int().min(0),
    createdAt: dateTime,
    sentAt: nullableDateTime,
    readAt: nullableDateTime.openapi({ description: 'In-app notifications: when the recipient read it.' }),
  })
  .openapi('DeliveryStatus', { description: 'One notification (a row of the outbox) and how its delivery went; no message bodies.' });

const InboxItemSchema = z
  .object({
    id: z.string(),
    complaintNumber: z.string(),
    kind: z.string(),
    subject: z.string(),
    bodyText: z.string(),
    bodyHtml: z.string().nullable(),
    locale: z.string(),
    createdAt: dateTime,
    readAt: nullableDateTime,
    read: z.boolean(),
  })
  .openapi('InboxItem');

const InboxPageSchema = z
  .object({
    items: z.array(InboxItemSchema),
    nextCursor: z.string().optional().openapi({ description: 'Pass as `cursor` for the next (older) page; absent on the last page.' }),
    unreadCount: z.int().min(0),
  })
  .openapi('InboxPage');

const CalendarYearSchema = documented(calendarYearBodySchema).openapi('CalendarYear', { description: 'One year of a business calendar: public holidays and make-up working days (调休).' });
const CalendarSchema = documented(calendarDataSchema).openapi('Calendar', { description: 'A business calendar: working hours, weekend days and the data of every loaded year.' });
const StaffBodySchema = documented(staffBodySchema).openapi('StaffInput');

const StaffMemberSchema = staffSelectSchema
  .extend({
    locale: z.enum(LOCALES),
    preferences: z.object({ channels: z.array(z.enum(['email', 'webhook', 'in_app'])).optional() }),
    awayFrom: nullableDateTime,
    awayUntil: nullableDateTime,
    lastAssignedAt: nullableDateTime,
  })
  .openapi('StaffMember', { description: 'A row of the staff directory.' });

const rate = z.number().min(0).max(1).nullable().openapi({ description: 'A ratio between 0 and 1; null when there is nothing to divide by.' });

const RateSchema = z
  .object({ value: rate, part: z.int().openapi({ description: 'Counted (numerator).' }), whole: z.int().openapi({ description: 'Counted from (denominator).' }) })
  .openapi('Rate', { description: 'A rate with its parts, so a reader can check it; `part ≤ whole` always.' });
const BreakdownSchema = { volume: z.int(), handlingRate: RateSchema, slaBreachRate: RateSchema, satisfiedRate: RateSchema, firstContactResolutionRate: RateSchema };
const ReportSummarySchema = z
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

const ProblemSchema = z
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

const numberParam = z.object({
  number: z
    .string()
    .regex(COMPLAINT_NUMBER)
    .openapi({ description: 'Complaint number, CMP-YYYYMMDD-NNNNNN.', example: 'CMP-20250312-000042' }),
});

const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,200}$/)
    .optional()
    .openapi({
      description:
        'Optional. A repeat with the same key and body returns the first answer (with `Idempotent-Replayed: true`) instead of acting twice; the same key with a different body is a 422.',
    }),
});

// ─── Error responses ─────────────────────────────────────────────────────────────────────────────

const ERROR_RESPONSES = {
  400: { name: 'ValidationFailed', description: 'Invalid request: `validation_failed` with one `fields` entry per problem, or `malformed_json`.', example: { error: { code: 'validation_failed', message: 'invalid request: body.description', fields: [{ path: 'body.description', message: 'Too small: expected string to have >=1 characters' }], requestId: '3f0c…' } } },
  401: { name: 'Unauthorized', description: 'No bearer token, or it is invalid or expired (`unauthorized`).', example: { error: { code: 'unauthorized', message: 'missing bearer token', requestId: '3f0c…' } } },
  403: { name: 'Forbidden', description: 'The caller’s role may not do this, or not to this complaint (`forbidden`).', example: { error: { code: 'forbidden', message: 'role customer may not list', requestId: '3f0c…' } } },
  404: { name: 'NotFound', description: 'No such resource, or not visible to the caller (`not_found`).', example: { error: { code: 'not_found', message: 'complaint not found', requestId: '3f0c…' } } },
  409: { name: 'Conflict', description: 'The complaint is in a stage where this is not possible (`wrong_stage`, with `stage`), or a request with the same Idempotency-Key is still running (`request_in_progress`).', example: { error: { code: 'wrong_stage', message: 'triage is not possible in stage closed', stage: 'closed', requestId: '3f0c…' } } },
  413: { name: 'PayloadTooLarge', description: 'The body exceeds 64 kB (`payload_too_large`).', example: { error: { code: 'payload_too_large', message: 'request body is too large', requestId: '3f0c…' } } },
  422: { name: 'Unprocessable', description: 'This Idempotency-Key was used before with a different request (`idempotency_key_reused`), or the database refused the action’s data and nothing was changed (`not_stored`).', example: { error: { code: 'idempotency_key_reused', message: 'this Idempotency-Key was used with a different request', requestId: '3f0c…' } } },
  503: { name: 'Unavailable', description: 'PostgreSQL or the workflow engine does not answer (`unavailable`); nothing was done. Retry after `Retry-After` seconds, with the same Idempotency-Key.', example: { error: { code: 'unavailable', message: 'the database is not available; retry shortly', requestId: '3f0c…' } } },
} as const satisfies Record<number, { name: string; description: string; example: ErrorBody }>;

type ErrorStatus = keyof typeof ERROR_RESPONSES;

// ─── Operations ──────────────────────────────────────────────────────────────────────────────────

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call: a permission of the role matrix, any signed-in caller, or anyone (no token). */
type Access = { permission: Action } | 'authenticated' | 'public';

interface OperationSpec {
  method: Method;
  /** OpenAPI form: `/complaints/{number}`. */
  path: string;
  /** The Express pattern that serves it, when not just `path` with `{x}` → `:x`. */
  expressPath?: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  request?: RouteConfig['request'];
  responses: Record<number, ResponseConfig>;
  errors: ErrorStatus[];
}

export interface DocumentedRoute {
  /** Lower case, as in OpenAPI path items and Express `route.methods`. */
  method: Method;
  /** OpenAPI path, e.g. `/complaints/{number}/triage`. */
  path: string;
  /** Express pattern serving it, e.g. `/complaints/:number/:action`. */
  expressPath: string;
  operationId: string;
  tag: string;
  /** The permission checked (PERMISSIONS), or 'authenticated' / 'public'. */
  access: Action | 'authenticated' | 'public';
  /** Roles that may call it. */
  roles: readonly Role[];
}

const TAGS = [
  { name: 'Complaints', description: 'Receiving, reading and listing complaints.' },
  { name: 'Complaint actions', description: 'One route per lifecycle action; each is forwarded to the complaint’s workflow, whose validator has the last word (stage, authority tiers).' },
  { name: 'Work', description: 'Queues people work from.' },
  { name: 'Notifications', description: 'Delivery status and the in-app inbox.' },
  { name: 'Reports', description: 'Key figures.' },
  { name: 'Tracking', description: 'Complainants without an account: the tracking page and its link.' },
  { name: 'Administration', description: 'Business calendars and the staff directory.' },
  { name: 'Operations', description: 'Health, readiness, metrics and this documentation. No token needed.' },
];

const json = (schema: z.ZodType, description: string): ResponseConfig => ({ description, content: { 'application/json': { schema } } });
const noContent = (description: string): ResponseConfig => ({ description });
const jsonBody = (schema: z.ZodType, description?: string) => ({ required: true, description, content: { 'application/json': { schema } } });

function actionOperation(action: ComplaintActionName): OperationSpec {
  const rule = ACTION_RULES[action];
  return {
    method: 'post',
    path: `/complaints/{number}/${rule.route}`,
    expressPath: '/complaints/:number/:action',
    operationId: action,
    tag: 'Complaint actions',
    summary: rule.summary,
    description: `Forwards \`${action}\` to the complaint’s workflow as an update and answers with the resulting state. **Stages:** ${rule.stages.join(', ')}. The role list below is necessary, not sufficient: the workflow also checks the stage and, for money, the approver’s authority tier.`,
    access: { permission: action },
    request: { params: numberParam, headers: idempotencyHeader, body: jsonBody(ACTION_SCHEMAS[action]) },
    responses: { 200: json(z.union([ActionResultSchema, CustomerActionResultSchema]), 'Accepted; the complaint after the action (for a complainant: their view).') },
    errors: [400, 401, 403, 404, 409, 413, 422],
  };
}

const OPERATIONS: OperationSpec[] = [
  {
    method: 'post',
    path: '/complaints',
    operationId: 'receiveComplaint',
    tag: 'Complaints',
    summary: 'Receive a complaint',
    description: 'Stores the intake, allocates a number and starts the complaint’s workflow. Customers file their own complaints; staff record complaints received by phone, in a store, by letter or from a regulator.',
    access: { permission: 'intake' },
    request: { headers: idempotencyHeader, body: jsonBody(IntakeSchema) },
    responses: {
      201: {
        description: 'Received.',
        headers: {
          Location: { description: 'The new complaint, `/complaints/{number}`.', schema: { type: 'string' } },
          'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
        },
        content: { 'application/json': { schema: IntakeAcceptedSchema } },
      },
    },
    errors: [400, 401, 403, 409, 413, 422],
  },
  {
    method: 'get',
    path: '/complaints',
    operationId: 'listComplaints',
    tag: 'Complaints',
    summary: 'List complaints',
    description: 'Filters combine with AND; `q` searches the description. Sorting defaults to newest first.',
    access: { permission: 'list' },
    request: { query: listQuerySchema.extend({ escalationLevel: documented(listQuerySchema.shape.escalationLevel).openapi({ type: 'integer' }) }) },
    responses: { 200: json(ListPageSchema, 'One page of complaints.') },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/complaints/{number}',
    operationId: 'getComplaint',
    tag: 'Complaints',
    summary: 'Read a complaint',
    description: 'Customers may read only their own complaints and see no internal fields.',
    access: { permission: 'read' },
    request: { params: numberParam },
    responses: { 200: json(z.union([ComplaintDocumentSchema, CustomerViewSchema]), 'The complaint (staff), or the complainant’s view (customers).') },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/complaints/{number}/timeline',
    operationId: 'getComplaintTimeline',
    tag: 'Complaints',
    summary: 'Timeline of a complaint',
    description: 'Staff (permission `readInternal`) also see internal events, actor ids and event data.',
    access: { permission: 'read' },
    request: { params: numberParam },
    responses: { 200: json(z.union([TimelineSchema, z.object({ number: z.string(), history: CustomerViewSchema.shape.history })]), 'The events in order (staff), or the complainant’s history in plain words (customers).') },
    errors: [400, 401, 403, 404],
  },
  ...COMPLAINT_ACTIONS.map(actionOperation),
  {
    method: 'post',
    path: '/complaints/{number}/tracking-link',
    operationId: 'reissueTrackingLink',
    tag: 'Tracking',
    summary: 'Give the complainant a new tracking link',
    description: 'The old link stops working at once. Give the new one to the complainant (it is not sent).',
    access: { permission: 'readInternal' },
    request: { params: numberParam },
    responses: { 201: json(z.object({ number: z.string(), url: z.string() }), 'The new link.') },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'delete',
    path: '/complaints/{number}/tracking-link',
    operationId: 'revokeTrackingLink',
    tag: 'Tracking',
    summary: 'Revoke the complainant’s tracking link',
    description: 'The page then answers exactly like for an unknown number.',
    access: { permission: 'readInternal' },
    request: { params: numberParam },
    responses: { 204: noContent('Revoked.') },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/track/{number}',
    operationId: 'getTrackingPage',
    tag: 'Tracking',
    summary: 'The complainant’s tracking page (HTML)',
    description: 'Opened from the link in the acknowledgement (`/track/{number}#<secret>`); mobile-friendly, Simplified Chinese by default, `?lang=en` for English.',
    access: 'public',
    request: { params: numberParam },
    responses: { 200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } } },
    errors: [404],
  },
  {
    method: 'get',
    path: '/track/api/{number}',
    operationId: 'getTrackedComplaint',
    tag: 'Tracking',
    summary: 'The complainant’s view, by tracking link',
    description: 'Header `X-Tracking-Secret`: the secret of the link. A wrong secret, a revoked link and an unknown number get the same 404; 20 failed attempts from one client in 15 minutes get 429.',
    access: 'public',
    request: { params: numberParam, headers: z.object({ 'X-Tracking-Secret': z.string() }) },
    responses: { 200: json(CustomerViewSchema, 'The complainant’s view.'), 429: json(ErrorSchema, 'Too many failed attempts (`Retry-After`).') },
    errors: [404],
  },
  {
    method: 'post',
    path: '/track/api/{number}/{action}',
    operationId: 'actOnTrackedComplaint',
    tag: 'Tracking',
    summary: 'A complainant’s action, by tracking link',
    description: 'The same workflow updates and answers as the API: `customer-response`, `satisfaction`, `notes`, `evidence`, `withdrawal`, `reopening` (409 with the current stage, 400 naming fields).',
    access: 'public',
    request: { params: numberParam.extend({ action: z.enum(['customer-response', 'satisfaction', 'notes', 'evidence', 'withdrawal', 'reopening']) }), headers: z.object({ 'X-Tracking-Secret': z.string() }), body: jsonBody(z.object({}).passthrough(), 'The action’s payload, as for the API route of the same name.') },
    responses: { 200: json(CustomerViewSchema, 'Done; the complainant’s view after it.'), 429: json(ErrorSchema, 'Too many failed attempts.') },
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: '/complaints/{number}/notifications',
    operationId: 'getComplaintNotifications',
    tag: 'Notifications',
    summary: 'Delivery status of a complaint’s notifications',
    description: 'Every notification sent about the complaint, oldest first, with delivery attempts and the last error. No message bodies.',
    access: { permission: 'readInternal' },
    request: { params: numberParam },
    responses: { 200: json(z.object({ items: z.array(DeliveryStatusSchema) }), 'Notifications, oldest first.') },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/me/work',
    operationId: 'getMyWork',
    tag: 'Work',
    summary: 'My work queue',
    description:
      'Everything waiting on the caller, nearest due time first: complaints they own (`case`), approvals their tier may grant (`approval`; supervisors in their department, managers in any), follow-up visits assigned to them (`visit`) and task forces they are in (`task_force`), with counts per kind.',
    access: { permission: 'list' },
    responses: { 200: json(WorkQueueSchema, 'The caller’s queue.') },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/supervision/team',
    operationId: 'getMyTeam',
    tag: 'Work',
    summary: 'My team’s workload',
    description: 'Per person reporting to the caller (`supervisorId` in the staff directory): open items, breached items and the oldest due time.',
    access: { permission: 'reports' },
    responses: { 200: json(TeamSchema, 'One row per direct report.') },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/supervision/stuck',
    operationId: 'getStuckComplaints',
    tag: 'Work',
    summary: 'Breached or stuck complaints',
    description: 'Open complaints whose deadline was breached, or (unless `breachedOnly`) that have not moved for `olderThanMinutes`. Least recently moved first.',
    access: { permission: 'reports' },
    // A default after a transform is an output value (false); the query string carries 'false'.
    request: { query: stuckQuerySchema.extend({ breachedOnly: documented(stuckQuerySchema.shape.breachedOnly).openapi({ default: 'false' }) }) },
    responses: { 200: json(SummaryItemsSchema.extend({ olderThanMinutes: z.int().optional() }), 'Complaints needing attention.') },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/supervision/notifications',
    operationId: 'listNotificationsNeedingDecision',
    tag: 'Notifications',
    summary: 'Notifications that need a person’s decision',
    description: '`unconfirmed`: an attempt may or may not have delivered it (not retried, to avoid a duplicate); `failed`: not delivered, with the reason. Oldest first; no message bodies.',
    access: { permission: 'reports' },
    request: { query: operatorNotificationsQuerySchema.extend({ status: documented(operatorNotificationsQuerySchema.shape.status).openapi({ default: 'unconfirmed' }) }) },
    responses: { 200: json(z.object({ items: z.array(DeliveryStatusSchema.extend({ complaintNumber: z.string() })) }), 'The notifications.') },
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/supervision/notifications/{id}/resend',
    operationId: 'resendNotification',
    tag: 'Notifications',
    summary: 'Send an unconfirmed or failed notification (again)',
    description: 'A person’s decision after checking the mail server or receiver: the row goes back to `pending` with the decision noted, and the worker’s outbox sweep delivers it within a minute.',
    access: { permission: 'reports' },
    request: { params: z.object({ id: z.string().min(1).max(400) }), body: jsonBody(documented(resendBodySchema)) },
    responses: { 202: json(z.object({ id: z.string(), status: z.literal('pending') }), 'Queued for delivery.') },
    errors: [400, 401, 403, 409],
  },
  {
    method: 'get',
    path: '/inbox',
    operationId: 'getInbox',
    tag: 'Notifications',
    summary: 'My in-app notifications',
    description: 'The caller’s own in-app notifications, newest first, paged by cursor.',
    access: 'authenticated',
    request: { query: inboxQuerySchema.extend({ unreadOnly: documented(inboxQuerySchema.shape.unreadOnly).openapi({ default: 'false', description: 'Only notifications not read yet.' }) }) },
    responses: { 200: json(InboxPageSchema, 'One page of notifications.') },
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/inbox/{id}/read',
    operationId: 'markInboxItemRead',
    tag: 'Notifications',
    summary: 'Mark a notification read',
    access: 'authenticated',
    request: { params: z.object({ id: z.string().min(1).max(400) }) },
    responses: { 204: noContent('Marked read (or it already was).') },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/reports/summary',
    operationId: 'getReportSummary',
    tag: 'Reports',
    summary: 'Key figures for a period',
    access: { permission: 'reports' },
    request: { query: reportQuerySchema },
    responses: { 200: json(ReportSummarySchema, 'Key figures.') },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/reports/export/{table}.csv',
    expressPath: '/reports/export/:table.csv',
    operationId: 'exportReportTable',
    tag: 'Reports',
    summary: 'One table of the summary as CSV',
    description: `Same query as the summary. Tables: ${REPORT_TABLES.join(', ')}. UTF-8 with BOM, RFC 4180.`,
    access: { permission: 'reports' },
    request: { params: z.object({ table: z.enum(REPORT_TABLES) }), query: reportQuerySchema },
    responses: { 200: { description: 'The table.', content: { 'text/csv': { schema: { type: 'string' } } } } },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/reports',
    operationId: 'getReportsPage',
    tag: 'Reports',
    summary: 'The reports page (HTML)',
    description: 'KPI tiles, charts and tables for supervisors and the quality team; `?lang=en` for English. The page asks `/reports/summary` with the token given in `#token=…` or pasted.',
    access: 'public',
    responses: { 200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } } },
    errors: [],
  },
  {
    method: 'get',
    path: '/assets/echarts.min.js',
    operationId: 'getChartLibrary',
    tag: 'Reports',
    summary: 'Apache ECharts, as installed',
    access: 'public',
    responses: { 200: { description: 'The script.', content: { 'application/javascript': { schema: { type: 'string' } } } } },
    errors: [],
  },
  {
    method: 'post',
    path: '/problems',
    operationId: 'openProblem',
    tag: 'Problems',
    summary: 'Open a systemic problem',
    description: 'From a hot spot, a repeat product or repeat complainant; optionally linking complaints at once.',
    access: { permission: 'problems' },
    request: { body: jsonBody(problemCreateSchema) },
    responses: { 201: json(ProblemSchema, 'Opened.') },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/problems',
    operationId: 'listProblems',
    tag: 'Problems',
    summary: 'Systemic problems (default: not resolved)',
    access: { permission: 'problems' },
    request: { query: problemListQuerySchema.extend({ status: documented(problemListQuerySchema.shape.status).openapi({ default: 'unresolved' }) }) },
    responses: { 200: json(z.object({ items: z.array(ProblemSchema) }), 'Oldest first.') },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/problems/{id}',
    operationId: 'getProblem',
    tag: 'Problems',
    summary: 'A problem and its linked complaints',
    access: { permission: 'problems' },
    request: { params: z.object({ id: z.string().regex(/^\d+$/) }) },
    responses: {
      200: json(ProblemSchema.extend({ linkedComplaints: z.array(z.object({ number: z.string(), stage: z.enum(STAGES), category: z.enum(CATEGORIES).nullable(), receivedAt: dateTime, linkedAt: dateTime, linkedBy: z.string() })) }), 'The problem.'),
    },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'patch',
    path: '/problems/{id}',
    operationId: 'updateProblem',
    tag: 'Problems',
    summary: 'Record the corrective action, owner, due date, or move the status',
    description: '`acting` needs a corrective action, an owner (active staff) and a due date; `resolved` needs a resolution. A move the status table does not allow is a 409 with the current `status`.',
    access: { permission: 'problems' },
    request: { params: z.object({ id: z.string().regex(/^\d+$/) }), body: jsonBody(problemUpdateSchema) },
    responses: { 200: json(ProblemSchema, 'Updated.') },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/problems/{id}/complaints',
    operationId: 'linkProblemComplaints',
    tag: 'Problems',
    summary: 'Link complaints to a problem',
    description: 'All or nothing: an unknown number is a 400 naming it. Linking twice is harmless.',
    access: { permission: 'problems' },
    request: { params: z.object({ id: z.string().regex(/^\d+$/) }), body: jsonBody(problemLinkSchema) },
    responses: { 200: json(z.object({ id: z.int(), complaints: z.int() }), 'Linked.') },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'delete',
    path: '/problems/{id}/complaints/{number}',
    operationId: 'unlinkProblemComplaint',
    tag: 'Problems',
    summary: 'Unlink a complaint from a problem',
    access: { permission: 'problems' },
    request: { params: z.object({ id: z.string().regex(/^\d+$/), number: z.string().regex(COMPLAINT_NUMBER) }) },
    responses: { 204: noContent('Unlinked (or was not linked).') },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/admin/calendars/{calendarId}',
    operationId: 'getCalendar',
    tag: 'Administration',
    summary: 'Read a business calendar',
    access: { permission: 'administer' },
    request: { params: z.object({ calendarId: z.string().openapi({ example: 'cn-mainland' }) }) },
    responses: { 200: json(CalendarSchema, 'The calendar with every year the database holds.') },
    errors: [401, 403, 404],
  },
  {
    method: 'put',
    path: '/admin/calendars/{calendarId}/{year}',
    operationId: 'putCalendarYear',
    tag: 'Administration',
    summary: 'Replace one year of a business calendar',
    description: 'Used when the annual holiday notice is published. New complaints use it; running complaints keep the calendar they started with.',
    access: { permission: 'administer' },
    request: {
      params: z.object({ calendarId: z.string().openapi({ example: 'cn-mainland' }), year: z.string().regex(/^\d{4}$/).openapi({ example: '2026' }) }),
      body: jsonBody(CalendarYearSchema),
    },
    responses: { 204: noContent('Stored.') },
    errors: [400, 401, 403, 404, 413],
  },
  {
    method: 'get',
    path: '/admin/staff',
    operationId: 'listStaff',
    tag: 'Administration',
    summary: 'The staff directory',
    access: { permission: 'administer' },
    responses: { 200: json(z.object({ items: z.array(StaffMemberSchema.extend({ openItems: z.int().min(0).openapi({ description: 'Open complaints owned and follow-up visits due.' }) })) }), 'Every staff member, by id, with their workload.') },
    errors: [401, 403],
  },
  {
    method: 'put',
    path: '/admin/staff/{id}',
    operationId: 'putStaffMember',
    tag: 'Administration',
    summary: 'Create or replace a staff member',
    access: { permission: 'administer' },
    request: { params: z.object({ id: z.string().regex(/^[A-Za-z0-9_.:@-]{1,64}$/) }), body: jsonBody(StaffBodySchema) },
    responses: { 200: json(StaffMemberSchema, 'The stored staff member.') },
    errors: [400, 401, 403, 413],
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tag: 'Operations',
    summary: 'Liveness',
    access: 'public',
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'The process is up.') },
    errors: [],
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    tag: 'Operations',
    summary: 'Readiness',
    description: 'Checks each dependency (PostgreSQL, Temporal).',
    access: 'public',
    responses: {
      200: json(z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }), 'Every dependency answers.'),
      503: json(z.object({ status: z.literal('not ready'), checks: z.record(z.string(), z.string()) }), 'A dependency does not answer; `checks` says which.'),
    },
    errors: [],
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'Operations',
    summary: 'Prometheus metrics',
    access: 'public',
    responses: { 200: { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } } },
    errors: [],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'Operations',
    summary: 'This OpenAPI document',
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
    errors: [],
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'getDocs',
    tag: 'Operations',
    summary: 'Human-readable API documentation',
    access: 'public',
    responses: { 200: { description: 'An HTML page rendering this document; works offline.', content: { 'text/html': { schema: { type: 'string' } } } } },
    errors: [],
  },
];

function rolesOf(access: Access): readonly Role[] {
  if (access === 'public' || access === 'authenticated') return ROLES;
  return PERMISSIONS[access.permission];
}

function accessText(access: Access): string {
  if (access === 'public') return '**Access:** public (no token).';
  if (access === 'authenticated') return `**Roles:** any signed-in caller (${ROLES.join(', ')}); each sees only their own data.`;
  return `**Roles:** ${PERMISSIONS[access.permission].join(', ')} (permission \`${access.permission}\`).`;
}

export const ROUTES: readonly DocumentedRoute[] = Object.freeze(
  OPERATIONS.map((op) =>
    Object.freeze({
      method: op.method,
      path: op.path,
      expressPath: op.expressPath ?? op.path.replace(/\{([^}]+)\}/g, ':$1'),
      operationId: op.operationId,
      tag: op.tag,
      access: typeof op.access === 'string' ? op.access : op.access.permission,
      roles: rolesOf(op.access),
    }),
  ),
);

// ─── Generation ──────────────────────────────────────────────────────────────────────────────────

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

function generate(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'HS256 or RS256 token with `sub` (user or customer id), `role` and, for staff, `dept`; issuer and audience `complaint-service`.',
  });
  registry.register('Error', ErrorSchema);
  for (const { name, description, example } of Object.values(ERROR_RESPONSES)) {
    registry.registerComponent('responses', name, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example } } });
  }

  for (const op of OPERATIONS) {
    const responses: RouteConfig['responses'] = { ...op.responses };
    // Every route that reaches a dependency may answer 503.
    const errors: ErrorStatus[] = op.access === 'public' ? op.errors : [...op.errors, 503];
    for (const status of errors) responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
    registry.registerPath({
      method: op.method,
      path: op.path,
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, accessText(op.access)].filter(Boolean).join('\n\n'),
      security: op.access === 'public' ? [] : [{ bearerAuth: [] }],
      'x-roles': [...rolesOf(op.access)],
      'x-permission': typeof op.access === 'string' ? op.access : op.access.permission,
      request: op.request,
      responses,
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Complaint service API',
      version: API_VERSION,
      description:
        'Complaint handling: intake, triage, investigation, proposals and approvals, execution, satisfaction and follow-up. Every answer carries `X-Request-Id`; every error has the `Error` shape.',
    },
    servers: [{ url: '/' }],
    tags: TAGS,
    security: [{ bearerAuth: [] }],
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document, built once and frozen (clone it before handing it to a mutating tool). */
export function buildOpenApiDocument(): OpenApiDocument {
  cached ??= deepFreeze(generate());
  return cached;
}

// ─── Keeping hand-written response schemas in step with the code that builds the answers ─────────

type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : { missingOrExtra: [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const _errorBodyInSync: Same<z.infer<typeof ErrorSchema>, ErrorBody> = true;
const _summaryInSync: SameKeys<z.infer<typeof ComplaintSummarySchema>, ReturnType<typeof summary>> = true;
const _stateInSync: SameKeys<z.infer<typeof ComplaintStateSchema>, ComplaintView> = true;
const _documentInSync: SameKeys<z.infer<typeof ComplaintDocumentSchema>, ComplaintDocument> = true;
const _staffInSync: SameKeys<z.infer<typeof StaffMemberSchema>, ReturnType<typeof staffMember>> = true;
const _deliveryInSync: SameKeys<z.infer<typeof DeliveryStatusSchema>, DeliveryStatusItem> = true;
const _inboxItemInSync: SameKeys<z.infer<typeof InboxItemSchema>, InboxItem> = true;
const _inboxPageInSync: SameKeys<z.infer<typeof InboxPageSchema>, InboxPage> = true;
const _reportInSync: SameKeys<z.infer<typeof ReportSummarySchema>, Awaited<ReturnType<typeof summaryReport>>> = true;
const _workInSync: SameKeys<z.infer<typeof WorkQueueSchema>, Awaited<ReturnType<ReadModel['workOf']>>> = true;
const _teamInSync: SameKeys<z.infer<typeof TeamSchema>['items'][number], Awaited<ReturnType<ReadModel['team']>>['items'][number]> = true;
const _customerViewInSync: SameKeys<z.infer<typeof CustomerViewSchema>, CustomerView> = true;
