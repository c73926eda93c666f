import type { StaffRole } from '../../domain/model';
import { chooseAssignee, chooseEscalationOwner, compareForAssignment, isAvailable, type StaffMemberSnapshot } from '../../domain/staffing';

const now = new Date('2026-11-24T04:00:00Z');
const day = 86_400_000;

function member(id: string, role: StaffRole, departmentId: string, extra: Partial<StaffMemberSnapshot> = {}): StaffMemberSnapshot {
  return { id, role, departmentId, supervisorId: null, active: true, awayFrom: null, awayUntil: null, lastAssignedAt: null, openItems: 0, ...extra };
}

describe('isAvailable', () => {
  it.each<[string, Partial<StaffMemberSnapshot>, boolean]>([
    ['active, never away', {}, true],
    ['inactive', { active: false }, false],
    ['away now, open-ended', { awayFrom: new Date(now.getTime() - day) }, false],
    ['away now, ends tomorrow', { awayFrom: new Date(now.getTime() - day), awayUntil: new Date(now.getTime() + day) }, false],
    ['away period over', { awayFrom: new Date(now.getTime() - 2 * day), awayUntil: new Date(now.getTime() - day) }, true],
    ['away period ends exactly now', { awayFrom: new Date(now.getTime() - day), awayUntil: now }, true],
    ['away period starts exactly now', { awayFrom: now }, false],
    ['away period in the future', { awayFrom: new Date(now.getTime() + day) }, true],
    ['only an end, in the future', { awayUntil: new Date(now.getTime() + day) }, false],
    ['only an end, in the past', { awayUntil: new Date(now.getTime() - day) }, true],
    ['inactive and away', { active: false, awayFrom: new Date(now.getTime() - day) }, false],
  ])('%s → %s', (_name, extra, expected) => {
    expect(isAvailable(member('x', 'handler', 'd', extra), now)).toBe(expected);
  });
});

describe('compareForAssignment', () => {
  it('prefers fewer open items, then least recently assigned (never first), then id', () => {
    const people = [
      member('c', 'handler', 'd', { openItems: 1 }),
      member('b', 'handler', 'd', { openItems: 0, lastAssignedAt: new Date(now.getTime() - 1000) }),
      member('a', 'handler', 'd', { openItems: 0, lastAssignedAt: now }),
      member('e', 'handler', 'd', { openItems: 0 }),
      member('d', 'handler', 'd', { openItems: 0 }),
    ];
    expect([...people].sort(compareForAssignment).map((p) => p.id)).toEqual(['d', 'e', 'b', 'a', 'c']);
  });
});

describe('chooseAssignee', () => {
  const directory = [
    member('h1', 'handler', 'quality', { openItems: 3 }),
    member('h2', 'handler', 'quality', { openItems: 1 }),
    member('h3', 'handler', 'quality', { openItems: 0, awayFrom: new Date(now.getTime() - day) }),
    member('h4', 'handler', 'logistics', { openItems: 0 }),
    member('sup-q', 'supervisor', 'quality', { openItems: 5 }),
    member('sup-e', 'supervisor', 'empty', { openItems: 2 }),
    member('a1', 'agent', 'quality', { active: false }),
  ];

  it.each<[string, StaffRole, string | undefined, string | null, string]>([
    ['the least loaded available handler of the department', 'handler', 'quality', 'h2', 'department'],
    ['the only handler of another department', 'handler', 'logistics', 'h4', 'department'],
    ['the department’s supervisor when nobody of the role is there', 'handler', 'empty', 'sup-e', 'department_supervisor'],
    ['the supervisor when the only agent is inactive', 'agent', 'quality', 'sup-q', 'department_supervisor'],
    ['the role anywhere when the department has nobody at all', 'handler', 'nowhere', 'h4', 'anywhere'],
    ['the role anywhere without a department', 'handler', undefined, 'h4', 'anywhere'],
    ['nobody when the role exists nowhere', 'agent', 'nowhere', null, 'none'],
  ])('%s', (_name, role, department, staffId, via) => {
    expect(chooseAssignee(directory, role, department, now)).toEqual({ staffId, via });
  });

  it('spreads 30 assignments 10/10/10 over three equal handlers, and 15/15/0 with one away', () => {
    const spread = (team: StaffMemberSnapshot[]) => {
      const counts = new Map(team.map((m) => [m.id, 0]));
      for (let i = 0; i < 30; i++) {
        const { staffId } = chooseAssignee(team, 'handler', 'quality', now);
        const chosen = team.find((m) => m.id === staffId)!;
        chosen.openItems += 1;
        chosen.lastAssignedAt = new Date(now.getTime() + i);
        counts.set(chosen.id, counts.get(chosen.id)! + 1);
      }
      return [...counts.values()];
    };
    expect(spread([member('x', 'handler', 'quality'), member('y', 'handler', 'quality'), member('z', 'handler', 'quality')])).toEqual([10, 10, 10]);
    expect(spread([member('x', 'handler', 'quality'), member('y', 'handler', 'quality'), member('z', 'handler', 'quality', { awayFrom: now })])).toEqual([15, 15, 0]);
  });
});

describe('chooseEscalationOwner', () => {
  const directory = [
    member('mgr', 'manager', 'hq'),
    member('mgr-q', 'manager', 'quality', { awayFrom: new Date(now.getTime() - day) }),
    member('sup-1', 'supervisor', 'quality', { supervisorId: 'mgr' }),
    member('sup-0', 'supervisor', 'quality', { openItems: 0 }),
    member('sup-away', 'supervisor', 'quality', { supervisorId: 'mgr-q', awayFrom: new Date(now.getTime() - day) }),
    member('h1', 'handler', 'quality', { supervisorId: 'sup-1' }),
    member('h2', 'handler', 'quality', { supervisorId: 'sup-away' }),
    member('h3', 'handler', 'quality', { supervisorId: 'ghost' }),
    member('a1', 'agent', 'front', { supervisorId: 'sup-1' }),
    member('loop-a', 'handler', 'x', { supervisorId: 'loop-b' }),
    member('loop-b', 'handler', 'x', { supervisorId: 'loop-a' }),
  ];

  it.each<[string, 'supervisor' | 'manager', string | undefined, string | undefined, string | null, string]>([
    ['level 1: the owner’s supervisorId', 'supervisor', 'h1', 'quality', 'sup-1', 'org_chart'],
    ['level 2: that supervisor’s supervisorId', 'manager', 'sup-1', 'quality', 'mgr', 'org_chart'],
    ['level 2 straight from a handler walks two steps', 'manager', 'h1', 'quality', 'mgr', 'org_chart'],
    ['before triage: the receiving agent’s supervisor', 'supervisor', 'a1', undefined, 'sup-1', 'org_chart'],
    ['an away supervisor: the department’s least loaded supervisor', 'supervisor', 'h2', 'quality', 'sup-0', 'department'],
    ['an unknown supervisorId: the department', 'supervisor', 'h3', 'quality', 'sup-0', 'department'],
    ['no owner known: the department', 'supervisor', undefined, 'quality', 'sup-0', 'department'],
    ['an away manager on the chart, none in the department: any manager', 'manager', 'sup-away', 'quality', 'mgr', 'anywhere'],
    ['a loop in the chart ends and falls back', 'supervisor', 'loop-a', 'x', 'sup-0', 'anywhere'],
  ])('%s', (_name, role, from, department, staffId, via) => {
    expect(chooseEscalationOwner(directory, role, from, department, now)).toEqual({ staffId, via });
  });

  it('answers none when nobody of the role exists', () => {
    expect(chooseEscalationOwner([member('h', 'handler', 'd')], 'manager', 'h', 'd', now)).toEqual({ staffId: null, via: 'none' });
  });
});
