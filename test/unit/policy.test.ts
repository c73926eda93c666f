/** What a complaint carries of the policy: the calendar years its clocks reach, and the same deadlines as the whole calendar. */
import rawCnMainland from '../../calendars/cn-mainland.json';
import { parseCalendarData } from '../../domain/calendar-file';
import { computeDueAt } from '../../domain/deadlines';
import { applyPolicyOverrides, DEFAULT_DURATIONS, defaultPolicy, policyForComplaint, policyOverridesSchema } from '../../domain/policy';

const policy = defaultPolicy(parseCalendarData(rawCnMainland));

it('keeps the year of receipt and the next, without holiday names, leaves out the service-wide retention rules, and nothing else of the policy changes', () => {
  const compact = policyForComplaint(policy, Date.parse('2026-09-28T02:00:00Z'));
  expect(Object.keys(compact.calendar.years)).toEqual(['2026', '2027']);
  expect(compact.calendar.years['2026'].holidays.map((d) => d.date)).toEqual(policy.calendar.years['2026'].holidays.map((d) => d.date));
  expect(compact.calendar.years['2026'].holidays.every((d) => d.name === '')).toBe(true);
  const { calendar: _c, ...rest } = compact;
  const { calendar: _f, retention: _r, qualityReview: _q, ...full } = policy;
  expect(compact).not.toHaveProperty('retention');
  expect(compact).not.toHaveProperty('qualityReview');
  expect(rest).toEqual(full);
  expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(policy).length * 0.6);
});

it('counts the year of receipt in the organisation’s time zone (New Year’s Eve 23:30 in Beijing is already the next year)', () => {
  expect(Object.keys(policyForComplaint(policy, Date.parse('2025-12-31T16:30:00Z')).calendar.years)).toEqual(['2026', '2027']);
  expect(Object.keys(policyForComplaint(policy, Date.parse('2025-12-31T15:30:00Z')).calendar.years)).toEqual(['2025', '2026']);
});

it('gives every clock the same due time as the whole calendar, around the 2026 National Day holidays', () => {
  const starts = Array.from({ length: 60 }, (_, i) => Date.parse('2026-09-20T01:00:00Z') + i * 11 * 3_600_000);
  for (const start of starts) {
    const compact = policyForComplaint(policy, start).calendar;
    for (const duration of Object.values(DEFAULT_DURATIONS)) {
      expect(computeDueAt(compact, start, duration).dueAt).toBe(computeDueAt(policy.calendar, start, duration).dueAt);
    }
  }
});

it('takes the manager’s rounds from the overrides (0–5), one by default', () => {
  const base = policy;
  expect(base.managerRounds).toBe(1);
  expect(applyPolicyOverrides(base, policyOverridesSchema.parse({ managerRounds: 0 })).managerRounds).toBe(0);
  expect(applyPolicyOverrides(base, policyOverridesSchema.parse({ negotiationMaxRounds: 2, managerRounds: 2 }))).toMatchObject({ negotiationMaxRounds: 2, managerRounds: 2 });
  for (const bad of [-1, 6, 1.5]) expect(policyOverridesSchema.safeParse({ managerRounds: bad }).success).toBe(false);
});
