/**
 * The legal regimes as data (domain/legal-regimes.ts): every entry is complete and cites its source,
 * versions are chosen by the day the company received the complaint, and the shipped periods count
 * out as the texts have them on the 2026 calendar.
 */
import { readCalendarFile } from '../../db/calendars';
import { localDateTimeToEpoch, parseIsoDate } from '../../domain/calendar';
import { LEGAL_REGIME_IDS, LEGAL_REGIMES, regimeVersionFor, type LegalClockRule } from '../../domain/legal-regimes';
import { legalDueAt, LEGAL_PERIOD_UNITS, type LegalPeriod } from '../../domain/legal-periods';

const cal = readCalendarFile('cn-mainland');
const at = (date: string) => localDateTimeToEpoch(cal, date, '10:00');

describe.each(LEGAL_REGIME_IDS.map((id) => [id]))('%s', (id) => {
  const regime = LEGAL_REGIMES[id];

  it('is filed under its id, named in both languages, with versions oldest first', () => {
    expect(regime.id).toBe(id);
    expect(regime.name['zh-CN']).toMatch(/\p{Script=Han}/u);
    expect(regime.name.en.length).toBeGreaterThan(5);
    expect(regime.versions.length).toBeGreaterThan(0);
    const dates = regime.versions.map((v) => v.effectiveFrom);
    for (const d of dates) expect(parseIsoDate(d)).toBeDefined();
    expect([...dates].sort()).toEqual(dates);
  });

  it('cites its source in every version: the text, the articles, and what to verify', () => {
    for (const v of regime.versions) {
      expect(v.source.law.length).toBeGreaterThan(5);
      expect(v.source.articles.length).toBeGreaterThan(5);
      expect(v.source.verify.length).toBeGreaterThan(5);
    }
  });

  it('has one binding clock with a length or a given date, and well-formed clocks', () => {
    for (const v of regime.versions) {
      const ids = v.clocks.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      const binding = v.clocks.filter((c) => c.kind === 'binding');
      expect(binding).toHaveLength(1);
      for (const c of v.clocks) {
        // Exactly one of: a period, or the regulator's date (which intake must then require).
        expect(Boolean(c.period) !== Boolean(c.dueDateGiven)).toBe(true);
        if (c.dueDateGiven) expect(regime.requires.regulatorDueDate).toBe(true);
        if (c.period) expect(LEGAL_PERIOD_UNITS).toContain(c.period.unit);
        expect(c.endsOn).toContain('withdrawn');
        for (const e of c.extensions) for (const before of e.after ?? []) expect(c.extensions.map((x) => x.id)).toContain(before);
      }
    }
  });
});

it('chooses the version in effect on the day the complaint was received', () => {
  expect(regimeVersionFor('cn-banking-insurance', '2020-02-29')).toBeUndefined();
  expect(regimeVersionFor('cn-banking-insurance', '2020-03-01')?.effectiveFrom).toBe('2020-03-01');
  expect(regimeVersionFor('cn-samr-transfer', '2026-11-27')?.source.verify).toMatch(/2026-04-15/);
});

describe('the shipped periods on the 2026 calendar', () => {
  const clock = (id: (typeof LEGAL_REGIME_IDS)[number], clockId: string): LegalClockRule => regimeVersionFor(id, '2026-09-16')!.clocks.find((c) => c.id === clockId)!;
  const extended = (rule: LegalClockRule, ...ids: string[]): LegalPeriod => ({
    unit: rule.period!.unit,
    length: rule.period!.length + ids.reduce((sum, id) => sum + rule.extensions.find((e) => e.id === id)!.adds.length, 0),
  });

  it('banking and insurance: 15 days, 30 when complex, 60 with the senior extension (calendar days, Art. 203)', () => {
    const decision = clock('cn-banking-insurance', 'decision');
    expect(legalDueAt(cal, at('2026-09-16'), decision.period!).lastDay).toBe('2026-10-08'); // Oct 1 falls in National Day
    expect(legalDueAt(cal, at('2026-09-16'), extended(decision, 'complex')).lastDay).toBe('2026-10-16');
    expect(legalDueAt(cal, at('2026-09-16'), extended(decision, 'complex', 'special')).lastDay).toBe('2026-11-16'); // Sun Nov 15 → Mon
    expect(decision.extensions.find((e) => e.id === 'special')).toMatchObject({ approvedBy: 'senior', customerMustBeTold: true, after: ['complex'] });
  });

  it('personal information: 15 working days; 12315 ODR: 10 working days', () => {
    expect(legalDueAt(cal, at('2026-09-18'), clock('cn-personal-information', 'answer').period!).lastDay).toBe('2026-10-15');
    expect(legalDueAt(cal, at('2026-09-30'), clock('cn-12315-odr', 'odrWindow').period!).lastDay).toBe('2026-10-20');
  });

  it("market regulation: the regulator's date binds; its own acceptance and mediation periods are context", () => {
    const version = regimeVersionFor('cn-samr-transfer', '2026-09-16')!;
    expect(version.clocks.find((c) => c.kind === 'binding')).toMatchObject({ id: 'regulatorReply', dueDateGiven: true });
    expect(clock('cn-samr-transfer', 'regulatorAcceptance')).toMatchObject({ kind: 'context', period: { length: 7, unit: 'workingDays' } });
    expect(clock('cn-samr-transfer', 'regulatorMediation')).toMatchObject({ kind: 'context', startsAt: 'regulator_acceptance', period: { length: 45, unit: 'workingDays' }, stoppableFor: ['testing', 'appraisal'] });
    expect(legalDueAt(cal, at('2026-09-24'), clock('cn-samr-transfer', 'regulatorAcceptance').period!).lastDay).toBe('2026-10-12');
  });
});
