/**
 * Every action a person can take on a complaint, one entry each: the HTTP route segment, the roles
 * that may take it, the stages it fits and the shape of its payload. The API's routes and OpenAPI
 * operations (which turn the shape into a zod schema: `api/schemas/actions.ts`), the permission
 * matrix (./permissions), the workspace's forms and the workflow's update validators all read this
 * table; the workflow's behaviour for each action is the matching entry of `workflows/actions.ts`,
 * whose type demands one for every name here.
 *
 * Strings are trimmed and bounded; money is integer minor units with a currency; unknown fields are
 * rejected. Pure data without a schema library: bundled into the workflow sandbox.
 */
import { CATEGORIES, GRADES, REMEDY_MONEY, REMEDY_TYPES, RESPONSIBILITIES, SEVERITIES, type Role, type Stage } from './model';
import { LEGAL_REGIME_IDS, LEGAL_STOP_REASONS } from './legal-regimes/types';
import { MAJOR_REVIEW_DECISIONS, MAJOR_REVIEW_KINDS } from './major-review';
import { bool, id, int, line, list, object, oneOf, optional, pattern, text, url, withDefault, type ObjectShape, type ShapeIssue, type ShapeValue } from './shapes';

/** CMP-YYYYMMDD-NNNNNN, numbered per day of the organisation's calendar. */
export const COMPLAINT_NUMBER = /^CMP-\d{8}-\d{6}$/;

/** An ISO 4217 currency code. */
export const CURRENCY = /^[A-Z]{3}$/;
export const currency = () => pattern(CURRENCY, 'an ISO 4217 code such as CNY');

/** A calendar day, YYYY-MM-DD (the workflow checks that it exists). */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = () => pattern(DAY, 'a date YYYY-MM-DD');

export const remedyShape = object(
  {
    type: oneOf(REMEDY_TYPES),
    amountMinor: optional(int(0, 1_000_000_000)),
    currency: optional(currency()),
    description: optional(text(1000)),
  },
  (remedy) => {
    const issues: ShapeIssue[] = [];
    if (REMEDY_MONEY[remedy.type] === 'always' && (remedy.amountMinor === undefined || remedy.currency === undefined)) {
      issues.push({ path: 'amountMinor', message: `a ${remedy.type} needs amountMinor and currency` });
    }
    if (remedy.amountMinor !== undefined && remedy.currency === undefined) issues.push({ path: 'currency', message: 'an amount needs a currency' });
    return issues;
  },
);
export type Remedy = ShapeValue<typeof remedyShape>;

const remedies = list(remedyShape, 1, 10);

// ── Who and when, in named sets ───────────────────────────────────────────────────────────────

// Neither the quality team (质检: reads, acts on none) nor administrators (people, calendars, policy;
// no complaint content) take complaint actions.
const STAFF = ['agent', 'handler', 'supervisor', 'manager'] as const satisfies readonly Role[];
const LEADS = ['supervisor', 'manager'] as const satisfies readonly Role[];
const EVERYONE = ['customer', ...STAFF] as const satisfies readonly Role[];

/** Stages in which the complaint is being handled (after acknowledgement, before closing). */
const OPEN = ['acknowledged', 'resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing', 'confirming'] as const satisfies readonly Stage[];
/** Stages after triage and before the remedy is carried out: the grade may still change. */
const GRADED = ['resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing'] as const satisfies readonly Stage[];
/** Stages in which the customer is owed regular news of the handling [000 §二.5]. */
const IN_HANDLING = ['investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing'] as const satisfies readonly Stage[];
/** Stages in which the work is on the company's side, so the SLA clock may be paused. */
const STAFF_WORK = ['resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'executing'] as const satisfies readonly Stage[];

export interface ActionRule<S extends ObjectShape = ObjectShape> {
  /** Path segment: `POST /complaints/{number}/{route}`. */
  route: string;
  /** One line for the API documentation. */
  summary: string;
  /** Roles that may take it; the workflow adds the stage and, for money, the authority tier. */
  roles: readonly Role[];
  /** Stages it fits; anything else is answered 409 with the current stage. */
  stages: readonly Stage[];
  payload: S;
}

/** Keeps each entry's payload type precise while checking the entry's shape. */
const rule = <S extends ObjectShape>(r: ActionRule<S>): ActionRule<S> => r;

export const ACTION_RULES = {
  triage: rule({
    route: 'triage',
    summary: 'Confirm category, severity, grade and department; routes the complaint to on-the-spot resolution or investigation.',
    roles: ['agent', ...LEADS],
    stages: ['acknowledged'],
    payload: object({
      category: oneOf(CATEGORIES),
      severity: oneOf(SEVERITIES),
      grade: oneOf(GRADES),
      departmentId: id(),
      assigneeId: optional(id()),
      reason: optional(text(2000)),
      /** Confirms (true) or clears (false) the rules' "possibly systemic" flag; omitted: the suggestion stands. */
      possiblySystemic: optional(bool()),
      /**
       * The legal regime, when intake did not name it (domain/legal-regimes.ts); its clocks count from
       * when the company received the complaint. A regulator's transfer gives its reference and date.
       */
      regime: optional(oneOf(LEGAL_REGIME_IDS)),
      regulatorReference: optional(line(100)),
      regulatorOffice: optional(line(200)),
      regulatorDueDate: optional(day()),
    }),
  }),
  regrade: rule({
    route: 'regrade',
    summary: 'Change the grade (simple → complex/major moves to investigation; complex ↔ major), and with it severity, department or a mis-triaged category; the owner changes with the department.',
    roles: ['agent', ...LEADS],
    stages: GRADED,
    payload: object({
      grade: oneOf(GRADES),
      severity: optional(oneOf(SEVERITIES)),
      /** Corrects the category (hot-spot reports follow the case's category); who and why go on the timeline. */
      category: optional(oneOf(CATEGORIES)),
      departmentId: optional(id()),
      reason: text(2000),
    }),
  }),
  resolveOnSpot: rule({
    route: 'on-spot-resolution',
    summary: 'Resolve a simple complaint on the spot within the actor’s own authority.',
    roles: ['agent', 'handler', ...LEADS],
    stages: ['resolving_on_spot'],
    payload: object({ remedies, note: text(4000) }),
  }),
  addEvidence: rule({
    route: 'evidence',
    summary: 'Attach evidence (a link); a customer’s evidence resumes a paused SLA clock.',
    roles: EVERYONE,
    stages: [...OPEN, 'follow_up'],
    payload: object({ uri: url(), note: optional(text(2000)) }),
  }),
  recordFindings: rule({
    route: 'findings',
    summary: 'Record the facts, root cause and responsibility found by the investigation.',
    roles: ['handler', 'agent', ...LEADS],
    stages: ['investigating'],
    payload: object({
      facts: text(8000),
      rootCause: text(4000),
      responsibility: oneOf(RESPONSIBILITIES),
      evidenceIds: optional(list(id(), 0, 50)),
    }),
  }),
  sendProgressUpdate: rule({
    route: 'progress-updates',
    summary: 'Tell the customer how the handling is going; restarts the progress-update clock.',
    roles: ['agent', 'handler', ...LEADS],
    stages: IN_HANDLING,
    payload: object({ message: text(4000) }),
  }),
  propose: rule({
    route: 'proposal',
    summary: 'Propose remedies; above the proposer’s authority the proposal waits for approval. When the findings make the company responsible, an apology is among the remedies unless `apologyOmittedReason` says why not; a major case under legal review waits for its sign-off (409).',
    roles: ['agent', 'handler', ...LEADS],
    stages: ['proposing'],
    payload: object({ remedies, message: text(4000), apologyOmittedReason: optional(text(1000)) }),
  }),
  decideApproval: rule({
    route: 'approval',
    summary: 'Approve or reject a proposal above its author’s authority (the approver’s tier must cover the amount).',
    roles: LEADS,
    stages: ['awaiting_approval'],
    payload: object({ decision: oneOf(['approve', 'reject']), reason: text(2000) }),
  }),
  respondToProposal: rule({
    route: 'customer-response',
    summary: 'The customer accepts or rejects the proposal (staff may record an answer given by phone or in a store).',
    roles: ['customer', 'agent', 'handler', ...LEADS],
    stages: ['negotiating'],
    payload: object({ accept: bool(), counterDemand: optional(text(4000)), comment: optional(text(4000)) }, (r) =>
      r.accept || r.counterDemand !== undefined ? [] : [{ path: 'counterDemand', message: 'a rejection states what the customer wants instead' }],
    ),
  }),
  completeExecution: rule({
    route: 'execution',
    summary: 'Record that the agreed remedy was carried out; asks the customer to rate the handling.',
    roles: ['agent', 'handler', ...LEADS],
    stages: ['executing'],
    payload: object({ proof: text(4000), evidenceUri: optional(url()) }),
  }),
  reportRemedyUnexecutable: rule({
    route: 'remedy-unexecutable',
    summary: 'The agreed remedy cannot be carried out: back to proposing (a new proposal is owed within the reply period), the customer told why.',
    roles: ['agent', 'handler', ...LEADS],
    stages: ['executing'],
    payload: object({ reason: text(2000), customerMessage: text(2000) }),
  }),
  rateSatisfaction: rule({
    route: 'satisfaction',
    summary: 'Rate the handling from 1 to 5; closes the complaint as resolved.',
    roles: ['customer', 'agent', ...LEADS],
    stages: ['confirming'],
    payload: object({ score: int(1, 5), comment: optional(text(4000)) }),
  }),
  recordFollowUp: rule({
    route: 'follow-up',
    summary: 'Record the follow-up visit (回访); a reached but dissatisfied customer reopens the complaint.',
    roles: ['agent', ...LEADS],
    stages: ['follow_up'],
    /** `retained`: the customer says they stay a customer (the service-recovery report counts it). */
    payload: object({ reached: bool(), satisfied: bool(), retained: optional(bool()), note: optional(text(4000)) }),
  }),
  escalate: rule({
    route: 'escalation',
    summary: 'Escalate one level up the ladder (agent → supervisor → manager).',
    roles: STAFF,
    stages: [...OPEN, 'follow_up'],
    payload: object({ reason: text(2000) }),
  }),
  reassign: rule({
    route: 'reassignment',
    summary: 'Hand the complaint to another owner, department or task force.',
    roles: LEADS,
    stages: [...OPEN, 'follow_up'],
    payload: object({
      assigneeId: id(),
      departmentId: optional(id()),
      taskForce: optional(object({ leadId: id(), memberIds: list(id(), 1, 20) })),
      reason: text(2000),
    }),
  }),
  addNote: rule({
    route: 'notes',
    summary: 'Add a note (a staff note is internal unless `toCustomer`), or a case review (复盘) after closing.',
    roles: EVERYONE,
    stages: [...OPEN, 'closed', 'follow_up'],
    payload: object({
      text: text(8000),
      /** Staff notes are internal unless `toCustomer`: a reply the complainant reads on their page. */
      toCustomer: withDefault(bool(), false),
      /** Kept for clients that set it; staff notes are internal anyway unless addressed to the customer. */
      internal: withDefault(bool(), false),
      kind: withDefault(oneOf(['note', 'review']), 'note'),
    }),
  }),
  revealContact: rule({
    route: 'contact-reveal',
    summary: 'Show the complainant’s phone and e-mail to staff who would see them masked; the reason goes on the timeline (internal).',
    roles: STAFF,
    stages: [...OPEN, 'closed', 'follow_up'],
    payload: object({ reason: text(500) }),
  }),
  withdraw: rule({
    route: 'withdrawal',
    summary: 'Withdraw the complaint (the customer, or staff on the customer’s word).',
    roles: ['customer', 'agent', ...LEADS],
    stages: OPEN,
    payload: object({ reason: text(2000) }),
  }),
  reopen: rule({
    route: 'reopening',
    summary: 'Reopen a closed complaint; customers may ask within the reopen window, also through a hotline agent.',
    // Agents: on the complainant's behalf (the front desk, `domain/scopes.ts`), within the same window.
    roles: ['customer', 'agent', ...LEADS],
    stages: ['closed'],
    payload: object({ reason: text(2000) }),
  }),
  pause: rule({
    route: 'pause',
    summary: 'Pause the SLA clocks while waiting on the customer.',
    roles: ['agent', 'handler', ...LEADS],
    stages: STAFF_WORK,
    payload: object({ reason: text(2000) }),
  }),
  resume: rule({
    route: 'resumption',
    summary: 'Resume paused SLA clocks; deadlines move by the time lost.',
    roles: ['agent', 'handler', ...LEADS],
    stages: STAFF_WORK,
    payload: object({ reason: optional(text(2000)) }),
  }),
  close: rule({
    route: 'closure',
    summary: 'Close without a remedy: invalid, duplicate or unresolved.',
    roles: LEADS,
    stages: OPEN,
    payload: object({
      outcome: oneOf(['invalid', 'duplicate', 'unresolved']),
      reason: text(2000),
      /** With `duplicate`: the complaint this one repeats (the API checks that it exists). */
      duplicateOf: optional(text(64)),
    }),
  }),
  // ── Reviews of major cases (domain/major-review.ts) ──
  signOffMajorReview: rule({
    route: 'major-review-sign-off',
    summary: 'Sign off the legal or PR review of a major case (its owner, a member of the reviewing department, or a manager); a proposal waiting for the legal sign-off may then go to the customer.',
    roles: ['handler', ...LEADS],
    stages: [...OPEN, 'follow_up'],
    payload: object({ review: oneOf(MAJOR_REVIEW_KINDS), decision: oneOf(MAJOR_REVIEW_DECISIONS), note: text(4000) }),
  }),
  // ── Legal clocks (domain/legal-regimes.ts) ──
  stopLegalClock: rule({
    route: 'legal-clock-stops',
    summary: 'Stop a legal clock for a reason its regime allows (e.g. time for testing or 鉴定 is not counted); the reason is recorded.',
    roles: ['agent', 'handler', ...LEADS],
    stages: OPEN,
    payload: object({ clock: id(), reason: oneOf(LEGAL_STOP_REASONS), note: text(2000) }),
  }),
  resumeLegalClock: rule({
    route: 'legal-clock-resumptions',
    summary: 'Restart a stopped legal clock; its due date moves by the stopped time.',
    roles: ['agent', 'handler', ...LEADS],
    stages: OPEN,
    payload: object({ clock: id(), note: optional(text(2000)) }),
  }),
  extendLegalClock: rule({
    route: 'legal-clock-extensions',
    summary: 'Extend a legal period as its regime allows (who approves, how long, how often); the customer is told when the regime says so.',
    roles: STAFF,
    stages: OPEN,
    payload: object({ clock: id(), extension: id(), reason: text(2000), customerMessage: optional(text(2000)) }),
  }),
  recordRegulatorAcceptance: rule({
    route: 'regulator-acceptance',
    summary: 'Record the day the regulator accepted a transferred complaint (starts the regulator’s own mediation period, shown for context).',
    roles: ['agent', 'handler', ...LEADS],
    stages: OPEN,
    payload: object({ acceptedOn: day(), note: optional(text(2000)) }),
  }),
};

export type ComplaintActionName = keyof typeof ACTION_RULES;
export type ActionShape<A extends ComplaintActionName> = (typeof ACTION_RULES)[A]['payload'];
/** An action's payload as the workflow receives it: parsed by the API, defaults filled in. */
export type ActionPayload<A extends ComplaintActionName> = ShapeValue<ActionShape<A>>;

export const COMPLAINT_ACTIONS = Object.keys(ACTION_RULES) as ComplaintActionName[];

/** What a complainant may do on their tracking page (or with a customer token): answer, rate, add, withdraw, ask to reopen. */
export const CUSTOMER_ACTIONS = ['respondToProposal', 'rateSatisfaction', 'addNote', 'addEvidence', 'withdraw', 'reopen'] as const satisfies readonly ComplaintActionName[];
export type CustomerAction = (typeof CUSTOMER_ACTIONS)[number];

/** Route segment → action, for the API's one action route. */
export const ACTION_BY_ROUTE: ReadonlyMap<string, ComplaintActionName> = new Map(COMPLAINT_ACTIONS.map((name) => [ACTION_RULES[name].route, name]));

export function actionFitsStage(action: ComplaintActionName, stage: Stage): boolean {
  return ACTION_RULES[action].stages.includes(stage);
}
