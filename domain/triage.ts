/**
 * Triage suggestion rules (SPEC §4.3) [000 §二.2, 002 §二(二), 003 第二部分, 004 §一(三)].
 *
 * The system only *suggests* category, severity, grade and department; a person confirms or overrides,
 * and the workflow records both (see applyTriageDecision). The rules are plain data so an operator can
 * tune them and a running complaint keeps the rules it started with: keep DEFAULT_TRIAGE_RULES
 * JSON-serialisable, because it travels in workflow input.
 *
 * Pure and deterministic: bundled into the workflow sandbox. No clock, no I/O.
 */
import { CATEGORIES, SEVERITIES, type Category, type Channel, type Grade, type Severity } from './model';
import { DEFAULT_AUTHORITY_TIERS } from './authority';
import { RISK_KINDS, type RiskKind } from './major-review';

export interface TriageRules {
  /** ISO 4217 code the amount thresholds are in; an amount in another currency is not compared. */
  currency: string;
  /**
   * Keywords per category, Chinese and English. English keywords match whole words/phrases
   * case-insensitively (a trailing plural "s"/"es" is allowed); Chinese keywords match as substrings,
   * since Chinese text has no word boundaries. 'other' has none: it is what no match means.
   */
  categoryKeywords: Readonly<Record<Category, readonly string[]>>;
  /** Tie-break order when two categories score the same; earlier wins. Missing categories go last. */
  categoryPriority: readonly Category[];
  /**
   * Words signalling risk beyond the case, by what they threaten (media, legal action, a regulator);
   * any one makes the case major, and the kind decides which review a major case gets
   * (domain/major-review.ts).
   */
  riskWords: Readonly<Record<RiskKind, readonly string[]>>;
  /** Channels that are major by themselves (a regulator has already been involved). */
  majorChannels: readonly Channel[];
  /** Starting severity per category, before amount, risk and repeat raise it. */
  baseSeverity: Readonly<Record<Category, Severity>>;
  /** Categories that always need investigation, never an on-the-spot fix. */
  complexCategories: readonly Category[];
  /** Amount (minor units, inclusive) from which severity is at least high / critical. */
  highSeverityAmountMinor: number;
  criticalSeverityAmountMinor: number;
  /**
   * Longest description that still allows the simple path, in text units: one unit per Chinese
   * character and two per English word, so the limit means roughly the same in both languages.
   */
  simpleMaxDescriptionUnits: number;
  /** Prior complaints (in the window) from the same complainant / about the same product that make it a repeat. */
  repeatComplainantThreshold: number;
  repeatProductThreshold: number;
  /** The window, in days, over which the caller counts prior complaints (documented here so both use one policy). */
  repeatWindowDays: number;
  /** Responsible department per category. */
  departmentByCategory: Readonly<Record<Category, string>>;
}

/**
 * Default rules. Every number here is a policy *default* [SPEC: numbers marked default are operator
 * settings]: severity high from 2,000 CNY and critical from 20,000 CNY; the simple path only up to an
 * agent's own authority (200 CNY), because a simple case is one the agent resolves alone
 * [002 §二(二).1] — so it is not a rule of its own but the policy's agent tier, which the caller passes
 * (`TriageInput.simpleMaxAmountMinor`); repeat = 1 prior complaint by the complainant or 2 about the product in 30 days.
 */
export const DEFAULT_TRIAGE_RULES: TriageRules = {
  currency: DEFAULT_AUTHORITY_TIERS.currency,
  categoryKeywords: {
    product_quality: [
      '质量', '坏了', '故障', '瑕疵', '次品', '缺陷', '变质', '过期', '发霉', '异物', '漏水', '开裂', '裂了', '掉色',
      '起球', '焦味', '焦糊', '不能用', '无法使用', '用不了', '不工作', '做工', '假货', '假冒', '伪劣', '有毒', '异味',
      'quality', 'defect', 'defective', 'broken', 'broke', 'faulty', 'fault', 'not working', 'stopped working',
      "doesn't work", 'does not work', 'expired', 'spoiled', 'rotten', 'mould', 'mold', 'cracked', 'leak', 'leaking', 'leaked',
      'counterfeit', 'fake', 'malfunction',
    ],
    service_attitude: [
      '态度', '不耐烦', '辱骂', '骂人', '冷漠', '不理', '敷衍', '推诿', '甩脸色', '脸色', '无礼', '不礼貌', '傲慢',
      '吼', '嘲笑',
      'rude', 'rudeness', 'impolite', 'attitude', 'unfriendly', 'disrespectful', 'ignored', 'insulted', 'shouted',
      'yelled', 'unprofessional', 'arrogant', 'impatient',
    ],
    after_sales: [
      '售后', '维修', '保修', '返修', '退货', '换货', '退换', '三包', '安装', '退款', '修不好', '修了',
      'after-sales', 'after sales', 'aftersales', 'repair', 'repaired', 'warranty', 'guarantee', 'return',
      'exchange', 'refund', 'installation', 'service center', 'service centre',
    ],
    price_dispute: [
      '价格', '价钱', '多收', '多扣', '乱收费', '收费', '标价', '价签', '差价', '价保', '促销', '打折', '折扣',
      '优惠', '结账', '收银', '扣款', '重复扣', '贵了',
      'price', 'pricing', 'overcharged', 'overcharge', 'charged twice', 'double charged', 'price tag', 'discount',
      'promotion', 'coupon', 'billing', 'bill', 'checkout', 'price difference',
    ],
    logistics: [
      '物流', '快递', '配送', '送货', '发货', '没收到', '未收到', '丢件', '运输', '到货', '签收', '派送', '送达',
      '迟迟', '延误', '包裹',
      'delivery', 'delivered', 'shipping', 'shipment', 'shipped', 'courier', 'parcel', 'package', 'delayed',
      'never arrived', 'not received', 'tracking', 'logistics', 'in transit', 'lost in transit',
    ],
    privacy: [
      '隐私', '个人信息', '泄露', '骚扰电话', '骚扰短信', '推销电话', '未经同意', '未经允许', '偷拍', '搜身',
      '侵犯', '侵权', '人格', '肖像', '歧视',
      'privacy', 'personal data', 'personal information', 'personal details', 'data leak', 'data breach',
      'leaked my', 'data leaked', 'information leaked', 'spam calls', 'spam', 'without my consent', 'without consent', 'gdpr', 'harassing calls',
      'discrimination', 'discriminated', 'my rights',
    ],
    compliance: [
      '虚假宣传', '虚假广告', '违规', '违法', '欺诈', '无证', '无资质', '不开发票', '不给发票', '拒开发票',
      '霸王条款', '强制消费', '捆绑销售', '食品安全', '三无', '以次充好', '缺斤短两', '短斤少两', '缺斤少两',
      'false advertising', 'misleading', 'fraud', 'illegal', 'unlicensed', 'violation', 'no invoice',
      'refused an invoice', 'refused to issue', 'mislabeled', 'mislabelled', 'scam', 'short weight', 'food safety',
      'unfair terms',
    ],
    other: [],
  },
  // On a tie, prefer the category that leads to the more careful path and the more specialised department.
  categoryPriority: [
    'privacy',
    'compliance',
    'product_quality',
    'after_sales',
    'price_dispute',
    'logistics',
    'service_attitude',
    'other',
  ],
  riskWords: {
    // Public opinion [002 §二(二).2 可能引发负面舆情]. Not bare "press" ("press the button"): "the press" is the risk.
    media: [
      '媒体', '曝光', '记者', '电视台', '报社', '舆论', '微博', '热搜', '发到网上', '网上发',
      'media', 'the press', 'journalist', 'reporter', 'newspaper', 'tv', 'go public', 'social media', 'viral',
    ],
    legal: [
      '律师', '起诉', '法院', '诉讼', '打官司', '法律途径',
      'lawyer', 'attorney', 'solicitor', 'sue', 'sued', 'suing', 'lawsuit', 'court', 'legal action',
    ],
    // Regulators and consumer bodies. Not bare "315" (it is also an amount or a room number) nor "工商" (also 工商银行, a bank).
    regulator: [
      '12315', '315晚会', '3·15', '消协', '消费者协会', '市场监管', '工商局', '工商部门', '监管部门', '投诉到', '举报',
      'regulator', 'regulators', 'authorities', 'consumer association', 'consumer council', 'report you',
    ],
  },
  majorChannels: ['regulator_transfer'],
  baseSeverity: {
    product_quality: 'medium',
    service_attitude: 'low',
    after_sales: 'low',
    price_dispute: 'low',
    logistics: 'low',
    // A leak of personal data harms the customer whatever the amount [001 规范2/4/7].
    privacy: 'high',
    compliance: 'medium',
    other: 'low',
  },
  complexCategories: ['privacy', 'compliance'],
  highSeverityAmountMinor: 200_000,
  criticalSeverityAmountMinor: 2_000_000,
  simpleMaxDescriptionUnits: 200,
  repeatComplainantThreshold: 1,
  repeatProductThreshold: 2,
  repeatWindowDays: 30,
  departmentByCategory: {
    product_quality: 'quality',
    service_attitude: 'customer_service',
    after_sales: 'after_sales',
    price_dispute: 'pricing',
    logistics: 'logistics',
    privacy: 'legal_privacy',
    compliance: 'compliance',
    other: 'customer_service',
  },
};

export interface TriageInput {
  description: string;
  desiredResolution?: string;
  productName?: string;
  amountMinor?: number;
  /** Currency of amountMinor; when given and different from the rules' currency the amount is not compared. */
  currency?: string;
  channel: Channel;
  /** Complaints in the repeat window (rules.repeatWindowDays), excluding this one. */
  priorComplaintsByComplainant: number;
  priorComplaintsByProduct: number;
  /** Largest amount (minor units, inclusive) that still allows the simple path: the policy's agent tier. */
  simpleMaxAmountMinor?: number;
}

export { applyTriageDecision, type FinalTriage, type TriageDecision, type TriageOverridableField, type TriageSuggestion } from './triage-decision';
import type { TriageSuggestion } from './triage-decision';

/** Suggests category, severity, grade and department for a new complaint, with reasons. */
export function suggestTriage(input: TriageInput, rules: TriageRules = DEFAULT_TRIAGE_RULES): TriageSuggestion {
  const reasons: string[] = [];
  const description = normalise(input.description);
  const desired = normalise(input.desiredResolution);

  // Category: the description says what went wrong. The desired resolution ("refund", "退货") names a
  // remedy rather than a problem and would pull everything towards after-sales, so it is only a fallback.
  let { category, matched, runnersUp } = pickCategory(description, rules);
  if (category !== 'other') {
    reasons.push(`Category ${category}: description matches ${quoteList(matched)}.`);
  } else {
    ({ category, matched, runnersUp } = pickCategory(desired, rules));
    reasons.push(
      category !== 'other'
        ? `Category ${category}: no category keyword in the description; the desired resolution matches ${quoteList(matched)}.`
        : 'Category other: no category keyword matched.',
    );
  }
  if (runnersUp.length > 0) {
    reasons.push(`Other categories also matched: ${runnersUp.map((r) => `${r.category} (${r.score})`).join(', ')}.`);
  }

  // Risk: threats may sit in either text ("otherwise I will call a journalist").
  const riskWordsByKind = RISK_KINDS.map((kind) => ({ kind, words: unique([...findKeywords(description, rules.riskWords[kind] ?? []), ...findKeywords(desired, rules.riskWords[kind] ?? [])]) }));
  const riskWords = unique(riskWordsByKind.flatMap((r) => r.words));
  const majorChannel = rules.majorChannels.includes(input.channel);
  // A regulator's transfer is a regulator's involvement, whatever its words.
  const riskKinds = RISK_KINDS.filter((kind) => riskWordsByKind.some((r) => r.kind === kind && r.words.length > 0) || (kind === 'regulator' && majorChannel));
  const simpleMaxAmountMinor = input.simpleMaxAmountMinor ?? DEFAULT_AUTHORITY_TIERS.agentMaxMinor;

  // Amount: only a valid (non-negative integer), positive amount in the rules' currency is compared with the thresholds.
  let amount: number | undefined;
  let amountUnknown = false;
  if (input.amountMinor !== undefined) {
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor < 0) {
      // Intake validation should have refused this; do not fail the workflow over a suggestion.
      amountUnknown = true;
      reasons.push(`Amount ${String(input.amountMinor)} is not a valid amount; it was ignored and needs review.`);
    } else if (input.currency !== undefined && input.currency.toUpperCase() !== rules.currency.toUpperCase()) {
      amountUnknown = true;
      reasons.push(`Amount is in ${input.currency}, not ${rules.currency}; it was not compared with the thresholds and needs review.`);
    } else if (input.amountMinor > 0) {
      amount = input.amountMinor;
    }
  }

  // Repeats: counted by the caller over rules.repeatWindowDays; bad counts are treated as none.
  const priorsByComplainant = count(input.priorComplaintsByComplainant);
  const priorsByProduct = count(input.priorComplaintsByProduct);
  const repeatComplainant = priorsByComplainant >= rules.repeatComplainantThreshold;
  const repeatProduct = priorsByProduct >= rules.repeatProductThreshold;
  const possiblySystemic = repeatComplainant || repeatProduct;
  if (repeatComplainant) {
    reasons.push(`Repeat complainant: ${priorsByComplainant} earlier complaint(s) in the last ${rules.repeatWindowDays} days.`);
  }
  if (repeatProduct) {
    reasons.push(
      `Repeat product: ${priorsByProduct} earlier complaint(s) about this product in the last ${rules.repeatWindowDays} days ` +
        `(threshold ${rules.repeatProductThreshold}).`,
    );
  }
  if (possiblySystemic) reasons.push('Flagged as possibly systemic: repeat complaints point to a cause beyond this case [001 规范3].');

  // Severity: start from the category, then only ever raise it.
  let severity = rules.baseSeverity[category] ?? 'low';
  reasons.push(`Severity starts at ${severity} for category ${category}.`);
  const raise = (to: Severity, why: string) => {
    if (rank(SEVERITIES, to) > rank(SEVERITIES, severity)) {
      severity = to;
      reasons.push(`Severity raised to ${to}: ${why}.`);
    }
  };
  if (amount !== undefined && amount >= rules.criticalSeverityAmountMinor) {
    raise('critical', `amount ${money(amount, rules.currency)} is at or above ${money(rules.criticalSeverityAmountMinor, rules.currency)}`);
  } else if (amount !== undefined && amount >= rules.highSeverityAmountMinor) {
    raise('high', `amount ${money(amount, rules.currency)} is at or above ${money(rules.highSeverityAmountMinor, rules.currency)}`);
  }
  if (riskWords.length > 0) raise('high', `risk words ${quoteList(riskWords)}`);
  if (majorChannel) raise('high', `received through channel ${input.channel}`);
  if (possiblySystemic) raise('medium', 'possibly systemic');

  // Grade: simple unless something calls for investigation; major if there is outside risk.
  const notSimple: string[] = [];
  if (rules.complexCategories.includes(category)) notSimple.push(`category ${category} always needs investigation`);
  if (amount !== undefined && amount > simpleMaxAmountMinor) {
    notSimple.push(`amount ${money(amount, rules.currency)} is above the on-the-spot limit of ${money(simpleMaxAmountMinor, rules.currency)}`);
  }
  if (amountUnknown) notSimple.push('the amount could not be assessed');
  const units = textUnits(input.description ?? '');
  if (units > rules.simpleMaxDescriptionUnits) {
    notSimple.push(`the description is long (${units} text units, limit ${rules.simpleMaxDescriptionUnits})`);
  }
  if (possiblySystemic) notSimple.push('it is possibly systemic');

  let grade: Grade = 'simple';
  if (riskWords.length > 0 || majorChannel) {
    grade = 'major';
    const why = [
      ...(riskWords.length > 0 ? [`risk words ${quoteList(riskWords)}`] : []),
      ...(majorChannel ? [`channel ${input.channel}`] : []),
    ];
    reasons.push(`Grade major: ${why.join(' and ')} [002 §二(二).2].`);
  } else if (notSimple.length > 0) {
    grade = 'complex';
    reasons.push(`Grade complex: ${notSimple.join('; ')}.`);
  } else {
    reasons.push(
      `Grade simple: short description, no risk words, ${amount === undefined ? 'no amount' : `amount within ${money(simpleMaxAmountMinor, rules.currency)}`} [002 §二(二).1].`,
    );
  }

  const departmentId = rules.departmentByCategory[category] ?? rules.departmentByCategory.other;
  reasons.push(`Department ${departmentId}: responsible for ${category}.`);

  return {
    category,
    severity,
    grade,
    departmentId,
    riskWords,
    riskKinds,
    matchedKeywords: matched,
    repeatComplainant,
    repeatProduct,
    possiblySystemic,
    reasons,
  };
}


// ---------------------------------------------------------------------------------------------------

interface CategoryPick {
  category: Category;
  matched: string[];
  runnersUp: { category: Category; score: number }[];
}

/** Best-scoring category; the score is the number of distinct keywords found. */
function pickCategory(text: string, rules: TriageRules): CategoryPick {
  // Fixed order makes ties deterministic: the priority list first, then anything it forgot.
  const order: Category[] = [...rules.categoryPriority, ...CATEGORIES.filter((c) => !rules.categoryPriority.includes(c))];
  const scored = order
    .filter((category, i) => order.indexOf(category) === i)
    .map((category) => ({ category, matched: findKeywords(text, rules.categoryKeywords[category] ?? []) }))
    .filter((s) => s.matched.length > 0);
  if (scored.length === 0) return { category: 'other', matched: [], runnersUp: [] };
  // Array.prototype.sort is stable, so equal scores keep priority order.
  scored.sort((a, b) => b.matched.length - a.matched.length);
  const [best, ...rest] = scored;
  return {
    category: best.category,
    matched: best.matched,
    runnersUp: rest.map((s) => ({ category: s.category, score: s.matched.length })),
  };
}

/**
 * Keywords (spelled as given) found in already-normalised text. A keyword contained in a longer one
 * that also matched ("spam" in "spam calls") is dropped, so one phrase does not score twice.
 */
function findKeywords(text: string, keywords: readonly string[]): string[] {
  if (text === '') return [];
  const found = unique(keywords.filter((keyword) => containsKeyword(text, normalise(keyword))));
  const norm = found.map((k) => normalise(k));
  return found.filter((_, i) => !norm.some((other, j) => j !== i && other.length > norm[i].length && other.includes(norm[i])));
}

/**
 * Chinese (any non-ASCII) keywords: substring. ASCII keywords: whole word or phrase, so that "sue" does
 * not fire on "issue", "media" on "immediately" or "court" on "courteous"; a plural -s/-es is accepted.
 */
function containsKeyword(text: string, keyword: string): boolean {
  if (keyword === '') return false;
  if ([...keyword].some((ch) => ch.charCodeAt(0) > 0x7f)) return text.includes(keyword);
  for (let at = text.indexOf(keyword); at !== -1; at = text.indexOf(keyword, at + 1)) {
    if (isWordChar(text[at - 1])) continue;
    let end = at + keyword.length;
    if (text.startsWith('es', end) && !isWordChar(text[end + 2])) end += 2;
    else if (text[end] === 's' && !isWordChar(text[end + 1])) end += 1;
    if (!isWordChar(text[end])) return true;
  }
  return false;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/.test(ch);
}

/** Lower-case (English is case-insensitive), unify curly apostrophes, collapse whitespace. */
function normalise(text: string | undefined): string {
  return (text ?? '').toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Description length comparable across languages: 1 per CJK character, 2 per Latin word or number. */
function textUnits(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  const words = text.match(/[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g)?.length ?? 0;
  return cjk + 2 * words;
}

function count(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function rank<T>(order: readonly T[], value: T): number {
  return order.indexOf(value);
}

function unique(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

function quoteList(words: readonly string[]): string {
  return words.map((w) => `"${w}"`).join(', ');
}

/** "2000.00 CNY": assumes two minor digits, which holds for CNY (the default) and most currencies. */
function money(amountMinor: number, currency: string): string {
  const whole = Math.floor(amountMinor / 100);
  const cents = String(amountMinor % 100).padStart(2, '0');
  return `${whole}.${cents} ${currency}`;
}
