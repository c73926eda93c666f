import { Router, type Request } from 'express';
import { and, asc, eq, gte, ilike, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { complaints, timelineEvents } from '../../db/schema';
import { actionSchemas, type ComplaintActionName } from '../../domain/actions';
import { fieldErrors, intakeSchema } from '../../domain/intake';
import { CATEGORIES, CHANNELS, SEVERITIES, STAGES } from '../../domain/model';
import { isAllowed } from '../../domain/permissions';
import { requireAction } from '../auth';
import type { ComplaintGateway } from '../complaints-gateway';
import { HttpError, validationFailed } from '../errors';
import { releaseKey, requestHash, validKey, claimKey, completeKey } from '../idempotency';

/** One route per lifecycle action: path segment → workflow update. */
export const ACTION_ROUTES: Record<string, ComplaintActionName> = {
  triage: 'triage',
  'on-spot-resolution': 'resolveOnSpot',
  evidence: 'addEvidence',
  findings: 'recordFindings',
  'progress-updates': 'sendProgressUpdate',
  proposal: 'propose',
  approval: 'decideApproval',
  'customer-response': 'respondToProposal',
  execution: 'completeExecution',
  satisfaction: 'rateSatisfaction',
  'follow-up': 'recordFollowUp',
  escalation: 'escalate',
  reassignment: 'reassign',
  notes: 'addNote',
  withdrawal: 'withdraw',
  reopening: 'reopen',
  pause: 'pause',
  resumption: 'resume',
  closure: 'close',
};

export const COMPLAINT_NUMBER = /^CMP-\d{8}-\d{6}$/;

const booleanString = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listQuerySchema = z.strictObject({
  stage: z.enum(STAGES).optional(),
  category: z.enum(CATEGORIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  channel: z.enum(CHANNELS).optional(),
  departmentId: z.string().max(64).optional(),
  assigneeId: z.string().max(64).optional(),
  breached: booleanString.optional(),
  escalationLevel: z.coerce.number().int().min(0).max(2).optional(),
  receivedFrom: z.iso.datetime({ offset: true }).optional(),
  receivedTo: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(['receivedAt', '-receivedAt', 'nextDeadlineAt', '-nextDeadlineAt', 'lastTransitionAt', '-lastTransitionAt']).default('-receivedAt'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const SORT_COLUMNS = { receivedAt: complaints.receivedAt, nextDeadlineAt: complaints.nextDeadlineAt, lastTransitionAt: complaints.lastTransitionAt };

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationFailed(fieldErrors(parsed.error).map((f) => ({ ...f, path: prefix ? `${prefix}${f.path ? `.${f.path}` : ''}` : f.path })));
  return parsed.data;
}

function complaintNumber(req: Request): string {
  const number = String(req.params.number);
  if (!COMPLAINT_NUMBER.test(number)) throw new HttpError(400, 'validation_failed', 'not a complaint number (CMP-YYYYMMDD-NNNNNN)', { fields: [{ path: 'params.number', message: 'invalid format' }] });
  return number;
}

/** A summary row for lists: no contact data. */
export function summary(row: typeof complaints.$inferSelect) {
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
  };
}

export function complaintsRouter(db: Database, gateway: ComplaintGateway): Router {
  const router = Router();

  router.post('/complaints', requireAction('intake'), async (req, res) => {
    const intake = parseOrThrow(intakeSchema, req.body, 'body');
    const key = validKey(req.header('Idempotency-Key'));
    const answer = await gateway.intake(req.actor!, intake, key, requestHash(req.body));
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    req.log.info({ complaint: (answer.body as { number: string }).number, channel: intake.channel, replayed: answer.replayed }, 'complaint received');
    res.status(answer.status).json(answer.body);
  });

  router.get('/complaints', requireAction('list'), async (req, res) => {
    const q = parseOrThrow(listQuerySchema, req.query, 'query');
    const where: SQL[] = [];
    if (q.stage) where.push(eq(complaints.stage, q.stage));
    if (q.category) where.push(eq(complaints.category, q.category));
    if (q.severity) where.push(eq(complaints.severity, q.severity));
    if (q.channel) where.push(eq(complaints.channel, q.channel));
    if (q.departmentId) where.push(eq(complaints.departmentId, q.departmentId));
    if (q.assigneeId) where.push(eq(complaints.assigneeId, q.assigneeId));
    if (q.breached !== undefined) where.push(eq(complaints.slaBreached, q.breached));
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
    res.json({ items: rows.map(summary), page: q.page, pageSize: q.pageSize, total });
  });

  router.get('/complaints/:number', requireAction('read'), async (req, res) => {
    const row = await gateway.findRow(complaintNumber(req), req.actor!);
    res.json(await gateway.document(row, req.actor!));
  });

  router.get('/complaints/:number/timeline', requireAction('read'), async (req, res) => {
    const row = await gateway.findRow(complaintNumber(req), req.actor!);
    const showInternal = isAllowed(req.actor!.role, 'readInternal');
    const events = await db
      .select()
      .from(timelineEvents)
      .where(showInternal ? eq(timelineEvents.complaintNumber, row.number) : and(eq(timelineEvents.complaintNumber, row.number), eq(timelineEvents.internal, false)))
      .orderBy(asc(timelineEvents.seq));
    res.json({
      number: row.number,
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
    });
  });

  router.post('/complaints/:number/:action', async (req, res) => {
    const segment = String(req.params.action);
    const name = Object.hasOwn(ACTION_ROUTES, segment) ? ACTION_ROUTES[segment] : undefined;
    if (!name) throw new HttpError(404, 'not_found', `no action ${req.params.action}`);
    const actor = req.actor!;
    if (!isAllowed(actor.role, name)) throw new HttpError(403, 'forbidden', `role ${actor.role} may not ${name}`);
    const number = complaintNumber(req);
    const payload = parseOrThrow(actionSchemas[name], req.body ?? {}, 'body');
    const key = validKey(req.header('Idempotency-Key'));
    const scope = `action:${actor.id}:${number}:${name}`;
    if (key) {
      const previous = await claimKey(db, scope, key, requestHash(req.body));
      if (previous) {
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(previous.status).json(previous.body);
        return;
      }
    }
    try {
      const row = await gateway.findRow(number, actor);
      const state = await gateway.act(row, actor, name, payload as never);
      const body = { number, action: name, state };
      if (key) await completeKey(db, scope, key, { status: 200, body });
      req.log.info({ complaint: number, action: name, stage: state.stage }, 'action accepted');
      res.json(body);
    } catch (err) {
      // A refused or failed action did nothing, so the same key may be used again.
      if (key) await releaseKey(db, scope, key);
      throw err;
    }
  });

  return router;
}
