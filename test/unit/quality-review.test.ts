import { DEFAULT_QUALITY_REVIEW, periodBounds, periodOf, QUALITY_SAMPLE_REASONS, sampleForReview, scoreReview, type ClosedCase, type QualitySampleReason } from '../../domain/quality-review';

/** 200 closed cases of 8 handlers in one month, generated with a fixed seed: a few reopened, dissatisfied, breached or escalated. */
function generatedCases(): ClosedCase[] {
  let seed = 20261127;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return Array.from({ length: 200 }, (_, i) => ({
    number: `CMP-20261115-${String(i + 1).padStart(6, '0')}`,
    handlerId: `handler-${(i % 8) + 1}`,
    period: '2026-11',
    reopens: random() < 0.05 ? 1 : 0,
    // Most customers rate 4–5; about one in eight 1–3; a fifth do not rate.
    satisfaction: random() < 0.2 ? null : random() < 0.15 ? 1 + Math.floor(random() * 3) : 4 + Math.floor(random() * 2),
    breaches: random() < 0.1 ? 1 : 0,
    escalations: random() < 0.06 ? 1 : 0,
  }));
}

describe('the sampling rule', () => {
  const cases = generatedCases();
  const sampled = sampleForReview(cases, DEFAULT_QUALITY_REVIEW);
  const count = (reason: QualitySampleReason) => sampled.filter((s) => s.reasons.includes(reason)).length;

  it('takes every reopened, dissatisfied (≤ 3), breached and escalated case, and 10 % of each handler’s cases at random', () => {
    const expected = {
      reopened: cases.filter((c) => c.reopens > 0).length,
      dissatisfied: cases.filter((c) => c.satisfaction !== null && c.satisfaction <= 3).length,
      breached: cases.filter((c) => c.breaches > 0).length,
      escalated: cases.filter((c) => c.escalations > 0).length,
    };
    for (const [reason, n] of Object.entries(expected)) expect(count(reason as QualitySampleReason)).toBe(n);
    const counts = Object.fromEntries(QUALITY_SAMPLE_REASONS.map((r) => [r, count(r)]));
    // The figure for the closing note.
    console.log(`quality sampling: 200 closed cases of 8 handlers → ${sampled.length} reviews; per reason ${JSON.stringify(counts)}`);
    // Per handler: ceil(10 % of their 25 cases) = 3 sampled from those no reason took.
    for (let h = 1; h <= 8; h++) {
      const mine = cases.filter((c) => c.handlerId === `handler-${h}`);
      const rest = mine.filter((c) => !sampled.some((s) => s.number === c.number && s.reasons[0] !== 'sampled'));
      expect(sampled.filter((s) => s.handlerId === `handler-${h}` && s.reasons.includes('sampled'))).toHaveLength(Math.min(rest.length, 3));
    }
    expect(new Set(sampled.map((s) => s.number)).size).toBe(sampled.length);
  });

  it('draws the same cases every time (a stable order, not Math.random)', () => {
    expect(sampleForReview([...cases].reverse(), DEFAULT_QUALITY_REVIEW)).toEqual(sampled);
  });

  it('samples at least the minimum per handler, and nothing when the share and minimum are 0', () => {
    const few = cases.slice(0, 3).map((c) => ({ ...c, reopens: 0, satisfaction: 5, breaches: 0, escalations: 0, handlerId: 'solo' }));
    expect(sampleForReview(few, DEFAULT_QUALITY_REVIEW)).toHaveLength(1);
    expect(sampleForReview(few, { ...DEFAULT_QUALITY_REVIEW, sampleShare: 0, minimumPerHandler: 0 })).toHaveLength(0);
  });
});

describe('the scorecard', () => {
  const all = (score: number) => Object.fromEntries(DEFAULT_QUALITY_REVIEW.scorecard.map((c) => [c.id, score]));

  it('weighs the seeds’ six criteria to 100 and names the faults', () => {
    expect(DEFAULT_QUALITY_REVIEW.scorecard.map((c) => c.id)).toEqual(['response_on_time', 'empathy_apology', 'evidence', 'remedy_fairness', 'explanation_clarity', 'outcome']);
    expect(DEFAULT_QUALITY_REVIEW.scorecard.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect(scoreReview(DEFAULT_QUALITY_REVIEW.scorecard, all(5), 2)).toEqual({ total: 100, faults: [] });
    expect(scoreReview(DEFAULT_QUALITY_REVIEW.scorecard, all(1), 2)).toMatchObject({ total: 0 });
    expect(scoreReview(DEFAULT_QUALITY_REVIEW.scorecard, { ...all(5), empathy_apology: 2 }, 2)).toEqual({ total: 88.8, faults: ['empathy_apology'] });
  });

  it('names a missing, unknown or out-of-range criterion', () => {
    const { outcome: _o, ...missing } = all(4);
    expect(scoreReview(DEFAULT_QUALITY_REVIEW.scorecard, missing, 2)).toEqual({ issues: [{ path: 'scores.outcome', message: 'required' }] });
    expect(scoreReview(DEFAULT_QUALITY_REVIEW.scorecard, { ...all(4), tone: 3 }, 2)).toMatchObject({ issues: [{ path: 'scores.tone' }] });
    expect(scoreReview(DEFAULT_QUALITY_REVIEW.scorecard, { ...all(4), outcome: 6 }, 2)).toMatchObject({ issues: [{ path: 'scores.outcome' }] });
  });
});

describe('periods', () => {
  it('names months and ISO weeks on the organisation’s calendar, and their bounds', () => {
    expect(periodOf(Date.parse('2026-11-30T17:00:00Z'), 480, 'month')).toBe('2026-12');
    expect(periodOf(Date.parse('2027-01-01T00:00:00Z'), 0, 'week')).toBe('2026-W53');
    expect(periodBounds('2026-11', 480)).toEqual({ from: Date.parse('2026-10-31T16:00:00Z'), to: Date.parse('2026-11-30T16:00:00Z') });
    expect(periodBounds('2026-W48', 480)).toEqual({ from: Date.parse('2026-11-22T16:00:00Z'), to: Date.parse('2026-11-29T16:00:00Z') });
    expect(periodBounds('2026-W54', 480)).toBeUndefined();
    expect(periodBounds('2026-13', 480)).toBeUndefined();
  });
});
