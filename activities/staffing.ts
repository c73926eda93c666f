/**
 * Assignment and escalation decisions: read the staff directory with everyone's open items, apply
 * the rules of domain/staffing.ts, and record the decision under the workflow's key, so a retried
 * activity answers with the person already chosen and replays stay deterministic.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../db/client';
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

/** Decisions that follow the org chart (or find no one) do not depend on anyone's workload. */
const LOAD_FREE: readonly AssignmentVia[] = ['org_chart', 'none'];

/** Reads, in one statement, the decision already made under a key (a retry) and the directory. */
async function readDecisionAndDirectory(db: DbExecutor, key: string): Promise<{ existing: AssignmentDecision | null; directory: StaffMemberSnapshot[] }> {
  const [read] = await db
    .select({
      existing: sql<AssignmentDecision | null>`(select json_build_object('staffId', ${assignments.staffId}, 'via', ${assignments.via}) from ${assignments} where ${eq(assignments.key, key)})`,
      directory: DIRECTORY_JSON,
    })
    .from(sql`(select 1) as one`);
  const directory = (read?.directory ?? []).map((m) => ({ ...m, awayFrom: dateOrNull(m.awayFrom), awayUntil: dateOrNull(m.awayUntil), lastAssignedAt: dateOrNull(m.lastAssignedAt) }));
  return { existing: read?.existing ?? null, directory };
}

/**
 * Records a decision and moves the chosen person's turn, in one statement; a decision already
 * recorded under the key (a racing retry) wins and is returned instead.
 */
async function recordDecision(db: DbExecutor, request: AssignmentRequest, role: StaffRole, decision: AssignmentDecision): Promise<AssignmentDecision> {
  const recorded = sql`recorded as (${db
    .insert(assignments)
    .values({ key: request.key, complaintNumber: request.complaintNumber, role, departmentId: request.departmentId ?? null, staffId: decision.staffId, via: decision.via })
    .onConflictDoNothing({ target: assignments.key })
    .returning({ key: assignments.key })
    .getSQL()})`;
  const turned = decision.staffId
    ? sql`, turned as (update ${staff} set last_assigned_at = now() where ${eq(staff.id, decision.staffId)} and exists (select 1 from recorded))`
    : sql``;
  const { rows } = await db.execute<{ recorded: boolean }>(sql`with ${recorded}${turned} select exists (select 1 from recorded) as recorded`);
  if (rows[0]?.recorded) return decision;
  const { existing } = await readDecisionAndDirectory(db, request.key);
  return existing ?? decision;
}

/**
 * Decides once per key. A decision that follows the org chart (the superior of whoever had the
 * case) does not depend on workloads: it is read and written in two statements, without a lock,
 * so a storm of missed deadlines escalates side by side. A decision by workload is serialised per
 * department and role (advisory lock), and the chosen person's `lastAssignedAt` moves in the same
 * transaction, so two complaints triaged at the same moment go to different people when workloads
 * are equal.
 */
async function decideOnce(
  db: Database,
  request: AssignmentRequest,
  role: StaffRole,
  decide: (directory: StaffMemberSnapshot[]) => AssignmentDecision,
  { followsOrgChart }: { followsOrgChart: boolean },
): Promise<AssignmentDecision> {
  // Only escalations can follow the org chart; an assignment by workload goes straight to the lock
  // (reading the directory before it as well would be a wasted statement).
  if (followsOrgChart) {
    const first = await readDecisionAndDirectory(db, request.key);
    if (first.existing) return first.existing;
    const unlocked = decide(first.directory);
    if (LOAD_FREE.includes(unlocked.via)) return recordDecision(db, request, role, unlocked);
  }
  return db.transaction(async (tx) => {
    // Its own statement: a statement's snapshot is taken when it starts, so only a read after the
    // lock sees what the decision before it wrote.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assign:${request.departmentId ?? ''}:${role}`}))`);
    const { existing, directory } = await readDecisionAndDirectory(tx, request.key);
    if (existing) return existing;
    return recordDecision(tx, request, role, decide(directory));
  });
}

export function createStaffingActivities(db: Database) {
  return {
    /** The least loaded available person of a role in the department (then its supervisor, then the role anywhere). */
    async assignStaff(request: AssignmentRequest & { role: StaffRole }): Promise<AssignmentDecision> {
      return decideOnce(db, request, request.role, (directory) => chooseAssignee(directory, request.role, request.departmentId, new Date()), { followsOrgChart: false });
    },

    /** The superior an escalation goes to: up the org chart from `fromStaffId`, then the department, then anywhere. */
    async assignEscalationOwner(request: AssignmentRequest & { role: 'supervisor' | 'manager'; fromStaffId?: string }): Promise<AssignmentDecision> {
      return decideOnce(db, request, request.role, (directory) => chooseEscalationOwner(directory, request.role, request.fromStaffId, request.departmentId, new Date()), { followsOrgChart: true });
    },
  };
}
