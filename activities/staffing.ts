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

export async function staffDirectory(db: DbExecutor): Promise<StaffMemberSnapshot[]> {
  const rows = await db
    .select({
      id: staff.id,
      role: staff.role,
      departmentId: staff.departmentId,
      supervisorId: staff.supervisorId,
      active: staff.active,
      awayFrom: staff.awayFrom,
      awayUntil: staff.awayUntil,
      lastAssignedAt: staff.lastAssignedAt,
      openItems: sql<number>`${OPEN_ITEMS_SQL}`.mapWith(Number),
    })
    .from(staff);
  // Customers are never in the directory; the column's enum is shared with tokens.
  return rows.filter((r): r is typeof r & { role: StaffRole } => r.role !== 'customer');
}

export interface AssignmentRequest {
  /** Derived by the workflow (complaint, purpose, event sequence): the same request decides once. */
  key: string;
  complaintNumber: string;
  departmentId?: string;
}

/**
 * Decides once per key. Decisions in one department are serialised (advisory lock), and the chosen
 * person's `lastAssignedAt` moves in the same transaction, so two complaints triaged at the same
 * moment go to different people when workloads are equal.
 */
async function decideOnce(db: Database, request: AssignmentRequest, role: StaffRole, decide: (directory: StaffMemberSnapshot[]) => AssignmentDecision): Promise<AssignmentDecision> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assign:${request.departmentId ?? ''}:${role}`}))`);
    const [existing] = await tx.select().from(assignments).where(eq(assignments.key, request.key));
    if (existing) return { staffId: existing.staffId, via: existing.via as AssignmentVia };
    const decision = decide(await staffDirectory(tx));
    await tx.insert(assignments).values({ key: request.key, complaintNumber: request.complaintNumber, role, departmentId: request.departmentId ?? null, staffId: decision.staffId, via: decision.via });
    if (decision.staffId) await tx.update(staff).set({ lastAssignedAt: new Date() }).where(eq(staff.id, decision.staffId));
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
