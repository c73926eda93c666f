/**
 * The read side of the API: complaints, lists, timelines and work queues come from the PostgreSQL
 * projection that the workflow's activities keep current, never from the engine. Only the live state
 * of one complaint is asked of its workflow (workflow-gateway.ts), with the projection as fallback.
 */
import { and, asc, eq, gte, ilike, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { complaints, evidence, problemComplaints, problems, staff, timelineEvents, type ComplaintRow } from '../../db/schema';
import { CATEGORIES, CHANNELS, SEVERITIES, STAGES, WORK_KINDS, type Actor, type Role, type WorkKind } from '../../domain/model';
import { isAvailable } from '../../domain/staffing';
import { isoInstant, singleLine } from '../../domain/text';
import { LEGAL_REGIME_IDS } from '../../domain/legal-regimes';
import { legalActionApplies } from '../../domain/legal-clocks';

const LEGAL_ACTIONS = ['stopLegalClock', 'resumeLegalClock', 'extendLegalClock', 'recordRegulatorAcceptance'] as const;
const isLegalAction = (a: string): a is (typeof LEGAL_ACTIONS)[number] => (LEGAL_ACTIONS as readonly string[]).includes(a);
import { maskEmail, maskPhone } from '../../notifications/privacy';
import { customerView, type CustomerView } from './customer-view';
import type { ComplaintStateView } from '../../workflows/types';
import { notFound } from '../http/errors';
import { accessTo, reachedComplaints, type Viewer } from './scopes';
import type { ComplaintAccess } from '../../domain/scopes';
import type { ComplaintDocument, ComplaintSummary, FrontDeskView, Team, WorkQueue } from '../schemas/responses';
import { FRONT_DESK_ACTIONS } from '../../domain/scopes';
import { actionFitsStage, COMPLAINT_ACTIONS } from '../../domain/actions';
import { DEADLINE_RULES } from '../../workflows/deadline-rules';
import { isAllowed } from '../../domain/permissions';

export { COMPLAINT_NUMBER } from '../../domain/actions';

/** State as far as it is known: the workflow's view, or the fewer fields of the projection. */
export type { ComplaintStateView };

/** The complaint as received plus its live state, as the document declares it (`ComplaintDocumentSchema`). */
export type { ComplaintDocument };

/** The projection row as a state, for when the workflow does not answer (not started, or ended). */
export function projectionState(row: ComplaintRow): ComplaintStateView {
  return {
    number: row.number,
    stage: row.stage,
    category: row.category ?? undefined,
    severity: row.severity ?? undefined,
    grade: row.grade ?? undefined,
    departmentId: row.departmentId ?? undefined,
    assigneeId: row.assigneeId ?? undefined,
    escalationLevel: row.escalationLevel,
    slaBreached: row.slaBreached,
    outcome: row.outcome ?? undefined,
    duplicateOf: row.duplicateOf ?? undefined,
    reopenCount: row.reopenCount,
    nextDeadlineAt: row.nextDeadlineAt?.toISOString(),
    deadlines: [],
  };
}

/** A summary row for lists: no contact data. */
export function summary(row: ComplaintRow): ComplaintSummary {
  return {
    number: row.number,
    channel: row.channel,
    stage: row.stage,
    category: row.category,
    severity: row.severity,
    grade: row.grade,
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    escalationLevel: row.escalationLevel,
    slaBreached: row.slaBreached,
    possiblySystemic: row.possiblySystemic,
    nextDeadlineAt: row.nextDeadlineAt?.toISOString() ?? null,
    outcome: row.outcome,
    receivedAt: row.receivedAt.toISOString(),
    lastTransitionAt: row.lastTransitionAt.toISOString(),
    productName: row.subject.productName ?? null,
    regime: row.regime,
    legalDueAt: row.legalDueAt?.toISOString() ?? null,
    legalMissed: row.legalMissed,
  };
}

const booleanString = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listQuerySchema = z.strictObject({
  stage: z.enum(STAGES).optional(),
  category: z.enum(CATEGORIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  channel: z.enum(CHANNELS).optional(),
  departmentId: singleLine(64).optional(),
  assigneeId: singleLine(64).optional(),
  breached: booleanString.optional(),
  /** Complaints under a legal regime (domain/legal-regimes.ts). */
  regime: z.enum(LEGAL_REGIME_IDS).optional(),
  /** Those that missed a legal date. */
  legalMissed: booleanString.optional(),
  escalationLevel: z.coerce.number().pipe(z.union([z.literal(0), z.literal(1), z.literal(2)])).optional(),
  receivedFrom: isoInstant().optional(),
  receivedTo: isoInstant().optional(),
  q: singleLine(200).optional(),
  sort: z.enum(['receivedAt', '-receivedAt', 'nextDeadlineAt', '-nextDeadlineAt', 'lastTransitionAt', '-lastTransitionAt', 'legalDueAt', '-legalDueAt']).default('-receivedAt'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListQuery = z.output<typeof listQuerySchema>;

const SORT_COLUMNS = { receivedAt: complaints.receivedAt, nextDeadlineAt: complaints.nextDeadlineAt, lastTransitionAt: complaints.lastTransitionAt, legalDueAt: complaints.legalDueAt };

export const stuckQuerySchema = z.strictObject({
  olderThanMinutes: z.coerce.number().int().min(1).max(60 * 24 * 90).default(Number(process.env.STUCK_AFTER_MINUTES ?? 24 * 60)),
  breachedOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
export type StuckQuery = z.output<typeof stuckQuerySchema>;

const OPEN = ne(complaints.stage, 'closed');

/** Kinds of work in a person's queue. */
export { WORK_KINDS, type WorkKind };

/** Which pending approvals each role's tier may grant. */
const APPROVER_ROLES_BY_ROLE: Record<Role, ('supervisor' | 'manager')[]> = {
  customer: [],
  agent: [],
  handler: [],
  supervisor: ['supervisor'],
  manager: ['supervisor', 'manager'],
  quality: [],
  admin: [],
};

export function createReadModel(db: Database) {
  return {
    /**
     * The stored row of a complaint in the viewer's scope (`domain/scopes.ts`), or 404 — the same
     * answer as for an unknown number, so numbers out of scope cannot be probed.
     */
    async findComplaint(number: string, viewer: Viewer): Promise<ComplaintRow> {
      const { row, access } = await this.locate(number, viewer);
      if (access !== 'case') throw notFound('complaint');
      return row;
    },

    /** The row and what the viewer gets of it: the case, or the front desk's view (hotline agents); else 404. */
    async locate(number: string, viewer: Viewer): Promise<{ row: ComplaintRow; access: Exclude<ComplaintAccess, 'none'> }> {
      const [row] = await db.select().from(complaints).where(eq(complaints.number, number));
      const access = row ? accessTo(row, viewer) : 'none';
      if (!row || access === 'none') throw notFound('complaint');
      return { row, access };
    },

    async exists(number: string): Promise<boolean> {
      const [row] = await db.select({ number: complaints.number }).from(complaints).where(eq(complaints.number, number));
      return row !== undefined;
    },

    /** The stage the projection holds now (after the engine said the process has ended). */
    async currentStage(number: string): Promise<ComplaintRow['stage'] | undefined> {
      const [row] = await db.select({ stage: complaints.stage }).from(complaints).where(eq(complaints.number, number));
      return row?.stage;
    },

    /** One page of the complaints the viewer reaches, filtered and sorted. */
    async list(q: ListQuery, viewer: Viewer) {
      const where: SQL[] = [];
      const reached = reachedComplaints(viewer);
      if (reached) where.push(reached);
      if (q.stage) where.push(eq(complaints.stage, q.stage));
      if (q.category) where.push(eq(complaints.category, q.category));
      if (q.severity) where.push(eq(complaints.severity, q.severity));
      if (q.channel) where.push(eq(complaints.channel, q.channel));
      if (q.departmentId) where.push(eq(complaints.departmentId, q.departmentId));
      if (q.assigneeId) where.push(eq(complaints.assigneeId, q.assigneeId));
      if (q.breached !== undefined) where.push(eq(complaints.slaBreached, q.breached));
      if (q.regime !== undefined) where.push(eq(complaints.regime, q.regime));
      if (q.legalMissed !== undefined) where.push(eq(complaints.legalMissed, q.legalMissed));
      if (q.escalationLevel !== undefined) where.push(eq(complaints.escalationLevel, q.escalationLevel));
      if (q.receivedFrom) where.push(gte(complaints.receivedAt, new Date(q.receivedFrom)));
      if (q.receivedTo) where.push(lte(complaints.receivedAt, new Date(q.receivedTo)));
      if (q.q) where.push(ilike(complaints.description, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      const descending = q.sort.startsWith('-');
      const column = SORT_COLUMNS[q.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
      const condition = where.length > 0 ? and(...where) : undefined;
      const rows = await db
        .select()
        .from(complaints)
        .where(condition)
        .orderBy(descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`, asc(complaints.number))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(complaints).where(condition);
      return { items: rows.map(summary), page: q.page, pageSize: q.pageSize, total };
    },

    /** Every event in order; without `showInternal`, no internal events, actor ids or event data. */
    async timeline(number: string, showInternal: boolean) {
      const events = await db
        .select()
        .from(timelineEvents)
        .where(showInternal ? eq(timelineEvents.complaintNumber, number) : and(eq(timelineEvents.complaintNumber, number), eq(timelineEvents.internal, false)))
        .orderBy(asc(timelineEvents.seq));
      return {
        number,
        events: events.map((e) => ({
          seq: e.seq,
          type: e.type,
          stage: e.stage,
          actor: showInternal ? { id: e.actorId, role: e.actorRole } : { role: e.actorRole },
          reason: e.reason,
          data: showInternal ? e.data : {},
          internal: e.internal,
          occurredAt: e.occurredAt.toISOString(),
        })),
      };
    },

    /** The intake, its evidence and the live state, for staff (complainants get `customerView`). */
    async document(row: ComplaintRow, state: ComplaintStateView, actor: Actor): Promise<ComplaintDocument> {
      const rows = await db.select().from(evidence).where(eq(evidence.complaintNumber, row.number)).orderBy(asc(evidence.addedAt));
      const duplicates = await db.select({ number: complaints.number }).from(complaints).where(eq(complaints.duplicateOf, row.number)).orderBy(asc(complaints.number));
      const isCustomer = actor.role === 'customer';
      const full = isCustomer || (await this.handlesCase(row, actor));
      const linkedProblems = isCustomer
        ? undefined
        : await db
            .select({ id: problems.id, title: problems.title, status: problems.status })
            .from(problemComplaints)
            .innerJoin(problems, eq(problems.id, problemComplaints.problemId))
            .where(eq(problemComplaints.complaintNumber, row.number))
            .orderBy(asc(problems.id));
      return {
        number: row.number,
        channel: row.channel,
        // Contact data in full only for those who handle the case [001 规范2/4/7]; masked for other staff.
        complainant: {
          name: row.complainantName,
          phone: row.complainantPhone === null ? undefined : full ? row.complainantPhone : maskPhone(row.complainantPhone),
          email: row.complainantEmail === null ? undefined : full ? row.complainantEmail : maskEmail(row.complainantEmail),
          customerId: row.customerId ?? undefined,
          locale: row.preferredLocale,
          masked: !full,
        },
        subject: row.subject,
        description: row.description,
        occurredAt: row.occurredAt?.toISOString(),
        occurredWhere: row.occurredWhere ?? undefined,
        desiredResolution: row.desiredResolution ?? undefined,
        receivedAt: row.receivedAt.toISOString(),
        receivedBy: isCustomer ? undefined : (row.receivedBy ?? undefined),
        evidence: rows.map((e) => ({ id: e.id, uri: e.uri, note: e.note ?? undefined, addedBy: isCustomer && e.addedBy !== actor.id ? 'staff' : e.addedBy, addedAt: e.addedAt.toISOString() })),
        duplicates: duplicates.map((d) => d.number),
        problems: linkedProblems,
        // Each running clock with what happens when it runs out, in the words its rule gives operators.
        state: { ...state, deadlines: state.deadlines?.map((d) => (d.kind === 'legal' ? d : { ...d, whenDue: DEADLINE_RULES[d.kind]?.onDue.description })) },
        access: 'case',
        actions: COMPLAINT_ACTIONS.filter((a) => isAllowed(actor.role, a) && actionFitsStage(a, state.stage) && (!isLegalAction(a) || legalActionApplies(a, state.legal))),
      };
    },

    /**
     * Whether `actor` handles the case and so sees the complainant's contact data in full: the owner,
     * the task force, the visiting agent, and the owner's supervisors up the org chart.
     */
    async handlesCase(row: ComplaintRow, actor: Actor): Promise<boolean> {
      if ([row.assigneeId, row.followUpAssigneeId, ...row.taskForceIds].includes(actor.id)) return true;
      let current = row.assigneeId;
      for (let depth = 0; current && depth < 4; depth++) {
        const [member] = await db.select({ supervisorId: staff.supervisorId }).from(staff).where(eq(staff.id, current));
        if (!member?.supervisorId) return false;
        if (member.supervisorId === actor.id) return true;
        current = member.supervisorId;
      }
      return false;
    },

    /** The complainant's contact data, for a reveal that the workflow recorded. */
    async contactOf(number: string) {
      const [row] = await db.select({ name: complaints.complainantName, phone: complaints.complainantPhone, email: complaints.complainantEmail }).from(complaints).where(eq(complaints.number, number));
      return row ? { name: row.name, phone: row.phone ?? undefined, email: row.email ?? undefined } : undefined;
    },

    /** The front desk's view: the complainant's, with their contact data masked and the front desk's actions. */
    async frontDeskView(row: ComplaintRow, state: ComplaintStateView): Promise<FrontDeskView> {
      const { actions: _customerActions, ...view } = await this.customerView(row, state, []);
      return {
        ...view,
        access: 'front_desk',
        complainant: {
          name: row.complainantName,
          ...(row.complainantPhone === null ? {} : { phone: maskPhone(row.complainantPhone) }),
          ...(row.complainantEmail === null ? {} : { email: maskEmail(row.complainantEmail) }),
          masked: true,
        },
        actions: FRONT_DESK_ACTIONS.filter((a) => actionFitsStage(a, state.stage)),
      };
    },

    /** The complainant's view (allowlist, api/customer-view.ts) of a complaint. */
    async customerView(row: ComplaintRow, state: ComplaintStateView, selfIds: string[], locale?: string): Promise<CustomerView> {
      const [events, rows] = await Promise.all([
        db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, row.number)).orderBy(asc(timelineEvents.seq)),
        db.select().from(evidence).where(eq(evidence.complaintNumber, row.number)).orderBy(asc(evidence.addedAt)),
      ]);
      return customerView({ row, state, events, evidence: rows, selfIds, locale });
    },

    /**
     * Everything waiting on the caller, nearest due time first: complaints they own, approvals their
     * tier may grant (in their department; managers and admins in any), follow-up visits assigned to
     * them, task forces they are in. Each item says its kind, due time and whether it is breached.
     * Approvals are those in the approver's scope: a supervisor's departments (theirs and those of the
     * people below them), a manager's part of the org chart.
     */
    async workOf(actor: Viewer, now = new Date()): Promise<WorkQueue> {
      const grantable = APPROVER_ROLES_BY_ROLE[actor.role];
      const approvals =
        grantable.length === 0
          ? undefined
          : and(
              eq(complaints.stage, 'awaiting_approval'),
              inArray(complaints.approverRole, grantable),
              // In the approver's scope: a supervisor's departments, a manager's whole part of the org chart.
              reachedComplaints(actor),
            );
      // A review waits on its owner (or, while nobody took it, on the reviewing department's handlers).
      const reviews = and(
        OPEN,
        or(
          sql`${complaints.majorReviews} @> ${JSON.stringify([{ status: 'open', ownerId: actor.id }])}::jsonb`,
          actor.departmentId && actor.role === 'handler'
            ? sql`exists (select 1 from jsonb_array_elements(${complaints.majorReviews}) r where r->>'status' = 'open' and r->>'ownerId' is null and r->>'departmentId' = ${actor.departmentId})`
            : sql`false`,
        ),
      );
      const kindOf = sql<WorkKind>`case
        when ${reviews} then 'review'
        when ${complaints.stage} = 'follow_up' and ${complaints.followUpAssigneeId} = ${actor.id} then 'visit'
        when ${complaints.assigneeId} = ${actor.id} and ${complaints.stage} <> 'closed' then 'case'
        when ${approvals ?? sql`false`} then 'approval'
        else 'task_force' end`;
      const rows = await db
        .select({ row: complaints, kind: kindOf })
        .from(complaints)
        .where(
          or(
            and(eq(complaints.stage, 'follow_up'), eq(complaints.followUpAssigneeId, actor.id)),
            and(OPEN, eq(complaints.assigneeId, actor.id)),
            approvals,
            and(OPEN, sql`${actor.id} = any(${complaints.taskForceIds})`),
            reviews,
          ),
        )
        // The nearest of the company's own and the legal due time first (least() passes over nulls).
        .orderBy(sql`least(${complaints.nextDeadlineAt}, ${complaints.legalDueAt}) asc nulls last`, asc(complaints.number))
        .limit(500);
      // A review is due when its own clock says, not when the case's next clock does.
      const reviewDue = (row: ComplaintRow) => row.majorReviews.find((r) => r.status === 'open' && (r.ownerId === actor.id || (!r.ownerId && r.departmentId === actor.departmentId)))?.dueAt ?? null;
      const items = rows.map(({ row, kind }) => ({
        kind,
        dueAt: kind === 'review' ? reviewDue(row) : (row.nextDeadlineAt?.toISOString() ?? null),
        breached: row.slaBreached || row.legalMissed || (row.nextDeadlineAt !== null && row.nextDeadlineAt <= now),
        complaint: summary(row),
      }));
      const counts = Object.fromEntries(WORK_KINDS.map((k) => [k, items.filter((i) => i.kind === k).length])) as Record<WorkKind, number>;
      return { items, counts };
    },

    /** Per person reporting to the caller: open items, breached items and the oldest due time. */
    async team(actor: Actor, now = new Date()): Promise<Team> {
      const reports = await db.select({ id: staff.id, name: staff.name, role: staff.role, departmentId: staff.departmentId, active: staff.active, awayFrom: staff.awayFrom, awayUntil: staff.awayUntil }).from(staff).where(eq(staff.supervisorId, actor.id)).orderBy(asc(staff.id));
      if (reports.length === 0) return { items: [] };
      const ids = reports.map((r) => r.id);
      const owned = or(and(OPEN, inArray(complaints.assigneeId, ids)), and(eq(complaints.stage, 'follow_up'), inArray(complaints.followUpAssigneeId, ids)));
      const owner = sql<string>`case when ${complaints.stage} = 'follow_up' and ${complaints.followUpAssigneeId} is not null then ${complaints.followUpAssigneeId} else ${complaints.assigneeId} end`;
      const figures = await db
        .select({
          staffId: owner,
          openItems: sql<number>`count(*)::int`,
          breachedItems: sql<number>`count(*) filter (where ${complaints.slaBreached})::int`,
          oldestDueAt: sql<Date | null>`min(${complaints.nextDeadlineAt})`.mapWith((v: string | null) => (v === null ? null : new Date(v))),
        })
        .from(complaints)
        .where(owned)
        .groupBy(owner);
      const byId = new Map(figures.map((f) => [f.staffId, f]));
      return {
        items: reports.map((r) => ({
          staffId: r.id,
          name: r.name,
          role: r.role,
          departmentId: r.departmentId,
          available: isAvailable(r, now),
          openItems: byId.get(r.id)?.openItems ?? 0,
          breachedItems: byId.get(r.id)?.breachedItems ?? 0,
          oldestDueAt: byId.get(r.id)?.oldestDueAt?.toISOString() ?? null,
        })),
      };
    },

    /** Open complaints breached or (unless breachedOnly) not moved for a while; least recently moved first. */
    async stuck(q: StuckQuery, viewer: Viewer) {
      const stale = lt(complaints.lastTransitionAt, new Date(Date.now() - q.olderThanMinutes * 60_000));
      const rows = await db
        .select()
        .from(complaints)
        .where(and(OPEN, reachedComplaints(viewer), q.breachedOnly ? eq(complaints.slaBreached, true) : or(eq(complaints.slaBreached, true), stale)))
        .orderBy(asc(complaints.lastTransitionAt))
        .limit(500);
      return { items: rows.map(summary), olderThanMinutes: q.olderThanMinutes };
    },
  };
}

export type ReadModel = ReturnType<typeof createReadModel>;
