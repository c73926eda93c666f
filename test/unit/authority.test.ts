import {
  DEFAULT_AUTHORITY_TIERS,
  approverRoleFor,
  assessProposal,
  authorityLevelOf,
  canGrant,
  checkAuthorityTiers,
  checkCurrency,
  checkRemedyAmounts,
  nextApproverOnOverdue,
  remedyTotalMinor,
  tierRequiredFor,
  type AuthorityTiers,
} from '../../domain/authority';
import { REMEDY_MONEY, REMEDY_TYPES, ROLES, type RemedyType, type Role } from '../../domain/model';

describe('DEFAULT_AUTHORITY_TIERS', () => {
  it('are 200 CNY for an agent and 2,000 CNY for a supervisor, in fen', () => {
    expect(DEFAULT_AUTHORITY_TIERS).toEqual({ currency: 'CNY', agentMaxMinor: 20_000, supervisorMaxMinor: 200_000 });
  });

  it('are valid and cannot be mutated by accident', () => {
    expect(checkAuthorityTiers(DEFAULT_AUTHORITY_TIERS)).toBeNull();
    expect(Object.isFrozen(DEFAULT_AUTHORITY_TIERS)).toBe(true);
  });
});

describe('tierRequiredFor (limits are inclusive)', () => {
  it.each<[number, string]>([
    [0, 'agent'],
    [1, 'agent'],
    [19_999, 'agent'],
    [20_000, 'agent'],
    [20_001, 'supervisor'],
    [100_000, 'supervisor'],
    [199_999, 'supervisor'],
    [200_000, 'supervisor'],
    [200_001, 'manager'],
    [10_000_000, 'manager'],
  ])('%i minor units → %s', (amount, tier) => {
    expect(tierRequiredFor(amount)).toBe(tier);
    expect(tierRequiredFor(amount, DEFAULT_AUTHORITY_TIERS)).toBe(tier);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('fails closed to manager for %p', (amount) => {
    expect(tierRequiredFor(amount)).toBe('manager');
  });

  it('follows custom tiers', () => {
    const tiers: AuthorityTiers = { currency: 'USD', agentMaxMinor: 5_000, supervisorMaxMinor: 50_000 };
    expect(tierRequiredFor(5_000, tiers)).toBe('agent');
    expect(tierRequiredFor(5_001, tiers)).toBe('supervisor');
    expect(tierRequiredFor(50_000, tiers)).toBe('supervisor');
    expect(tierRequiredFor(50_001, tiers)).toBe('manager');
  });

  it('lets an operator give agents no money authority at all', () => {
    const tiers: AuthorityTiers = { currency: 'CNY', agentMaxMinor: 0, supervisorMaxMinor: 200_000 };
    expect(tierRequiredFor(0, tiers)).toBe('agent');
    expect(tierRequiredFor(1, tiers)).toBe('supervisor');
  });
});

describe('authorityLevelOf', () => {
  it.each<[Role, number]>([
    ['customer', -1],
    ['agent', 0],
    ['handler', 0],
    ['supervisor', 1],
    ['manager', 2],
    ['admin', 2],
  ])('%s → %i', (role, level) => {
    expect(authorityLevelOf(role)).toBe(level);
  });

  it('covers every role in the model', () => {
    for (const role of ROLES) expect(typeof authorityLevelOf(role)).toBe('number');
  });

  it('gives an unknown role no authority', () => {
    expect(authorityLevelOf('intern' as Role)).toBe(-1);
  });
});

const AMOUNTS = [0, 20_000, 20_001, 200_000, 200_001] as const;

describe('canGrant: every role × amount', () => {
  // Columns follow AMOUNTS: 0, 20000, 20001, 200000, 200001.
  const expected: Record<Role, boolean[]> = {
    customer: [false, false, false, false, false],
    agent: [true, true, false, false, false],
    handler: [true, true, false, false, false],
    supervisor: [true, true, true, true, false],
    manager: [true, true, true, true, true],
    quality: [false, false, false, false, false],
    admin: [true, true, true, true, true],
  };
  const cases = ROLES.flatMap((role) => AMOUNTS.map((amount, i) => [role, amount, expected[role][i]] as const));

  it.each(cases)('%s granting %i → %p', (role, amount, ok) => {
    expect(canGrant(role, amount)).toBe(ok);
    expect(canGrant(role, amount, DEFAULT_AUTHORITY_TIERS)).toBe(ok);
  });

  it('nobody below manager can grant an invalid amount', () => {
    expect(canGrant('supervisor', Number.NaN)).toBe(false);
    expect(canGrant('agent', -100)).toBe(false);
    expect(canGrant('manager', Number.NaN)).toBe(true);
  });
});

describe('approverRoleFor: every proposer role × amount', () => {
  const expected: Record<Role, ('supervisor' | 'manager' | null)[]> = {
    // Customers do not propose; if asked, approval starts at a supervisor, never an agent.
    customer: ['supervisor', 'supervisor', 'supervisor', 'supervisor', 'manager'],
    agent: [null, null, 'supervisor', 'supervisor', 'manager'],
    handler: [null, null, 'supervisor', 'supervisor', 'manager'],
    supervisor: [null, null, null, null, 'manager'],
    manager: [null, null, null, null, null],
    quality: ['supervisor', 'supervisor', 'supervisor', 'supervisor', 'manager'],
    admin: [null, null, null, null, null],
  };
  const cases = ROLES.flatMap((role) => AMOUNTS.map((amount, i) => [role, amount, expected[role][i]] as const));

  it.each(cases)('%s proposing %i → approver %p', (role, amount, approver) => {
    expect(approverRoleFor(role, amount)).toBe(approver);
  });

  it('an approver it names can always grant the amount', () => {
    for (const role of ROLES) {
      for (const amount of AMOUNTS) {
        const approver = approverRoleFor(role, amount);
        if (approver) expect(canGrant(approver, amount)).toBe(true);
      }
    }
  });

  it('follows custom tiers', () => {
    const tiers: AuthorityTiers = { currency: 'CNY', agentMaxMinor: 50_000, supervisorMaxMinor: 500_000 };
    expect(approverRoleFor('agent', 50_000, tiers)).toBeNull();
    expect(approverRoleFor('agent', 50_001, tiers)).toBe('supervisor');
    expect(approverRoleFor('supervisor', 500_001, tiers)).toBe('manager');
  });
});

describe('nextApproverOnOverdue', () => {
  it.each([
    ['supervisor', 'manager'],
    ['manager', 'manager'],
  ] as const)('%s → %s', (current, next) => {
    expect(nextApproverOnOverdue(current)).toBe(next);
  });
});

describe('remedyTotalMinor', () => {
  type R = { type: RemedyType; amountMinor?: number };
  it.each<[string, R[], number]>([
    ['no remedies', [], 0],
    ['apology and explanation only', [{ type: 'apology' }, { type: 'explanation' }], 0],
    ['one refund', [{ type: 'refund', amountMinor: 15_000 }], 15_000],
    ['refund + compensation', [{ type: 'refund', amountMinor: 15_000 }, { type: 'compensation', amountMinor: 5_001 }], 20_001],
    ['coupon counts', [{ type: 'coupon', amountMinor: 2_000 }], 2_000],
    ['replacement without a price does not count', [{ type: 'replacement' }], 0],
    ['replacement with a price counts', [{ type: 'replacement', amountMinor: 199_999 }], 199_999],
    ['repair with a price counts', [{ type: 'repair', amountMinor: 30_000 }], 30_000],
    ['repair without a price does not count', [{ type: 'repair' }, { type: 'refund', amountMinor: 1 }], 1],
    ['an amount on an apology is ignored', [{ type: 'apology', amountMinor: 99_999 }], 0],
    ['an amount on service improvement is ignored', [{ type: 'service_improvement', amountMinor: 500_000 }], 0],
    ['an amount on an explanation is ignored', [{ type: 'explanation', amountMinor: 1 }], 0],
    ['zero amounts', [{ type: 'refund', amountMinor: 0 }], 0],
    [
      'everything combined',
      [
        { type: 'apology' },
        { type: 'refund', amountMinor: 100_000 },
        { type: 'compensation', amountMinor: 50_000 },
        { type: 'coupon', amountMinor: 10_000 },
        { type: 'replacement', amountMinor: 40_000 },
        { type: 'repair', amountMinor: 1 },
        { type: 'service_improvement' },
      ],
      200_001,
    ],
  ])('%s → %i', (_name, remedies, total) => {
    expect(remedyTotalMinor(remedies)).toBe(total);
  });

  it('counts exactly the money-bearing remedy types', () => {
    const counted = REMEDY_TYPES.filter((type) => REMEDY_MONEY[type] !== 'never');
    expect([...counted].sort()).toEqual(['compensation', 'coupon', 'refund', 'repair', 'replacement']);
    for (const type of REMEDY_TYPES) {
      expect(remedyTotalMinor([{ type, amountMinor: 7 }])).toBe(counted.includes(type) ? 7 : 0);
    }
  });

  it.each<[string, number]>([
    ['negative', -1],
    ['fractional', 10.5],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('refuses a %s amount rather than understating the total', (_name, amountMinor) => {
    const remedies: R[] = [{ type: 'compensation', amountMinor: 500_000 }, { type: 'coupon', amountMinor }];
    expect(() => remedyTotalMinor(remedies)).toThrow(RangeError);
    expect(checkRemedyAmounts(remedies)).toMatch(/Remedy #2 \(coupon\) amountMinor must be a non-negative integer/);
  });

  it('refuses a total beyond the safe integer range', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(() => remedyTotalMinor([{ type: 'refund', amountMinor: big }, { type: 'refund', amountMinor: big }])).toThrow(RangeError);
  });

  it('checkRemedyAmounts accepts valid remedies', () => {
    expect(checkRemedyAmounts([{ type: 'refund', amountMinor: 0 }, { type: 'apology' }])).toBeNull();
  });
});

describe('checkCurrency', () => {
  it.each(['CNY', 'cny', ' CNY '])('accepts %p for CNY tiers', (currency) => {
    expect(checkCurrency(currency)).toBeNull();
    expect(checkCurrency(currency, DEFAULT_AUTHORITY_TIERS)).toBeNull();
  });

  it('rejects a different currency with a message naming both', () => {
    const error = checkCurrency('USD');
    expect(error).toContain('"USD"');
    expect(error).toContain('"CNY"');
  });

  it('rejects a missing currency', () => {
    expect(checkCurrency('')).toMatch(/missing/);
  });

  it('uses the tiers given', () => {
    const usd: AuthorityTiers = { currency: 'USD', agentMaxMinor: 5_000, supervisorMaxMinor: 50_000 };
    expect(checkCurrency('USD', usd)).toBeNull();
    expect(checkCurrency('CNY', usd)).not.toBeNull();
  });
});

describe('checkAuthorityTiers', () => {
  it.each<[string, AuthorityTiers, RegExp]>([
    ['reversed limits', { currency: 'CNY', agentMaxMinor: 300_000, supervisorMaxMinor: 200_000 }, /out of order/],
    ['negative limit', { currency: 'CNY', agentMaxMinor: -1, supervisorMaxMinor: 200_000 }, /agentMaxMinor/],
    ['fractional limit', { currency: 'CNY', agentMaxMinor: 20_000, supervisorMaxMinor: 1.5e5 + 0.5 }, /supervisorMaxMinor/],
    ['bad currency', { currency: 'yuan', agentMaxMinor: 20_000, supervisorMaxMinor: 200_000 }, /ISO 4217/],
  ])('rejects %s', (_name, tiers, message) => {
    expect(checkAuthorityTiers(tiers)).toMatch(message);
  });

  it('accepts equal agent and supervisor limits', () => {
    expect(checkAuthorityTiers({ currency: 'CNY', agentMaxMinor: 20_000, supervisorMaxMinor: 20_000 })).toBeNull();
  });
});

describe('assessProposal', () => {
  it.each<[Role, number, string, 'supervisor' | 'manager' | null]>([
    ['agent', 20_000, 'agent', null],
    ['agent', 20_001, 'supervisor', 'supervisor'],
    ['agent', 200_001, 'manager', 'manager'],
    ['supervisor', 200_000, 'supervisor', null],
    ['supervisor', 200_001, 'manager', 'manager'],
    ['manager', 5_000_000, 'manager', null],
  ])('%s proposing a %i refund → tier %s, approver %p', (role, amount, tier, approverRole) => {
    expect(assessProposal(role, [{ type: 'refund', amountMinor: amount }], 'CNY')).toEqual({
      ok: true,
      totalMinor: amount,
      tier,
      approverRole,
    });
  });

  it('sums several remedies before choosing the approver', () => {
    const result = assessProposal('agent', [{ type: 'refund', amountMinor: 15_000 }, { type: 'coupon', amountMinor: 5_001 }], 'CNY');
    expect(result).toEqual({ ok: true, totalMinor: 20_001, tier: 'supervisor', approverRole: 'supervisor' });
  });

  it('refuses a proposal in another currency instead of comparing it', () => {
    const result = assessProposal('agent', [{ type: 'refund', amountMinor: 100 }], 'USD');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/USD.*CNY/);
  });

  it('refuses a proposal with amounts but no currency', () => {
    expect(assessProposal('agent', [{ type: 'refund', amountMinor: 100 }], undefined).ok).toBe(false);
  });

  it('accepts a proposal without any amount and without a currency', () => {
    expect(assessProposal('agent', [{ type: 'apology' }, { type: 'explanation' }], undefined)).toEqual({
      ok: true,
      totalMinor: 0,
      tier: 'agent',
      approverRole: null,
    });
  });

  it('returns an error for a negative amount instead of throwing', () => {
    const result = assessProposal('agent', [{ type: 'compensation', amountMinor: 500_000 }, { type: 'refund', amountMinor: -490_000 }], 'CNY');
    expect(result.ok).toBe(false);
  });

  it('returns an error for broken tiers', () => {
    const result = assessProposal('agent', [{ type: 'refund', amountMinor: 1 }], 'CNY', {
      currency: 'CNY',
      agentMaxMinor: 10,
      supervisorMaxMinor: 5,
    });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/out of order/) });
  });
});
