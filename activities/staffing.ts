/**
 * Assignment and escalation decisions: read the staff directory with everyone's open items, apply
 * the rules of domain/staffing.ts, and record the decision under the workflow's key, so a retried
 * activity answers with the person already chosen and replays stay deterministic.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { assignments, staff } from '../db/schema';
import type { StaffRole } from '../domain/model';
import { OPEN_ITEMS_SQL } from '../db/staff-load';
import { chooseAssignee, chooseEscalationOwner, type AssignmentDecision, type AssignmentVia, type StaffMemberSnapshot } from '../domain/staffing';

export interface AssignmentRequest {
  /** Derived by the workflow (complaint, purpose, event sequence): the same request decides once. */
  key: string;
  complaintNumber: string;
  departmentId?: string;
}

/** The directory as one JSON value (times as ISO strings), for reading it with other things in one statement. */
const DIRECTORY_JSON = sql<DirectoryJsonRow[] | null>`(select json_agg(json_build_object(
    'id', ${staff.id}, 'role', ${staff.role}, 'departmentId', ${staff.departmentId}, 'supervisorId', ${staff.supervisorId},
    'active', ${staff.active}, 'awayFrom', ${staff.awayFrom}, 'awayUntil', ${staff.awayUntil}, 'lastAssignedAt', ${staff.lastAssignedAt},
    'openItems', ${OPEN_ITEMS_SQL})) from ${staff} where ${staff.role} <> 'customer')`;

type DirectoryJsonRow = Omit<StaffMemberSnapshot, 'awayFrom' | 'awayUntil' | 'lastAssignedAt'> & { awayFrom: string | null; awayUntil: string | null; lastAssignedAt: string | null };

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/**
 * Decides once per key. Decisions in one department are serialised (advisory lock), and the chosen
 * person's `lastAssignedAt` moves in the same transaction, so two complaints triaged at the same
 * moment go to different people when workloads are equal. After the lock, one statement reads the
 * earlier decision under this key (a retry) with the directory, and one writes the decision and
 * the chosen person's turn.
 */
async function decideOnce(db: Database, request: AssignmentRequest, role: StaffRole, decide: (directory: StaffMemberSnapshot[]) => AssignmentDecision): Promise<AssignmentDecision> {
  return db.transaction(async (tx) => {
    // Its own statement: a statement's snapshot is taken when it starts, so only a read after the
    // lock sees what the decision before it wrote.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assign:${request.departmentId ?? ''}:${role}`}))`);
    const [read] = await tx
      .select({ existing: sql<{ staffId: string | null; via: AssignmentVia } | null>`(select json_build_object('staffId', ${assignments.staffId}, 'via', ${assignments.via}) from ${assignments} where ${eq(assignments.key, request.key)})`, directory: DIRECTORY_JSON })
      .from(sql`(select 1) as one`);
    if (read?.existing) return { staffId: read.existing.staffId, via: read.existing.via };
    const directory = (read?.directory ?? []).map((m) => ({ ...m, awayFrom: dateOrNull(m.awayFrom), awayUntil: dateOrNull(m.awayUntil), lastAssignedAt: dateOrNull(m.lastAssignedAt) }));
    const decision = decide(directory);
    const recorded = sql`recorded as (${tx.insert(assignments).values({ key: request.key, complaintNumber: request.complaintNumber, role, departmentId: request.departmentId ?? null, staffId: decision.staffId, via: decision.via }).getSQL()})`;
    await tx.execute(
      decision.staffId
        ? sql`with ${recorded}, turned as (${tx.update(staff).set({ lastAssignedAt: new Date() }).where(eq(staff.id, decision.staffId)).getSQL()}) select 1`
        : sql`with ${recorded} select 1`,
    );
    return decision;
  });
}

export function createStaffingActivities(db: Database) {
  return {
    /** The least loaded available person of a role in the department (then its supervisor, then the role anywhere). */
    async assignStaff(request: AssignmentRequest & { role: StaffRole }): Promise<AssignmentDecision> {
      return decideOnce(db, request, request.role, (directory) => chooseAssignee(directory, request.role, request.departmentId, new Date()));
    },

    /** The superior an escalation goes to: up the org chart from `fromStaffId`, then the department, then anywhere. */
    async assignEscalationOwner(request: AssignmentRequest & { role: 'supervisor' | 'manager'; fromStaffId?: string }): Promise<AssignmentDecision> {
      return decideOnce(db, request, request.role, (directory) => chooseEscalationOwner(directory, request.role, request.fromStaffId, request.departmentId, new Date()));
    },
  };
}
