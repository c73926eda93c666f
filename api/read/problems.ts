/** Reading systemic problems (domain/problems.ts): the list, one problem with its complaints, the row as JSON. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { articlesOfProblem } from './knowledge';
import { reachedComplaints, type Viewer } from './scopes';
import type { Database } from '../../db/client';
import { complaints, problemComplaints, problems, type ProblemRow } from '../../db/schema';
import type { ProblemStatus } from '../../domain/problems';
import { HttpError } from '../http/errors';

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

export async function linkedCount(db: Database, id: number): Promise<number> {
  return (await db.select({ n: sql<number>`count(*)::int` }).from(problemComplaints).where(eq(problemComplaints.problemId, id)))[0].n;
}

/** The problem's row, or 404. */
export async function loadProblem(db: Database, id: number): Promise<ProblemRow> {
  const [row] = await db.select().from(problems).where(eq(problems.id, id));
  if (!row) throw new HttpError(404, 'not_found', `no problem ${id}`);
  return row;
}

export async function listProblems(db: Database, status: ProblemStatus | 'unresolved' | 'all') {
  const condition = status === 'all' ? undefined : status === 'unresolved' ? inArray(problems.status, ['open', 'acting']) : eq(problems.status, status);
  const rows = await db
    .select({ problem: problems, linked: sql<number>`(select count(*)::int from problem_complaints pc where pc.problem_id = ${problems.id})` })
    .from(problems)
    .where(condition)
    .orderBy(asc(problems.openedAt))
    .limit(500);
  return { items: rows.map((r) => problemView(r.problem, r.linked)) };
}

/** One problem, with the linked complaints the viewer reaches (the count is of all linked). */
export async function problemWithComplaints(db: Database, id: number, viewer: Viewer) {
  const problem = await loadProblem(db, id);
  const linked = await db
    .select({ number: complaints.number, stage: complaints.stage, category: complaints.category, receivedAt: complaints.receivedAt, linkedAt: problemComplaints.linkedAt, linkedBy: problemComplaints.linkedBy })
    .from(problemComplaints)
    .innerJoin(complaints, eq(complaints.number, problemComplaints.complaintNumber))
    .where(and(eq(problemComplaints.problemId, problem.id), reachedComplaints(viewer)))
    .orderBy(desc(complaints.receivedAt));
  return {
    ...problemView(problem, await linkedCount(db, problem.id)),
    linkedComplaints: linked.map((c) => ({ number: c.number, stage: c.stage, category: c.category, receivedAt: c.receivedAt.toISOString(), linkedAt: c.linkedAt.toISOString(), linkedBy: c.linkedBy })),
    articles: await articlesOfProblem(db, problem.id),
  };
}
