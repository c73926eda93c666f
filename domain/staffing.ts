/**
 * Who gets the work (SPEC §4.3, §4.11, §5): pure rules over a snapshot of the staff directory, so
 * they are unit-tested with many cases; the activity (activities/staffing.ts) reads the snapshot and
 * records the decision.
 */
import type { StaffRole } from './model';

export interface StaffMemberSnapshot {
  id: string;
  role: StaffRole;
  departmentId: string;
  supervisorId: string | null;
  active: boolean;
  awayFrom: Date | null;
  awayUntil: Date | null;
  lastAssignedAt: Date | null;
  /** Open items owned now: open complaints and due follow-up visits. */
  openItems: number;
}

/** Active and not marked away at `now` (an away period without an end lasts until it is cleared). */
export function isAvailable(member: Pick<StaffMemberSnapshot, 'active' | 'awayFrom' | 'awayUntil'>, now: Date): boolean {
  if (!member.active) return false;
  // An end without a start means away until then.
  const from = member.awayFrom?.getTime() ?? (member.awayUntil !== null ? -Infinity : undefined);
  if (from === undefined) return true;
  const away = now.getTime() >= from && (member.awayUntil === null || now < member.awayUntil);
  return !away;
}

/** The fewest open items first; equal workloads by least recently assigned (never assigned first), then by id. */
export function compareForAssignment(a: StaffMemberSnapshot, b: StaffMemberSnapshot): number {
  if (a.openItems !== b.openItems) return a.openItems - b.openItems;
  const at = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bt = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export type AssignmentVia = 'department' | 'department_supervisor' | 'anywhere' | 'org_chart' | 'none';

export interface AssignmentDecision {
  staffId: string | null;
  via: AssignmentVia;
}

function best(candidates: StaffMemberSnapshot[]): StaffMemberSnapshot | undefined {
  return [...candidates].sort(compareForAssignment)[0];
}

/**
 * The person of `role` in `departmentId` with the fewest open items; when nobody of the role is
 * available there, the department's supervisor, then the role anywhere.
 */
export function chooseAssignee(directory: StaffMemberSnapshot[], role: StaffRole, departmentId: string | undefined, now: Date): AssignmentDecision {
  const available = directory.filter((m) => isAvailable(m, now));
  if (departmentId !== undefined) {
    const inDepartment = best(available.filter((m) => m.role === role && m.departmentId === departmentId));
    if (inDepartment) return { staffId: inDepartment.id, via: 'department' };
    const supervisor = best(available.filter((m) => m.role === 'supervisor' && m.departmentId === departmentId));
    if (supervisor) return { staffId: supervisor.id, via: 'department_supervisor' };
  }
  const anywhere = best(available.filter((m) => m.role === role));
  return anywhere ? { staffId: anywhere.id, via: 'anywhere' } : { staffId: null, via: 'none' };
}

/**
 * Who an escalation to `role` (supervisor at level 1, manager at level 2) goes to: up the org chart
 * from `fromStaffId` (the current owner, or before triage the receiving agent) to the first available
 * person of that role; else that role in the department (least loaded), else anywhere.
 */
export function chooseEscalationOwner(
  directory: StaffMemberSnapshot[],
  role: 'supervisor' | 'manager',
  fromStaffId: string | undefined,
  departmentId: string | undefined,
  now: Date,
): AssignmentDecision {
  const byId = new Map(directory.map((m) => [m.id, m]));
  let current = fromStaffId === undefined ? undefined : byId.get(fromStaffId);
  const seen = new Set<string>();
  while (current?.supervisorId && !seen.has(current.id)) {
    seen.add(current.id);
    const superior = byId.get(current.supervisorId);
    if (!superior) break;
    if (superior.role === role && isAvailable(superior, now)) return { staffId: superior.id, via: 'org_chart' };
    current = superior;
  }
  const available = directory.filter((m) => isAvailable(m, now) && m.role === role);
  const inDepartment = departmentId === undefined ? undefined : best(available.filter((m) => m.departmentId === departmentId));
  if (inDepartment) return { staffId: inDepartment.id, via: 'department' };
  const anywhere = best(available);
  return anywhere ? { staffId: anywhere.id, via: 'anywhere' } : { staffId: null, via: 'none' };
}
