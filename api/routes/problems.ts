/**
 * Systemic problems (domain/problems.ts): supervisors open one from a hot spot or a repeat product,
 * link the complaints that show it, and record the corrective action, its owner and due date. All
 * writes check everything first and write in one transaction: a bad complaint number links nothing.
 */
import { Router } from 'express';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { complaints, problemComplaints, problems, staff, type ProblemRow } from '../../db/schema';
import { productKeyOf } from '../../domain/intake';
import { COMPLAINT_NUMBER } from '../../domain/actions';
import { CATEGORIES } from '../../domain/model';
import { PROBLEM_ORIGINS, PROBLEM_STATUSES, PROBLEM_TRANSITIONS, type ProblemStatus } from '../../domain/problems';
import { boundedText, identifier, isoDate, singleLine } from '../../domain/text';
import { requireAction } from '../auth';
import { HttpError, validationFailed } from '../errors';
import { parseOrThrow } from './complaints';

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

export const problemUpdateSchema = z
  .strictObject({
    status: z.enum(PROBLEM_STATUSES).optional(),
    correctiveAction: boundedText(4000).optional(),
    ownerId: identifier().optional(),
    dueDate: isoDate().optional(),
    resolution: boundedText(4000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const problemLinkSchema = z.strictObject({ numbers: complaintNumbers });

export const problemListQuerySchema = z.strictObject({
  status: z.enum([...PROBLEM_STATUSES, 'unresolved', 'all']).default('unresolved'),
});

const problemId = (raw: unknown): number => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw validationFailed([{ path: 'params.id', message: 'must be a problem id (a positive integer)' }]);
  return id;
};

export function problemView(p: ProblemRow, linked: number, now = new Date()) {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    origin: p.origin,
    category: p.category,
    productKey: p.productKey,
    status: p.status,
    correctiveAction: p.correctiveAction,
    ownerId: p.ownerId,
    dueDate: p.dueDate,
    resolution: p.resolution,
    openedBy: p.openedBy,
    openedAt: p.openedAt.toISOString(),
    resolvedAt: p.resolvedAt?.toISOString() ?? null,
    ageDays: Math.floor(((p.resolvedAt ?? now).getTime() - p.openedAt.getTime()) / 86_400_000),
    complaints: linked,
  };
}

/** Every number in `numbers` must be a complaint; a 400 naming the first that is not. */
async function checkComplaintsExist(db: Database, numbers: string[], path: string): Promise<void> {
  const found = new Set((await db.select({ number: complaints.number }).from(complaints).where(inArray(complaints.number, numbers))).map((r) => r.number));
  const missing = numbers.findIndex((n) => !found.has(n));
  if (missing >= 0) throw validationFailed([{ path: `${path}.${missing}`, message: `no complaint ${numbers[missing]}` }]);
}

export function problemsRouter(db: Database): Router {
  const router = Router();
  const linkedCount = async (id: number) => (await db.select({ n: sql<number>`count(*)::int` }).from(problemComplaints).where(eq(problemComplaints.problemId, id)))[0].n;
  const load = async (id: number) => {
    const [row] = await db.select().from(problems).where(eq(problems.id, id));
    if (!row) throw new HttpError(404, 'not_found', `no problem ${id}`);
    return row;
  };

  router.post('/problems', requireAction('problems'), async (req, res) => {
    const body = parseOrThrow(problemCreateSchema, req.body, 'body');
    const numbers = [...new Set(body.complaintNumbers ?? [])];
    if (numbers.length > 0) await checkComplaintsExist(db, numbers, 'body.complaintNumbers');
    const productKey = body.product ? (productKeyOf({ productName: body.product }) ?? null) : null;
    const created = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(problems)
        .values({ title: body.title, description: body.description ?? null, origin: body.origin, category: body.category ?? null, productKey, openedBy: req.actor!.id })
        .returning();
      if (numbers.length > 0) await tx.insert(problemComplaints).values(numbers.map((n) => ({ problemId: row.id, complaintNumber: n, linkedBy: req.actor!.id })));
      return row;
    });
    res.status(201).setHeader('Location', `/problems/${created.id}`).json(problemView(created, numbers.length));
  });

  router.get('/problems', requireAction('problems'), async (req, res) => {
    const q = parseOrThrow(problemListQuerySchema, req.query, 'query');
    const condition =
      q.status === 'all' ? undefined : q.status === 'unresolved' ? inArray(problems.status, ['open', 'acting']) : eq(problems.status, q.status);
    const rows = await db
      .select({ problem: problems, linked: sql<number>`(select count(*)::int from problem_complaints pc where pc.problem_id = ${problems.id})` })
      .from(problems)
      .where(condition)
      .orderBy(asc(problems.openedAt))
      .limit(500);
    res.json({ items: rows.map((r) => problemView(r.problem, r.linked)) });
  });

  router.get('/problems/:id', requireAction('problems'), async (req, res) => {
    const problem = await load(problemId(req.params.id));
    const linked = await db
      .select({ number: complaints.number, stage: complaints.stage, category: complaints.category, receivedAt: complaints.receivedAt, linkedAt: problemComplaints.linkedAt, linkedBy: problemComplaints.linkedBy })
      .from(problemComplaints)
      .innerJoin(complaints, eq(complaints.number, problemComplaints.complaintNumber))
      .where(eq(problemComplaints.problemId, problem.id))
      .orderBy(desc(complaints.receivedAt));
    res.json({
      ...problemView(problem, linked.length),
      linkedComplaints: linked.map((c) => ({ number: c.number, stage: c.stage, category: c.category, receivedAt: c.receivedAt.toISOString(), linkedAt: c.linkedAt.toISOString(), linkedBy: c.linkedBy })),
    });
  });

  router.patch('/problems/:id', requireAction('problems'), async (req, res) => {
    const id = problemId(req.params.id);
    const change = parseOrThrow(problemUpdateSchema, req.body, 'body');
    const current = await load(id);
    const next: ProblemStatus = change.status ?? current.status;
    if (change.status && change.status !== current.status && !PROBLEM_TRANSITIONS[current.status].includes(change.status)) {
      throw new HttpError(409, 'wrong_status', `a problem that is ${current.status} cannot become ${change.status}`, { status: current.status });
    }
    if (change.ownerId) {
      const [owner] = await db.select({ id: staff.id }).from(staff).where(and(eq(staff.id, change.ownerId), eq(staff.active, true)));
      if (!owner) throw validationFailed([{ path: 'body.ownerId', message: `no active member of staff ${change.ownerId}` }]);
    }
    const merged = { correctiveAction: change.correctiveAction ?? current.correctiveAction, ownerId: change.ownerId ?? current.ownerId, dueDate: change.dueDate ?? current.dueDate, resolution: change.resolution ?? current.resolution };
    // An action under way has what, who and by when; a resolved problem says how it was resolved.
    const required: [keyof typeof merged, boolean][] = [
      ['correctiveAction', next === 'acting'],
      ['ownerId', next === 'acting'],
      ['dueDate', next === 'acting'],
      ['resolution', next === 'resolved'],
    ];
    const missing = required.filter(([field, needed]) => needed && !merged[field]);
    if (missing.length > 0) throw validationFailed(missing.map(([field]) => ({ path: `body.${field}`, message: `required for a problem that is ${next}` })));
    const [row] = await db
      .update(problems)
      .set({ ...merged, status: next, resolvedAt: next === 'resolved' ? (current.resolvedAt ?? new Date()) : null, updatedAt: new Date() })
      .where(eq(problems.id, id))
      .returning();
    res.json(problemView(row, await linkedCount(id)));
  });

  router.post('/problems/:id/complaints', requireAction('problems'), async (req, res) => {
    const id = problemId(req.params.id);
    const body = parseOrThrow(problemLinkSchema, req.body, 'body');
    await load(id);
    const numbers = [...new Set(body.numbers)];
    await checkComplaintsExist(db, numbers, 'body.numbers');
    await db
      .insert(problemComplaints)
      .values(numbers.map((n) => ({ problemId: id, complaintNumber: n, linkedBy: req.actor!.id })))
      .onConflictDoNothing();
    res.json({ id, complaints: await linkedCount(id) });
  });

  router.delete('/problems/:id/complaints/:number', requireAction('problems'), async (req, res) => {
    const id = problemId(req.params.id);
    const number = String(req.params.number);
    if (!COMPLAINT_NUMBER.test(number)) throw validationFailed([{ path: 'params.number', message: 'not a complaint number (CMP-YYYYMMDD-NNNNNN)' }]);
    await load(id);
    await db.delete(problemComplaints).where(and(eq(problemComplaints.problemId, id), eq(problemComplaints.complaintNumber, number)));
    res.status(204).end();
  });

  return router;
}
