/**
 * The scope rules of `domain/scopes.ts` applied to data: each relation once, as a test on a stored
 * row and as the same condition in SQL (lists, search, queues, stuck cases, exports and reports), so
 * what a person can open and what their lists show cannot disagree.
 */
import { eq, or, sql, type SQL } from 'drizzle-orm';
import { complaints, type ComplaintRow } from '../../db/schema';
import type { Actor } from '../../domain/model';
import { accessFor, RELATIONS, SCOPE_RULES, type ComplaintAccess, type Relation } from '../../domain/scopes';

/** Who is asking, as the staff directory says (`api/read/identity.ts`), with what their scope needs. */
export interface Viewer extends Actor {
  /** The person and everyone below them in the org chart (leads); just the person otherwise. */
  people: readonly string[];
  /** Their department, and for leads the departments of everyone below them. */
  departments: readonly string[];
  /** They work the triage pool (agents, and leads with agents below them). */
  frontLine: boolean;
}

/** A caller that is not staff (customers) or has no directory entry to widen their scope. */
export function viewerOf(actor: Actor): Viewer {
  return { ...actor, people: [actor.id], departments: actor.departmentId ? [actor.departmentId] : [], frontLine: actor.role === 'agent' };
}

/** The actor alone, as recorded in a workflow's history (no scope lists). */
export function actorOf(viewer: Actor): Actor {
  return { id: viewer.id, role: viewer.role, ...(viewer.departmentId ? { departmentId: viewer.departmentId } : {}) };
}

type ScopedRow = Pick<ComplaintRow, 'customerId' | 'receivedBy' | 'assigneeId' | 'followUpAssigneeId' | 'taskForceIds' | 'departmentId' | 'reviewerIds' | 'reviewDepartmentIds'>;

const textArray = (values: readonly string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;

/** Each relation, as a row test and as SQL on `complaints`. */
const RELATION_TESTS: { readonly [R in Relation]: { holds(row: ScopedRow, v: Viewer): boolean; where(v: Viewer): SQL } } = {
  complainant: { holds: (r, v) => r.customerId === v.id, where: (v) => eq(complaints.customerId, v.id) },
  receiver: { holds: (r, v) => r.receivedBy === v.id, where: (v) => eq(complaints.receivedBy, v.id) },
  owner: { holds: (r, v) => r.assigneeId === v.id, where: (v) => eq(complaints.assigneeId, v.id) },
  visitor: { holds: (r, v) => r.followUpAssigneeId === v.id, where: (v) => eq(complaints.followUpAssigneeId, v.id) },
  task_force: { holds: (r, v) => r.taskForceIds.includes(v.id), where: (v) => sql`${v.id} = any(${complaints.taskForceIds})` },
  reviewer: {
    holds: (r, v) => r.reviewerIds.includes(v.id) || r.reviewDepartmentIds.some((d) => v.departments.includes(d)),
    where: (v) => sql`(${v.id} = any(${complaints.reviewerIds}) or ${complaints.reviewDepartmentIds} && ${textArray(v.departments)})`,
  },
  department: {
    holds: (r, v) => r.departmentId !== null && v.departments.includes(r.departmentId),
    where: (v) => sql`${complaints.departmentId} = any(${textArray(v.departments)})`,
  },
  below: {
    holds: (r, v) => [r.receivedBy, r.assigneeId, r.followUpAssigneeId, ...r.taskForceIds].some((id) => id !== null && v.people.includes(id)),
    where: (v) =>
      sql`(${complaints.receivedBy} = any(${textArray(v.people)}) or ${complaints.assigneeId} = any(${textArray(v.people)}) or ${complaints.followUpAssigneeId} = any(${textArray(v.people)}) or ${complaints.taskForceIds} && ${textArray(v.people)})`,
  },
  front_line: { holds: (r, v) => v.frontLine && r.departmentId === null, where: (v) => (v.frontLine ? sql`${complaints.departmentId} is null` : sql`false`) },
};

/** The relations that hold between the viewer and a complaint. */
export function relationsTo(row: ScopedRow, viewer: Viewer): Set<Relation> {
  return new Set(RELATIONS.filter((r) => RELATION_TESTS[r].holds(row, viewer)));
}

/** What the viewer gets of this complaint: the case, the front desk's view, or nothing (404). */
export function accessTo(row: ScopedRow, viewer: Viewer): ComplaintAccess {
  return accessFor(viewer.role, relationsTo(row, viewer));
}

/** The complaints the viewer reaches, as a condition on `complaints` (undefined: every complaint). */
export function reachedComplaints(viewer: Viewer): SQL | undefined {
  const reaches = SCOPE_RULES[viewer.role].reaches;
  if (reaches === 'all') return undefined;
  if (reaches.length === 0) return sql`false`;
  return or(...reaches.map((r) => RELATION_TESTS[r].where(viewer)));
}

/**
 * What the viewer's reports count, as a condition on `complaint_facts f` (undefined: everything):
 * exactly the complaints their lists reach (a lead's departments and the people below them).
 */
export function reachedFacts(viewer: Viewer): SQL | undefined {
  const reports = SCOPE_RULES[viewer.role].reports;
  if (reports === 'all') return undefined;
  if (reports === 'none') return sql`false`;
  return sql`f.complaint_number in (select ${complaints.number} from ${complaints} where ${reachedComplaints(viewer)})`;
}
