import {
  DEFAULT_TRIAGE_RULES,
  applyTriageDecision,
  suggestTriage,
  type TriageInput,
  type TriageRules,
  type TriageSuggestion,
} from '../../domain/triage';
import { CATEGORIES, CHANNELS, SEVERITIES, type Category, type Channel, type Grade, type Severity } from '../../domain/model';

/** A neutral complaint: web, no amount, no history. Tests override what they exercise. */
function input(overrides: Partial<TriageInput> = {}): TriageInput {
  return {
    description: 'The cashier was rude to me.',
    channel: 'web',
    priorComplaintsByComplainant: 0,
    priorComplaintsByProduct: 0,
    ...overrides,
  };
}

const atLeast = (severity: Severity, floor: Severity) => SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(floor);

describe('DEFAULT_TRIAGE_RULES', () => {
  it('has Chinese and English keywords for every category except other', () => {
    for (const category of CATEGORIES) {
      const keywords = DEFAULT_TRIAGE_RULES.categoryKeywords[category];
      if (category === 'other') {
        expect(keywords).toEqual([]);
        continue;
      }
      expect(keywords.some((k) => /[\u4e00-\u9fff]/.test(k))).toBe(true);
      expect(keywords.some((k) => /^[a-z]/i.test(k))).toBe(true);
    }
  });

  it('has a department, a base severity and a tie-break position for every category', () => {
    for (const category of CATEGORIES) {
      expect(DEFAULT_TRIAGE_RULES.departmentByCategory[category]).toMatch(/^[a-z_]+$/);
      expect(SEVERITIES).toContain(DEFAULT_TRIAGE_RULES.baseSeverity[category]);
      expect(DEFAULT_TRIAGE_RULES.categoryPriority).toContain(category);
    }
  });

  it('maps categories to the agreed department ids', () => {
    expect(DEFAULT_TRIAGE_RULES.departmentByCategory).toEqual({
      product_quality: 'quality',
      service_attitude: 'customer_service',
      after_sales: 'after_sales',
      price_dispute: 'pricing',
      logistics: 'logistics',
      privacy: 'legal_privacy',
      compliance: 'compliance',
      other: 'customer_service',
    });
  });

  it('documents the default thresholds', () => {
    expect(DEFAULT_TRIAGE_RULES).toMatchObject({
      currency: 'CNY',
      highSeverityAmountMinor: 200_000, // 2,000 CNY
      criticalSeverityAmountMinor: 2_000_000, // 20,000 CNY
      repeatComplainantThreshold: 1,
      repeatProductThreshold: 2,
      repeatWindowDays: 30,
      majorChannels: ['regulator_transfer'],
    });
  });

  it('contains the risk words named by the spec, in both languages', () => {
    for (const word of ['媒体', '曝光', '记者', '律师', '起诉', '法院', '12315', '消协', '市场监管', '投诉到']) {
      expect(Object.values(DEFAULT_TRIAGE_RULES.riskWords).flat()).toContain(word);
    }
    for (const word of ['media', 'journalist', 'lawyer', 'sue', 'court', 'regulator']) {
      expect(Object.values(DEFAULT_TRIAGE_RULES.riskWords).flat()).toContain(word);
    }
  });

  it('survives a JSON round trip, since it travels in workflow input', () => {
    expect(JSON.parse(JSON.stringify(DEFAULT_TRIAGE_RULES))).toEqual(DEFAULT_TRIAGE_RULES);
  });
});

describe('category from Chinese text', () => {
  it.each<[Category, string]>([
    ['product_quality', '电饭煲用了两天就坏了，质量太差'],
    ['service_attitude', '收银员态度很差，很不耐烦'],
    ['after_sales', '空调安装后一直没人来维修，售后电话打不通'],
    ['price_dispute', '结账时多收了钱，标价和收银的价格不一致'],
    ['logistics', '快递五天了还没收到，物流一直不更新'],
    ['privacy', '我的个人信息被泄露了，每天接到骚扰电话'],
    ['compliance', '商家虚假宣传，还拒开发票'],
    ['other', '我想问一下你们周末几点开门'],
  ])('%s ← %s', (category, description) => {
    const s = suggestTriage(input({ description }));
    expect(s.category).toBe(category);
    expect(s.departmentId).toBe(DEFAULT_TRIAGE_RULES.departmentByCategory[category]);
    expect(s.matchedKeywords.length > 0).toBe(category !== 'other');
    expect(s.riskWords).toEqual([]);
  });
});

describe('category from English text', () => {
  it.each<[Category, string]>([
    ['product_quality', 'The kettle is defective and stopped working after a week.'],
    ['service_attitude', 'The cashier was rude and impatient with me.'],
    ['after_sales', 'The warranty repair has taken a month.'],
    ['price_dispute', 'I was overcharged at checkout.'],
    ['logistics', 'My parcel was never delivered and tracking shows nothing.'],
    ['privacy', 'You shared my personal data without my consent.'],
    ['compliance', 'This is false advertising and the label is misleading.'],
    ['other', 'Where is your nearest store?'],
  ])('%s ← %s', (category, description) => {
    const s = suggestTriage(input({ description }));
    expect(s.category).toBe(category);
    expect(s.departmentId).toBe(DEFAULT_TRIAGE_RULES.departmentByCategory[category]);
  });

  it('is case-insensitive', () => {
    const s = suggestTriage(input({ description: 'The Staff Was RUDE And UNPROFESSIONAL' }));
    expect(s.category).toBe('service_attitude');
    expect(s.matchedKeywords).toEqual(['rude', 'unprofessional']);
  });

  it('accepts plurals of English keywords', () => {
    expect(suggestTriage(input({ description: 'Both parcels are missing' })).category).toBe('logistics');
  });

  it('matches English keywords as whole words only', () => {
    // "issue" contains "sue", "courteous" contains "court", "immediately" contains "media", "repaired" ≠ "pair".
    const s = suggestTriage(input({ description: 'I have an issue with the courteous staff, please reply immediately.' }));
    expect(s.riskWords).toEqual([]);
    expect(s.category).toBe('other');
    expect(s.grade).toBe('simple');
  });

  it('handles curly apostrophes', () => {
    expect(suggestTriage(input({ description: 'The toaster doesn’t work' })).category).toBe('product_quality');
  });

  it('reads a mix of Chinese and English', () => {
    const s = suggestTriage(input({ description: 'iPhone 充电器 broken，质量差' }));
    expect(s.category).toBe('product_quality');
    expect(s.matchedKeywords).toEqual(expect.arrayContaining(['broken', '质量']));
  });
});

describe('category scoring', () => {
  it('picks the category with most keywords', () => {
    // logistics: 快递, 没收到 (2) vs price_dispute: 收费 (1)
    const s = suggestTriage(input({ description: '快递一直没收到，还另外收费' }));
    expect(s.category).toBe('logistics');
    expect(s.reasons.join('\n')).toMatch(/Other categories also matched: price_dispute \(1\)/);
  });

  it.each<[string, Category]>([
    ['快递收费', 'price_dispute'], // logistics 1, price 1 → price comes first
    ['the leak exposed my personal data', 'privacy'], // quality 1 (leak), privacy 1 (personal data) → privacy
    ['rude courier', 'logistics'], // attitude 1, logistics 1 → logistics
  ])('breaks a tie by the fixed priority: %s → %s', (description, category) => {
    expect(suggestTriage(input({ description })).category).toBe(category);
  });

  it('uses the rules’ priority order for ties', () => {
    const rules: TriageRules = { ...DEFAULT_TRIAGE_RULES, categoryPriority: ['logistics', 'price_dispute'] };
    expect(suggestTriage(input({ description: '快递收费' }), rules).category).toBe('logistics');
  });

  it('does not count a keyword twice when a longer keyword contains it', () => {
    const s = suggestTriage(input({ description: 'I keep getting spam calls' }));
    expect(s.matchedKeywords).toEqual(['spam calls']);
  });

  it('ignores the desired resolution when the description has a category', () => {
    const s = suggestTriage(input({ description: 'The cashier was rude', desiredResolution: 'refund and a return' }));
    expect(s.category).toBe('service_attitude');
  });

  it('falls back to the desired resolution when the description has no category keyword', () => {
    const s = suggestTriage(input({ description: '请尽快处理', desiredResolution: '我要退货' }));
    expect(s.category).toBe('after_sales');
    expect(s.reasons[0]).toMatch(/desired resolution/);
  });

  it('says so when nothing matched', () => {
    const s = suggestTriage(input({ description: 'hello' }));
    expect(s.category).toBe('other');
    expect(s.matchedKeywords).toEqual([]);
    expect(s.reasons[0]).toMatch(/no category keyword matched/);
  });
});

describe('risk words make the case major', () => {
  const chinese = ['媒体', '曝光', '记者', '律师', '起诉', '法院', '12315', '消协', '市场监管', '投诉到', '微博', '315晚会'];
  it.each(chinese)('Chinese: %s', (word) => {
    const s = suggestTriage(input({ description: `商品质量有问题，不解决我就找${word}` }));
    expect(s.grade).toBe('major');
    expect(atLeast(s.severity, 'high')).toBe(true);
    expect(s.riskWords).toContain(word);
    expect(s.category).toBe('product_quality');
    expect(s.reasons.join('\n')).toMatch(/Grade major: risk words/);
  });

  const english: [string, string][] = [
    ['media', 'I will go to the media'],
    ['journalist', 'I will call a journalist'],
    ['journalist', 'I know journalists at the paper'],
    ['lawyer', 'my lawyer will contact you'],
    ['lawyer', 'Lawyers are involved'],
    ['sue', 'I will sue you'],
    ['sued', 'you should be sued'],
    ['lawsuit', 'expect a lawsuit'],
    ['court', 'see you in court'],
    ['regulator', 'I am reporting this to the regulator'],
    ['the press', 'I will tell THE PRESS'],
    ['12315', 'I already called 12315'],
    ['legal action', 'I am considering legal action'],
  ];
  it.each(english)('English: %s ← %s', (word, description) => {
    const s = suggestTriage(input({ description }));
    expect(s.grade).toBe('major');
    expect(atLeast(s.severity, 'high')).toBe(true);
    expect(s.riskWords).toContain(word);
  });

  it('finds risk words in the desired resolution too', () => {
    const s = suggestTriage(input({ description: 'The cashier was rude', desiredResolution: '道歉，否则我去消协' }));
    expect(s.grade).toBe('major');
    expect(s.riskWords).toEqual(['消协']);
  });

  it('lists each risk word once, in rule order', () => {
    const s = suggestTriage(input({ description: '我要找律师起诉，还要找律师和媒体', desiredResolution: '律师' }));
    expect(s.riskWords).toEqual(['媒体', '律师', '起诉']);
  });

  it.each([
    ['an amount of 315 yuan', '多收了315元'],
    ['a bank name', '用工商银行卡付款被多扣了钱'],
    ['pressing a button', 'When I press the power button nothing happens'],
  ])('does not fire on %s', (_name, description) => {
    const s = suggestTriage(input({ description }));
    expect(s.riskWords).toEqual([]);
    expect(s.grade).not.toBe('major');
  });

  it('keeps a higher severity from the amount', () => {
    const s = suggestTriage(input({ description: 'I will sue', amountMinor: 2_000_000 }));
    expect(s.grade).toBe('major');
    expect(s.severity).toBe('critical');
  });
});

describe('channel', () => {
  it('a regulator transfer is major and at least high even with bland text', () => {
    const s = suggestTriage(input({ channel: 'regulator_transfer', description: 'The cashier was rude' }));
    expect(s.grade).toBe('major');
    expect(s.severity).toBe('high');
    expect(s.riskWords).toEqual([]);
    expect(s.reasons.join('\n')).toMatch(/channel regulator_transfer/);
  });

  it.each(CHANNELS.filter((c) => c !== 'regulator_transfer'))('channel %s alone does not make a case major', (channel: Channel) => {
    expect(suggestTriage(input({ channel })).grade).toBe('simple');
  });

  it('major channels are data', () => {
    const rules: TriageRules = { ...DEFAULT_TRIAGE_RULES, majorChannels: ['social'] };
    expect(suggestTriage(input({ channel: 'social' }), rules).grade).toBe('major');
    expect(suggestTriage(input({ channel: 'regulator_transfer' }), rules).grade).toBe('simple');
  });
});

describe('amount', () => {
  // service_attitude starts at low, so only the amount moves severity here.
  it.each<[number | undefined, Severity, Grade]>([
    [undefined, 'low', 'simple'],
    [0, 'low', 'simple'],
    [1, 'low', 'simple'],
    [19_999, 'low', 'simple'],
    [20_000, 'low', 'simple'], // exactly an agent's authority: still on the spot
    [20_001, 'low', 'complex'],
    [199_999, 'low', 'complex'],
    [200_000, 'high', 'complex'], // 2,000 CNY
    [200_001, 'high', 'complex'],
    [1_999_999, 'high', 'complex'],
    [2_000_000, 'critical', 'complex'], // 20,000 CNY
    [2_000_001, 'critical', 'complex'],
  ])('%p minor units → severity %s, grade %s', (amountMinor, severity, grade) => {
    const s = suggestTriage(input({ amountMinor }));
    expect(s.severity).toBe(severity);
    expect(s.grade).toBe(grade);
  });

  it('explains an amount that rules out the simple path', () => {
    const s = suggestTriage(input({ amountMinor: 20_001 }));
    expect(s.reasons.join('\n')).toMatch(/amount 200\.01 CNY is above the on-the-spot limit of 200\.00 CNY/);
  });

  it('explains a severity raised by the amount', () => {
    const s = suggestTriage(input({ amountMinor: 200_000 }));
    expect(s.reasons.join('\n')).toMatch(/Severity raised to high: amount 2000\.00 CNY is at or above 2000\.00 CNY/);
  });

  it('never lowers a category’s base severity', () => {
    const s = suggestTriage(input({ description: '个人信息被泄露', amountMinor: 100 }));
    expect(s.category).toBe('privacy');
    expect(s.severity).toBe('high');
  });

  it('accepts an amount in the rules’ currency, in any case', () => {
    expect(suggestTriage(input({ amountMinor: 200_000, currency: 'cny' })).severity).toBe('high');
  });

  it('does not compare an amount in another currency, and sends it to a person', () => {
    const s = suggestTriage(input({ amountMinor: 10_000_000, currency: 'USD' }));
    expect(s.severity).toBe('low');
    expect(s.grade).toBe('complex');
    expect(s.reasons.join('\n')).toMatch(/in USD, not CNY/);
  });

  it.each([-1, 10.5, Number.NaN, Number.POSITIVE_INFINITY])('treats an invalid amount (%p) as needing review, without throwing', (amountMinor) => {
    const s = suggestTriage(input({ amountMinor }));
    expect(s.grade).toBe('complex');
    expect(s.reasons.join('\n')).toMatch(/not a valid amount/);
  });

  it('follows custom thresholds', () => {
    const rules: TriageRules = {
      ...DEFAULT_TRIAGE_RULES,
      highSeverityAmountMinor: 50_000,
      criticalSeverityAmountMinor: 100_000,
    };
    expect(suggestTriage(input({ amountMinor: 1, simpleMaxAmountMinor: 0 }), rules).grade).toBe('complex');
    expect(suggestTriage(input({ amountMinor: 50_000 }), rules).severity).toBe('high');
    expect(suggestTriage(input({ amountMinor: 100_000 }), rules).severity).toBe('critical');
  });
});

describe('grade', () => {
  it.each<[Category, string]>([
    ['privacy', 'my personal data was shared'],
    ['privacy', '隐私被侵犯'],
    ['compliance', 'false advertising'],
    ['compliance', '缺斤短两'],
  ])('%s is at least complex even when short and without an amount (%s)', (category, description) => {
    const s = suggestTriage(input({ description }));
    expect(s.category).toBe(category);
    expect(s.grade).toBe('complex');
    expect(s.reasons.join('\n')).toMatch(new RegExp(`category ${category} always needs investigation`));
  });

  it('a short complaint with no risk and no amount is simple, and says why', () => {
    const s = suggestTriage(input({ description: '面包过期了' }));
    expect(s.grade).toBe('simple');
    expect(s.reasons.join('\n')).toMatch(/Grade simple: short description, no risk words, no amount/);
  });

  it.each<[string, string, Grade]>([
    ['200 Chinese characters', '坏'.repeat(200), 'simple'],
    ['201 Chinese characters', '坏'.repeat(201), 'complex'],
    ['100 English words', Array(100).fill('broken').join(' '), 'simple'],
    ['101 English words', Array(101).fill('broken').join(' '), 'complex'],
  ])('description length: %s → %s', (_name, description, grade) => {
    expect(suggestTriage(input({ description })).grade).toBe(grade);
  });

  it('explains a long description', () => {
    expect(suggestTriage(input({ description: '坏'.repeat(201) })).reasons.join('\n')).toMatch(/description is long \(201 text units, limit 200\)/);
  });

  it('lists every reason that rules out the simple path', () => {
    const s = suggestTriage(input({ description: '个人信息泄露', amountMinor: 50_000, priorComplaintsByComplainant: 1 }));
    const gradeReason = s.reasons.find((r) => r.startsWith('Grade complex'));
    expect(gradeReason).toMatch(/category privacy/);
    expect(gradeReason).toMatch(/amount 500\.00 CNY/);
    expect(gradeReason).toMatch(/possibly systemic/);
  });
});

describe('repeats', () => {
  it.each<[number, number, boolean, boolean]>([
    [0, 0, false, false],
    [1, 0, true, false],
    [3, 0, true, false],
    [0, 1, false, false],
    [0, 2, false, true],
    [0, 7, false, true],
    [2, 2, true, true],
  ])('complainant priors %i, product priors %i → repeat complainant %p, repeat product %p', (byComplainant, byProduct, rc, rp) => {
    const s = suggestTriage(input({ priorComplaintsByComplainant: byComplainant, priorComplaintsByProduct: byProduct }));
    expect(s.repeatComplainant).toBe(rc);
    expect(s.repeatProduct).toBe(rp);
    expect(s.possiblySystemic).toBe(rc || rp);
    if (rc || rp) {
      expect(s.grade).toBe('complex');
      expect(atLeast(s.severity, 'medium')).toBe(true);
      expect(s.reasons.join('\n')).toMatch(/possibly systemic/);
    } else {
      expect(s.grade).toBe('simple');
    }
  });

  it('a repeat does not lower a major grade', () => {
    const s = suggestTriage(input({ description: '我要找记者', priorComplaintsByProduct: 5 }));
    expect(s.grade).toBe('major');
    expect(s.possiblySystemic).toBe(true);
  });

  it('follows a custom product threshold', () => {
    const rules: TriageRules = { ...DEFAULT_TRIAGE_RULES, repeatProductThreshold: 5 };
    expect(suggestTriage(input({ priorComplaintsByProduct: 4 }), rules).repeatProduct).toBe(false);
    expect(suggestTriage(input({ priorComplaintsByProduct: 5 }), rules).repeatProduct).toBe(true);
  });

  it('mentions the window in the reason', () => {
    const s = suggestTriage(input({ priorComplaintsByComplainant: 2 }));
    expect(s.reasons.join('\n')).toMatch(/2 earlier complaint\(s\) in the last 30 days/);
  });

  it.each([-1, Number.NaN])('treats a bad prior count (%p) as none', (n) => {
    const s = suggestTriage(input({ priorComplaintsByComplainant: n, priorComplaintsByProduct: n }));
    expect(s.possiblySystemic).toBe(false);
  });
});

describe('suggestTriage in general', () => {
  it('is deterministic and does not mutate its inputs', () => {
    const rulesBefore = JSON.stringify(DEFAULT_TRIAGE_RULES);
    const i = input({ description: '快递没收到，我要找媒体曝光', amountMinor: 300_000, priorComplaintsByProduct: 3 });
    const iBefore = JSON.stringify(i);
    expect(suggestTriage(i)).toEqual(suggestTriage(i));
    expect(JSON.stringify(DEFAULT_TRIAGE_RULES)).toBe(rulesBefore);
    expect(JSON.stringify(i)).toBe(iBefore);
  });

  it('works with rules that came through JSON', () => {
    const rules = JSON.parse(JSON.stringify(DEFAULT_TRIAGE_RULES)) as TriageRules;
    const i = input({ description: 'I will sue over this defective kettle', amountMinor: 250_000 });
    expect(suggestTriage(i, rules)).toEqual(suggestTriage(i));
  });

  it('gives a full suggestion with reasons in English', () => {
    const s = suggestTriage(input({ description: '快递没收到，我要找媒体曝光', amountMinor: 300_000, priorComplaintsByProduct: 3 }));
    expect(s).toEqual<TriageSuggestion>({
      category: 'logistics',
      severity: 'high',
      grade: 'major',
      departmentId: 'logistics',
      riskWords: ['媒体', '曝光'],
      riskKinds: ['media'],
      matchedKeywords: ['快递', '没收到'],
      repeatComplainant: false,
      repeatProduct: true,
      possiblySystemic: true,
      reasons: expect.any(Array),
    });
    for (const reason of s.reasons) expect(reason).toMatch(/^[A-Z]/);
    expect(s.reasons.some((r) => r.startsWith('Category logistics'))).toBe(true);
    expect(s.reasons.some((r) => r.startsWith('Department logistics'))).toBe(true);
  });

  it('uses a custom department map', () => {
    const rules: TriageRules = {
      ...DEFAULT_TRIAGE_RULES,
      departmentByCategory: { ...DEFAULT_TRIAGE_RULES.departmentByCategory, logistics: 'warehouse' },
    };
    expect(suggestTriage(input({ description: 'parcel lost' }), rules).departmentId).toBe('warehouse');
  });

  it('uses custom keywords', () => {
    const rules: TriageRules = {
      ...DEFAULT_TRIAGE_RULES,
      categoryKeywords: { ...DEFAULT_TRIAGE_RULES.categoryKeywords, other: ['营业时间'] },
    };
    expect(suggestTriage(input({ description: '营业时间不对，快递' }), rules).category).toBe('logistics');
  });
});

describe('applyTriageDecision', () => {
  const suggestion = suggestTriage(input({ description: '快递一直没收到', amountMinor: 5_000 }));

  it('starts from a simple logistics suggestion', () => {
    expect(suggestion).toMatchObject({ category: 'logistics', severity: 'low', grade: 'simple', departmentId: 'logistics' });
  });

  it('accepting the suggestion overrides nothing', () => {
    expect(applyTriageDecision(suggestion, {})).toEqual({
      final: { category: 'logistics', severity: 'low', grade: 'simple', departmentId: 'logistics', possiblySystemic: false },
      overridden: [],
    });
  });

  it('repeating the suggested values is a confirmation, not an override', () => {
    const { overridden } = applyTriageDecision(suggestion, {
      category: 'logistics',
      severity: 'low',
      grade: 'simple',
      departmentId: 'logistics',
      possiblySystemic: false,
    });
    expect(overridden).toEqual([]);
  });

  it.each<[string, Parameters<typeof applyTriageDecision>[1], string[]]>([
    ['category', { category: 'product_quality' }, ['category']],
    ['severity', { severity: 'high' }, ['severity']],
    ['grade', { grade: 'major' }, ['grade']],
    ['department', { departmentId: 'quality' }, ['departmentId']],
    ['systemic flag', { possiblySystemic: true }, ['possiblySystemic']],
    ['several', { grade: 'complex', departmentId: 'quality', severity: 'low' }, ['grade', 'departmentId']],
    [
      'everything',
      { category: 'other', severity: 'critical', grade: 'major', departmentId: 'legal_privacy', possiblySystemic: true },
      ['category', 'severity', 'grade', 'departmentId', 'possiblySystemic'],
    ],
  ])('records an override of %s', (_name, decision, overridden) => {
    const result = applyTriageDecision(suggestion, decision);
    expect(result.overridden).toEqual(overridden);
    for (const [field, value] of Object.entries(decision)) {
      expect(result.final[field as keyof typeof result.final]).toBe(value);
    }
  });

  it('can clear the systemic flag, which counts as an override', () => {
    const systemic = suggestTriage(input({ priorComplaintsByProduct: 2 }));
    const result = applyTriageDecision(systemic, { possiblySystemic: false });
    expect(result.final.possiblySystemic).toBe(false);
    expect(result.overridden).toEqual(['possiblySystemic']);
  });

  it('an assignee is recorded but is not an override (nothing was suggested)', () => {
    const result = applyTriageDecision(suggestion, { assigneeId: 'u-42' });
    expect(result.final.assigneeId).toBe('u-42');
    expect(result.overridden).toEqual([]);
  });

  it('does not change the suggestion', () => {
    const before = JSON.stringify(suggestion);
    applyTriageDecision(suggestion, { category: 'other', grade: 'major' });
    expect(JSON.stringify(suggestion)).toBe(before);
  });
});

describe('risk kinds and the simple-path amount (1.3)', () => {
  it('names what the risk words threaten, and a regulator transfer as a regulator', () => {
    expect(suggestTriage(input({ description: '电饭煲有焦味，我已经找了律师' })).riskKinds).toEqual(['legal']);
    expect(suggestTriage(input({ description: '再不处理我就找记者，还要去消协' })).riskKinds).toEqual(['media', 'regulator']);
    expect(suggestTriage(input({ channel: 'regulator_transfer', description: 'The cashier was rude' })).riskKinds).toEqual(['regulator']);
    expect(suggestTriage(input({ description: 'The cashier was rude' })).riskKinds).toEqual([]);
  });

  it('allows the simple path up to the amount the caller passes (the policy’s agent tier)', () => {
    expect(suggestTriage(input({ amountMinor: 50_000 })).grade).toBe('complex');
    expect(suggestTriage(input({ amountMinor: 50_000, simpleMaxAmountMinor: 50_000 })).grade).toBe('simple');
    expect(suggestTriage(input({ amountMinor: 50_001, simpleMaxAmountMinor: 50_000 })).grade).toBe('complex');
  });
});
