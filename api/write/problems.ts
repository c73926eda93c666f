/**
 * Writing systemic problems: open one (with the complaints that show it), change its status and
 * corrective action, link and unlink complaints. Every write checks everything first and writes in
 * one transaction: a bad complaint number links nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints, problemComplaints, problems, staff } from '../../db/schema';
import { productKeyOf } from '../../domain/intake';
import type { Actor } from '../../domain/model';
import { PROBLEM_TRANSITIONS, type ProblemStatus } from '../../domain/problems';
import { HttpError, validationFailed, wrongStatusError } from '../http/errors';
import { linkedCount, loadProblem, problemView } from '../read/problems';
import { reachedComplaints, type Viewer } from '../read/scopes';
import { recordAudit } from './audit';
import type { ProblemCreate, ProblemUpdate } from '../schemas/requests';

/** Every number in `numbers` must be a complaint in the viewer's scope; a 400 naming the first that is not (out of scope reads like unknown). */
async function checkComplaintsExist(db: Database, viewer: Viewer, numbers: string[], path: string): Promise<void> {
  const found = new Set((await db.select({ number: complaints.number }).from(complaints).where(and(inArray(complaints.number, numbers), reachedComplaints(viewer)))).map((r) => r.number));
  const missing = numbers.findIndex((n) => !found.has(n));
  if (missing >= 0) throw validationFailed([{ path: `${path}.${missing}`, message: `no complaint ${numbers[missing]}` }]);
}

export async function openProblem(db: Database, actor: Viewer, body: ProblemCreate) {
  const numbers = [...new Set(body.complaintNumbers ?? [])];
  if (numbers.length > 0) await checkComplaintsExist(db, actor, numbers, 'body.complaintNumbers');
  const productKey = body.product ? (productKeyOf({ productName: body.product }) ?? null) : null;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(problems)
      .values({ title: body.title, description: body.description ?? null, origin: body.origin, category: body.category ?? null, productKey, openedBy: actor.id })
      .returning();
    if (numbers.length > 0) await tx.insert(problemComplaints).values(numbers.map((n) => ({ problemId: row.id, complaintNumber: n, linkedBy: actor.id })));
    return row;
  });
  return problemView(created, numbers.length);
}

export async function updateProblem(db: Database, actor: Actor, id: number, change: ProblemUpdate) {
  const current = await loadProblem(db, id);
  const next: ProblemStatus = change.status ?? current.status;
  if (change.status && change.status !== current.status && !PROBLEM_TRANSITIONS[current.status].includes(change.status)) {
    throw wrongStatusError(current.status, `a problem that is ${current.status} cannot become ${change.status}`);
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
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(problems)
      .set({ ...merged, status: next, resolvedAt: next === 'resolved' ? (current.resolvedAt ?? new Date()) : null, updatedAt: new Date() })
      .where(eq(problems.id, id))
      .returning();
    const audited = (p: typeof current) => ({ status: p.status, correctiveAction: p.correctiveAction, ownerId: p.ownerId, dueDate: p.dueDate, resolution: p.resolution });
    await recordAudit(tx, { actor, action: 'problem_status_changed', subject: `problem/${id}`, before: audited(current), after: audited(updated) });
    return updated;
  });
  return problemView(row, await linkedCount(db, id));
}

export async function linkComplaints(db: Database, actor: Viewer, id: number, numbers: string[]) {
  await loadProblem(db, id);
  const unique = [...new Set(numbers)];
  await checkComplaintsExist(db, actor, unique, 'body.numbers');
  await db
    .insert(problemComplaints)
    .values(unique.map((n) => ({ problemId: id, complaintNumber: n, linkedBy: actor.id })))
    .onConflictDoNothing();
  return { id, complaints: await linkedCount(db, id) };
}

export async function unlinkComplaint(db: Database, actor: Viewer, id: number, number: string): Promise<void> {
  await loadProblem(db, id);
  const [reached] = await db.select({ number: complaints.number }).from(complaints).where(and(eq(complaints.number, number), reachedComplaints(actor)));
  if (!reached) throw new HttpError(404, 'not_found', 'complaint not found');
  await db.delete(problemComplaints).where(and(eq(problemComplaints.problemId, id), eq(problemComplaints.complaintNumber, number)));
}
