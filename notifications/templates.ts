/**
 * The words of every notification (SPEC §6): Simplified Chinese by default, English on request.
 * Each template yields paragraphs and labelled facts; plain text, HTML and the short SMS/IM summary
 * are all built from that one structure, so the three can never say different things and every
 * value is HTML-escaped in exactly one place.
 *
 * Templates only read `NotificationData` (number, stage, times, amounts, codes and staff-written
 * text). They have no access to the complaint row, so they cannot leak contact data.
 */
import { ESCALATION_ROLES, type Outcome, type StaffRole } from '../domain/model';
import { MAJOR_REVIEW_DECISION_LABELS, MAJOR_REVIEW_LABELS } from '../domain/labels';
import { CATEGORY_LABELS as CATEGORIES, DEADLINE_LABELS as DEADLINES, GRADE_LABELS as GRADES, OUTCOME_LABELS as OUTCOMES, STAGE_LABELS as STAGES } from '../domain/labels';
import { LEGAL_REGIMES, type LegalRegimeId } from '../domain/legal-regimes';
import { DATA_REQUEST_KINDS } from '../domain/data-requests';
import type { AssignmentTask, CloseReasonCode, NotificationBase, NotificationData, NotificationDataByKind, NotificationKind, ProgressEvent } from '../domain/notification-kinds';

export const TEMPLATE_LOCALES = ['zh-CN', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];
export const DEFAULT_LOCALE: TemplateLocale = 'zh-CN';

/** Any English variant gets English; everything else the default language. */
export function normalizeLocale(locale: string | null | undefined): TemplateLocale {
  return locale && /^en\b/i.test(locale) ? 'en' : DEFAULT_LOCALE;
}

export interface RenderOptions {
  /** IANA zone the organisation works in; due dates are shown in it. */
  timeZone?: string;
  /** Overrides the "UTC+8" suffix, e.g. "北京时间". */
  timeZoneLabel?: string;
}

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
  /** One or two lines for SMS and chat gateways. */
  summary: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

// ── Value formatting ────────────────────────────────────────────────────────────────────────────

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    dateFormatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError for a zone name the runtime does not know (checked once at start-up). */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/**
 * `2026-11-24 16:00 (UTC+8)`. The offset comes from the zone's rules at that instant, so a zone with
 * daylight saving time shows the right one. Unparseable input is shown as given rather than dropped.
 */
export function formatOrgTime(value: string | number | Date, options: RenderOptions = {}): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = Object.fromEntries(formatterFor(options.timeZone ?? DEFAULT_TIME_ZONE).formatToParts(date).map((p) => [p.type, p.value]));
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, 'UTC');
  const label = options.timeZoneLabel ?? (offset === 'UTC' ? 'UTC+0' : offset);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${label})`;
}

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Integer minor units to `1,500.00 CNY`, without passing through floating point. */
export function formatAmount(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = minor < 0;
  const abs = BigInt(Math.round(Math.abs(minor)));
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${whole}${fraction} ${currency.toUpperCase()}`;
}

// ── Vocabulary ──────────────────────────────────────────────────────────────────────────────────

/** Words for each value of a domain vocabulary, in every template locale. */
type Dictionary<K extends string> = Readonly<Record<K, Record<TemplateLocale, string>>>;

/** The entry of a value read back from stored data, which may hold a code this version does not know. */
function lookup<K extends string>(dict: Dictionary<K>, value: string): Record<TemplateLocale, string> | undefined {
  return Object.hasOwn(dict, value) ? dict[value as K] : undefined;
}


/** A stage in words, for the API or any text outside the templates; unknown stages as written. */
export function stageLabel(stage: string, locale: string | null | undefined): string {
  return lookup(STAGES, stage)?.[normalizeLocale(locale)] ?? stage;
}


const ROLES: Dictionary<Exclude<StaffRole, 'admin'>> = {
  agent: { 'zh-CN': '客服专员', en: 'customer service agent' },
  handler: { 'zh-CN': '处理专员', en: 'complaint handler' },
  supervisor: { 'zh-CN': '主管', en: 'supervisor' },
  manager: { 'zh-CN': '经理', en: 'manager' },
  quality: { 'zh-CN': '质检专员', en: 'quality reviewer' },
};


/** An outcome in words (the API and the tracking page). */
export function outcomeLabel(outcome: Outcome, locale: string | null | undefined): string {
  return OUTCOMES[outcome][normalizeLocale(locale)];
}

/** Reason codes the process itself writes; anything else is a person's own words, shown as written. */
const REASONS: Dictionary<CloseReasonCode> = {
  no_response: { 'zh-CN': '在规定期限内未收到您对处理方案的答复', en: 'we did not receive your reply to our proposal within the time allowed' },
  resolved_without_feedback: { 'zh-CN': '在规定期限内未收到您的评价，按已解决结案', en: 'we did not receive your rating within the time allowed, so the complaint was closed as resolved' },
  no_agreement: { 'zh-CN': '经多轮协商仍未能就处理方案达成一致', en: 'no agreement on a remedy could be reached after several rounds' },
};

const DECISIONS: Dictionary<'approve' | 'reject'> = {
  approve: { 'zh-CN': '已批准', en: 'approved' },
  reject: { 'zh-CN': '已驳回', en: 'rejected' },
};

const TASKS: Dictionary<AssignmentTask> = {
  triage: { 'zh-CN': '分诊：确认类别、严重程度、等级和负责人', en: 'triage: confirm category, severity, grade and owner' },
  execute_remedy: { 'zh-CN': '执行客户已同意的处理方案', en: 'carry out the remedy the customer accepted' },
};

const PROGRESS_EVENTS: Dictionary<ProgressEvent> = {
  reopened: { 'zh-CN': '您的投诉已重新打开，我们将重新调查处理。', en: 'Your complaint has been reopened and will be reviewed again.' },
};



// ── Template values ─────────────────────────────────────────────────────────────────────────────

/** The fields a template of kind K may read: the common ones and those the kind's data declares (domain/notification-kinds.ts). */
type DataKey<K extends NotificationKind> = Extract<keyof (NotificationBase & NotificationDataByKind[K]), string>;

/** Read access to the data, already formatted for one locale and the organisation's time zone. */
class Values<K extends NotificationKind = NotificationKind> {
  constructor(
    private readonly data: NotificationData,
    readonly locale: TemplateLocale,
    private readonly options: RenderOptions,
  ) {}

  get number(): string {
    return this.str('number') ?? '';
  }

  get stage(): string {
    return this.label(STAGES, 'stage') ?? '';
  }

  has(key: DataKey<K>): boolean {
    const v = this.data[key];
    return v !== undefined && v !== null && v !== '';
  }

  str(key: DataKey<K>): string | undefined {
    const v = this.data[key];
    if (v === undefined || v === null) return undefined;
    const s = String(v).trim();
    return s === '' ? undefined : s;
  }

  num(key: DataKey<K>): number | undefined {
    const v = this.data[key];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : undefined;
  }

  time(key: DataKey<K>): string | undefined {
    const v = this.str(key);
    return v === undefined ? undefined : formatOrgTime(v, this.options);
  }

  /** Helpers shared by several kinds read a field by name; templates read only their kind's fields. */
  private any(key: string): DataKey<K> {
    return key as DataKey<K>;
  }

  amount(): string | undefined {
    const minor = this.num(this.any('totalMinor'));
    const currency = this.str(this.any('currency'));
    return minor === undefined ? undefined : formatAmount(minor, currency ?? 'CNY');
  }

  /** A coded value in the reader's language; an unknown code is shown as it is. */
  label<C extends string>(dict: Dictionary<C>, key: DataKey<K>): string | undefined {
    const v = this.str(key);
    return v === undefined ? undefined : (lookup(dict, v)?.[this.locale] ?? v);
  }

  role(key: DataKey<K>): string | undefined {
    return this.label(ROLES, key);
  }

  levelRole(): string | undefined {
    const level = this.num(this.any('toLevel'));
    const role = level === 0 || level === 1 || level === 2 ? ESCALATION_ROLES[level] : undefined;
    return role ? ROLES[role][this.locale] : this.role(this.any('ownerRole'));
  }

  deadline(): string | undefined {
    return this.label(DEADLINES, this.any('deadline'));
  }

  /** A legal clock (`regime:clockId`) as its regime words it: "银行业保险业消费投诉 · 作出处理决定并告知投诉人". */
  legalClock(): string | undefined {
    const value = this.str(this.any('clock'));
    if (value === undefined) return undefined;
    const [regimeId, clockId] = value.split(':');
    const regime = LEGAL_REGIMES[regimeId as LegalRegimeId];
    const rule = regime?.versions.flatMap((v) => v.clocks).find((c) => c.id === clockId);
    return regime && rule ? `${regime.name[this.locale]} · ${rule.label[this.locale]}` : value;
  }
}

const DATA_REQUEST_KINDS_LABELS = Object.fromEntries(Object.entries(DATA_REQUEST_KINDS).map(([k, v]) => [k, v.label])) as Record<keyof typeof DATA_REQUEST_KINDS, { 'zh-CN': string; en: string }>;

// ── Templates ───────────────────────────────────────────────────────────────────────────────────

type Fact = readonly [label: string, value: string | undefined];

interface MessageParts {
  subject: string;
  paragraphs: (string | undefined | false)[];
  facts: Fact[];
}

type Template<K extends NotificationKind = NotificationKind> = (v: Values<K>) => MessageParts;
type Audience = 'customer' | 'staff';

const zhBase = <K extends NotificationKind>(v: Values<K>): Fact[] => [
  ['投诉编号', v.number],
  ['当前状态', v.stage],
];
const enBase = <K extends NotificationKind>(v: Values<K>): Fact[] => [
  ['Complaint number', v.number],
  ['Status', v.stage],
];

type LegalKind = 'legal_extension' | 'legal_deadline_warning' | 'legal_deadline_missed';

/** Legal clocks (domain/legal-regimes.ts): an extension the customer must be told of, warnings and misses for staff. */
const LEGAL_TEMPLATES: { [K in LegalKind]: { audience: Audience } & Record<TemplateLocale, Template<K>> } = {
  legal_extension: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `投诉处理期限延长通知（编号 ${v.number}）`,
      paragraphs: [
        '尊敬的客户：',
        `因情况复杂，您的投诉 ${v.number} 的处理期限依法延长${v.has('dueAt') ? `，我们将于 ${v.time('dueAt')} 前答复您` : ''}。`,
        v.has('message') && `说明：${v.str('message')}`,
      ],
      facts: [...zhBase(v), ['期限', v.legalClock()], ['依法应于此前答复', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `The time to handle your complaint has been extended (No. ${v.number})`,
      paragraphs: [
        'Dear customer,',
        `Because your complaint ${v.number} needs more work, the period to decide it has been extended as the rules allow${v.has('dueAt') ? `; we will answer by ${v.time('dueAt')}` : ''}.`,
        v.has('message') && `Why: ${v.str('message')}`,
      ],
      facts: [...enBase(v), ['Period', v.legalClock()], ['Answer due by law', v.time('dueAt')]],
    }),
  },
  legal_deadline_warning: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【法定期限预警】投诉 ${v.number}${v.has('percent') ? `：已过 ${v.num('percent')}%` : ''}`,
      paragraphs: [
        `投诉 ${v.number} 的法定期限${v.legalClock() ? `（${v.legalClock()}）` : ''}${v.has('percent') ? `已过 ${v.num('percent')}%` : '即将到期'}${v.has('dueAt') ? `，应于 ${v.time('dueAt')} 前完成` : ''}。逾期将记录为违反法定期限并计入报表。`,
      ],
      facts: [...zhBase(v), ['法定期限', v.legalClock()], ['到期时间', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `[Legal deadline] Complaint ${v.number}${v.has('percent') ? `: ${v.num('percent')}% of the period used` : ''}`,
      paragraphs: [
        `${v.has('percent') ? `${v.num('percent')}% of the legal period` : 'The legal period'} of complaint ${v.number}${v.legalClock() ? ` (${v.legalClock()})` : ''} has passed${v.has('dueAt') ? `; it must be met by ${v.time('dueAt')}` : ''}. A miss is recorded and reported.`,
      ],
      facts: [...enBase(v), ['Legal period', v.legalClock()], ['Due', v.time('dueAt')]],
    }),
  },
  legal_deadline_missed: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【已逾法定期限】投诉 ${v.number}`,
      paragraphs: [`投诉 ${v.number} 的法定期限${v.legalClock() ? `（${v.legalClock()}）` : ''}${v.has('dueAt') ? `已于 ${v.time('dueAt')} 届满` : '已过'}，已记录为违反法定期限。请立即处理并评估合规风险。`],
      facts: [...zhBase(v), ['法定期限', v.legalClock()], ['原到期时间', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `[Legal deadline missed] Complaint ${v.number}`,
      paragraphs: [`The legal period of complaint ${v.number}${v.legalClock() ? ` (${v.legalClock()})` : ''}${v.has('dueAt') ? ` ended ${v.time('dueAt')}` : ' has passed'} and is recorded as missed. Act now and assess the compliance risk.`],
      facts: [...enBase(v), ['Legal period', v.legalClock()], ['Was due', v.time('dueAt')]],
    }),
  },
};

/** A person's data request: its handler is told, warned and told of a miss; the person is told the answer. */
const DATA_REQUEST_TEMPLATES: { [K in 'data_request' | 'data_request_answered']: { audience: Audience } & Record<TemplateLocale, Template<K>> } = {
  data_request: {
    audience: 'staff',
    'zh-CN': (v) => {
      const kind = v.label(DATA_REQUEST_KINDS_LABELS, 'requestKind');
      const event = v.str('event');
      return {
        subject: `${event === 'missed' ? '【已逾法定期限】' : event === 'warning' ? '【法定期限预警】' : ''}个人信息${kind ?? ''}请求 ${v.str('requestId') ?? ''}（投诉 ${v.number}）`,
        paragraphs: [
          event === 'missed'
            ? `投诉人的个人信息${kind ?? ''}请求已超过法定答复期限${v.has('dueAt') ? `（${v.time('dueAt')}）` : ''}，已记录为逾期。请立即答复。`
            : event === 'warning'
              ? `投诉人的个人信息${kind ?? ''}请求即将到期，请于 ${v.time('dueAt') ?? '期限'} 前答复。`
              : `投诉人提出了个人信息${kind ?? ''}请求，由您处理，请于 ${v.time('dueAt') ?? '法定期限'} 前答复（个人信息保护法，15 个工作日）。`,
        ],
        facts: [...zhBase(v), ['请求编号', v.str('requestId')], ['请求类型', kind], ['答复期限', v.time('dueAt')]],
      };
    },
    en: (v) => {
      const kind = v.label(DATA_REQUEST_KINDS_LABELS, 'requestKind');
      const event = v.str('event');
      return {
        subject: `${event === 'missed' ? '[Legal deadline missed] ' : event === 'warning' ? '[Legal deadline] ' : ''}Personal-data request ${v.str('requestId') ?? ''} (${kind ?? ''}, complaint ${v.number})`,
        paragraphs: [
          event === 'missed'
            ? `The complainant's ${kind ?? ''} request passed its legal time to answer${v.has('dueAt') ? ` (${v.time('dueAt')})` : ''} and is recorded as late. Answer it now.`
            : event === 'warning'
              ? `The complainant's ${kind ?? ''} request must be answered by ${v.time('dueAt') ?? 'its due date'}.`
              : `The complainant made a ${kind ?? ''} request about their personal data. It is yours to answer by ${v.time('dueAt') ?? 'the legal date'} (PIPL, 15 working days).`,
        ],
        facts: [...enBase(v), ['Request', v.str('requestId')], ['Kind', kind], ['Answer by', v.time('dueAt')]],
      };
    },
  },
  data_request_answered: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `您的个人信息请求已答复（投诉 ${v.number}，${v.str('requestId') ?? ''}）`,
      paragraphs: [
        '尊敬的客户：',
        v.str('status') === 'refused'
          ? `您就投诉 ${v.number} 提出的个人信息${v.label(DATA_REQUEST_KINDS_LABELS, 'requestKind') ?? ''}请求未能照办。${v.has('reason') ? `原因：${v.str('reason')}` : ''}`
          : `您就投诉 ${v.number} 提出的个人信息${v.label(DATA_REQUEST_KINDS_LABELS, 'requestKind') ?? ''}请求已办理完毕。${v.str('requestKind') === 'access' || v.str('requestKind') === 'copy' ? '您可在投诉进度查询页面下载您的个人信息副本。' : ''}`,
        '如对答复有异议，可向我们提出，或向个人信息保护职责部门投诉、举报。',
      ],
      facts: [...zhBase(v), ['请求编号', v.str('requestId')]],
    }),
    en: (v) => ({
      subject: `Your personal-data request has been answered (complaint ${v.number}, ${v.str('requestId') ?? ''})`,
      paragraphs: [
        'Dear customer,',
        v.str('status') === 'refused'
          ? `We could not do what you asked in your ${v.label(DATA_REQUEST_KINDS_LABELS, 'requestKind') ?? ''} request about complaint ${v.number}.${v.has('reason') ? ` Why: ${v.str('reason')}` : ''}`
          : `Your ${v.label(DATA_REQUEST_KINDS_LABELS, 'requestKind') ?? ''} request about complaint ${v.number} has been done.${v.str('requestKind') === 'access' || v.str('requestKind') === 'copy' ? ' Download your copy on the complaint’s tracking page.' : ''}`,
        'If you disagree, tell us, or complain to the authority that protects personal information.',
      ],
      facts: [...enBase(v), ['Request', v.str('requestId')]],
    }),
  },
};

/** Service recovery and the reviews of major cases. */
const RECOVERY_TEMPLATES: { [K in 'remedy_unexecutable' | 'major_review' | 'quality_review']: { audience: Audience } & Record<TemplateLocale, Template<K>> } = {
  quality_review: {
    audience: 'staff',
    'zh-CN': (v) => {
      const event = v.str('event');
      return {
        subject: `${event === 'disputed' ? '【质检申诉待裁定】' : '【质检】'}投诉 ${v.number}${event === 'decided' ? ' 申诉已裁定' : event === 'scored' ? ' 已评分' : ''}`,
        paragraphs: [
          event === 'disputed'
            ? `您团队成员对投诉 ${v.number} 的质检结果提出申诉，请在工作台"质检"中裁定。`
            : event === 'decided'
              ? `您对投诉 ${v.number} 质检结果的申诉已裁定${v.has('total') ? `，得分 ${v.num('total')}` : ''}。请在工作台"质检"中查看。`
              : `您处理的投诉 ${v.number} 已完成质检${v.has('total') ? `，得分 ${v.num('total')}` : ''}。请在工作台"质检"中查看评分与辅导意见，认可或提出申诉。`,
        ],
        facts: [...zhBase(v), ['质检编号', v.has('reviewId') ? String(v.num('reviewId')) : undefined], ['得分', v.has('total') ? String(v.num('total')) : undefined]],
      };
    },
    en: (v) => {
      const event = v.str('event');
      return {
        subject: `${event === 'disputed' ? '[Dispute to decide] ' : '[Quality review] '}Complaint ${v.number}${event === 'decided' ? ': dispute decided' : event === 'scored' ? ': scored' : ''}`,
        paragraphs: [
          event === 'disputed'
            ? `Someone in your team disputes the quality review of complaint ${v.number}. Decide it under "Quality review" in the workspace.`
            : event === 'decided'
              ? `Your dispute of the quality review of complaint ${v.number} was decided${v.has('total') ? `: score ${v.num('total')}` : ''}. See it under "Quality review".`
              : `The handling of complaint ${v.number} was reviewed${v.has('total') ? `: score ${v.num('total')}` : ''}. Read the scores and the coaching note under "Quality review", then accept or dispute them.`,
        ],
        facts: [...enBase(v), ['Review', v.has('reviewId') ? String(v.num('reviewId')) : undefined], ['Score', v.has('total') ? String(v.num('total')) : undefined]],
      };
    },
  },
  remedy_unexecutable: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `关于您投诉处理方案的说明（编号 ${v.number}）`,
      paragraphs: [
        '尊敬的客户：',
        `非常抱歉，您的投诉 ${v.number} 已商定的处理方案无法执行。`,
        v.has('message') && `原因：${v.str('message')}`,
        `我们将尽快为您提出新的处理方案${v.has('dueAt') ? `，最迟于 ${v.time('dueAt')} 前答复您` : ''}。`,
      ],
      facts: [...zhBase(v), ['新方案答复时间', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `About the remedy agreed for your complaint (No. ${v.number})`,
      paragraphs: [
        'Dear customer,',
        `We are sorry: the remedy agreed for your complaint ${v.number} cannot be carried out.`,
        v.has('message') && `Why: ${v.str('message')}`,
        `We will propose another remedy${v.has('dueAt') ? ` by ${v.time('dueAt')}` : ' as soon as we can'}.`,
      ],
      facts: [...enBase(v), ['New proposal by', v.time('dueAt')]],
    }),
  },
  major_review: {
    audience: 'staff',
    'zh-CN': (v) => {
      const review = v.label(MAJOR_REVIEW_LABELS, 'review') ?? '审核';
      const event = v.str('event');
      return {
        subject: `${event === 'overdue' ? '【已逾期】' : ''}重大投诉${review}${event === 'signed_off' ? '已完成' : ''}：投诉 ${v.number}`,
        paragraphs: [
          event === 'signed_off'
            ? `投诉 ${v.number} 的${review}已完成（${v.label(MAJOR_REVIEW_DECISION_LABELS, 'decision') ?? ''}）。详见投诉时间线。`
            : event === 'overdue'
              ? `投诉 ${v.number} 的${review}已超过期限${v.has('dueAt') ? `（${v.time('dueAt')}）` : ''}，请尽快完成。`
              : `重大投诉 ${v.number} 需要您进行${review}，请于 ${v.time('dueAt') ?? '期限'} 前签署意见。`,
        ],
        facts: [...zhBase(v), ['审核', review], ['期限', v.time('dueAt')]],
      };
    },
    en: (v) => {
      const review = v.label(MAJOR_REVIEW_LABELS, 'review') ?? 'review';
      const event = v.str('event');
      return {
        subject: `${event === 'overdue' ? '[Overdue] ' : ''}Major case ${review}${event === 'signed_off' ? ' signed off' : ''}: complaint ${v.number}`,
        paragraphs: [
          event === 'signed_off'
            ? `The ${review} of complaint ${v.number} is signed off (${v.label(MAJOR_REVIEW_DECISION_LABELS, 'decision') ?? ''}). The timeline has the note.`
            : event === 'overdue'
              ? `The ${review} of complaint ${v.number} is overdue${v.has('dueAt') ? ` (was due ${v.time('dueAt')})` : ''}. Please complete it.`
              : `Major complaint ${v.number} needs your ${review}: sign it off by ${v.time('dueAt') ?? 'its due date'}.`,
        ],
        facts: [...enBase(v), ['Review', review], ['Due', v.time('dueAt')]],
      };
    },
  },
};

const TEMPLATES: { [K in NotificationKind]: { audience: Audience } & Record<TemplateLocale, Template<K>> } = {
  ...LEGAL_TEMPLATES,
  ...DATA_REQUEST_TEMPLATES,
  ...RECOVERY_TEMPLATES,
  acknowledgement: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `您的投诉已受理（编号 ${v.number}）`,
      paragraphs: [
        '尊敬的客户：',
        `我们已收到并受理您的投诉，投诉编号为 ${v.number}。后续咨询或补充材料时，请提供此编号。`,
        v.has('promisedBy') ? `我们将在 ${v.time('promisedBy')} 前与您联系。` : '我们将尽快与您联系。',
        v.has('replyBy') && `我们将在 ${v.time('replyBy')} 前给您正式答复。`,
        v.has('trackingUrl') && `您可随时通过以下链接查看处理进度、答复处理方案或补充材料（请勿转发他人）：${v.str('trackingUrl')}`,
      ],
      facts: [...zhBase(v), ['承诺联系时间', v.time('promisedBy')], ['正式答复时间', v.time('replyBy')], ['进度查询', v.str('trackingUrl')]],
    }),
    en: (v) => ({
      subject: `Your complaint has been received (No. ${v.number})`,
      paragraphs: [
        'Dear customer,',
        `We have received your complaint and registered it under number ${v.number}. Please quote this number whenever you contact us about it.`,
        v.has('promisedBy') ? `We will contact you by ${v.time('promisedBy')}.` : 'We will contact you as soon as possible.',
        v.has('replyBy') && `You will have our formal reply by ${v.time('replyBy')}.`,
        v.has('trackingUrl') && `Follow your complaint, answer our proposal or add information at any time on this page (do not share the link): ${v.str('trackingUrl')}`,
      ],
      facts: [...enBase(v), ['We will contact you by', v.time('promisedBy')], ['Formal reply by', v.time('replyBy')], ['Track your complaint', v.str('trackingUrl')]],
    }),
  },
  progress_update: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `投诉处理进展（编号 ${v.number}）`,
      paragraphs: ['尊敬的客户：', `您的投诉 ${v.number} 有新的处理进展：`, v.label(PROGRESS_EVENTS, 'event'), v.str('message')],
      facts: [...zhBase(v), ['预计答复时间', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `Progress on your complaint (No. ${v.number})`,
      paragraphs: ['Dear customer,', `There is news on your complaint ${v.number}:`, v.label(PROGRESS_EVENTS, 'event'), v.str('message')],
      facts: [...enBase(v), ['Expected reply by', v.time('dueAt')]],
    }),
  },
  proposal: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `投诉处理方案（编号 ${v.number}）`,
      paragraphs: [
        '尊敬的客户：',
        `针对您的投诉 ${v.number}，我们提出以下处理方案${v.has('round') ? `（第 ${v.num('round') ?? v.str('round')} 轮）` : ''}：`,
        v.str('message'),
        '请通过投诉进度查询页面或致电客服告诉我们您是否接受该方案；如不接受，请告诉我们您的诉求。',
      ],
      facts: [...zhBase(v), ['方案金额', v.amount()], ['请于此前答复', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `Our proposal for your complaint (No. ${v.number})`,
      paragraphs: [
        'Dear customer,',
        `For your complaint ${v.number} we propose the following${v.has('round') ? ` (round ${v.num('round') ?? v.str('round')})` : ''}:`,
        v.str('message'),
        'Please tell us on your complaint’s tracking page, or by phone, whether you accept it; if not, what you would like instead.',
      ],
      facts: [...enBase(v), ['Amount', v.amount()], ['Please answer by', v.time('dueAt')]],
    }),
  },
  response_reminder: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `提醒：投诉 ${v.number} 正在等待您的${v.str('deadline') === 'satisfaction' ? '评价' : '答复'}`,
      paragraphs: [
        '尊敬的客户：',
        v.str('deadline') === 'satisfaction' ? `我们仍在等待您对投诉 ${v.number} 处理结果的评价。` : `我们仍在等待您对投诉 ${v.number} 处理方案的答复。`,
        v.has('dueAt') && `请在 ${v.time('dueAt')} 前通过投诉进度查询页面或致电客服答复。`,
        v.str('deadline') === 'satisfaction' ? '逾期未评价的，投诉将按已解决结案。' : '逾期未答复的，投诉将按未获答复结案。',
      ],
      facts: [...zhBase(v), ['答复期限', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `Reminder: complaint ${v.number} is waiting for your ${v.str('deadline') === 'satisfaction' ? 'rating' : 'reply'}`,
      paragraphs: [
        'Dear customer,',
        v.str('deadline') === 'satisfaction' ? `We are still waiting for your rating of how complaint ${v.number} was handled.` : `We are still waiting for your reply to our proposal for complaint ${v.number}.`,
        v.has('dueAt') && `Please answer by ${v.time('dueAt')} on your complaint’s tracking page or by phone.`,
        v.str('deadline') === 'satisfaction' ? 'Without a rating by then, the complaint will be closed as resolved.' : 'Without a reply by then, the complaint will be closed as not answered.',
      ],
      facts: [...enBase(v), ['Reply by', v.time('dueAt')]],
    }),
  },
  escalation_notice: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `您的投诉已升级处理（编号 ${v.number}）`,
      paragraphs: ['尊敬的客户：', `为更好地处理您的投诉 ${v.number}，该投诉已升级${v.levelRole() ? `，由${v.levelRole()}负责跟进` : ''}。我们会尽快与您联系。`],
      facts: zhBase(v),
    }),
    en: (v) => ({
      subject: `Your complaint has been escalated (No. ${v.number})`,
      paragraphs: ['Dear customer,', `To handle your complaint ${v.number} better, it has been escalated${v.levelRole() ? ` to a ${v.levelRole()}` : ''}. We will be in touch soon.`],
      facts: enBase(v),
    }),
  },
  outcome: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `投诉已结案（编号 ${v.number}）`,
      paragraphs: [
        '尊敬的客户：',
        `您的投诉 ${v.number} 已结案${v.has('outcome') ? `，处理结果：${v.label(OUTCOMES, 'outcome')}` : ''}。`,
        v.has('reason') && `说明：${v.label(REASONS, 'reason')}`,
        v.has('externalRoutes') && `如您对处理结果仍有异议，可通过以下途径寻求帮助：${v.str('externalRoutes')}`,
        '感谢您的反馈，我们将持续改进产品与服务。',
      ],
      facts: [...zhBase(v), ['处理结果', v.label(OUTCOMES, 'outcome')]],
    }),
    en: (v) => ({
      subject: `Your complaint has been closed (No. ${v.number})`,
      paragraphs: [
        'Dear customer,',
        `Your complaint ${v.number} has been closed${v.has('outcome') ? ` as ${v.label(OUTCOMES, 'outcome')}` : ''}.`,
        v.has('reason') && `Reason: ${v.label(REASONS, 'reason')}`,
        v.has('externalRoutes') && `If you still disagree with the outcome, you can turn to: ${v.str('externalRoutes')}`,
        'Thank you for your feedback; it helps us improve.',
      ],
      facts: [...enBase(v), ['Outcome', v.label(OUTCOMES, 'outcome')]],
    }),
  },
  satisfaction_survey: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `请评价投诉处理（编号 ${v.number}）`,
      paragraphs: [
        '尊敬的客户：',
        `您的投诉 ${v.number} 已处理完毕。`,
        v.has('message') && `处理说明：${v.str('message')}`,
        '诚邀您对本次处理打分（1–5 分）并留下意见，这将帮助我们改进服务。',
      ],
      facts: [...zhBase(v), ['评价期限', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `Please rate how we handled your complaint (No. ${v.number})`,
      paragraphs: [
        'Dear customer,',
        `We have finished handling your complaint ${v.number}.`,
        v.has('message') && `What we did: ${v.str('message')}`,
        'Please rate our handling from 1 to 5 and leave a comment; it helps us improve.',
      ],
      facts: [...enBase(v), ['Rate by', v.time('dueAt')]],
    }),
  },
  follow_up: {
    audience: 'customer',
    'zh-CN': (v) => ({
      subject: `投诉回访通知（编号 ${v.number}）`,
      paragraphs: ['尊敬的客户：', `为了解投诉 ${v.number} 的处理效果，我们的客服人员将近期与您联系回访。感谢您的配合。`],
      facts: zhBase(v),
    }),
    en: (v) => ({
      subject: `Follow-up on your complaint (No. ${v.number})`,
      paragraphs: ['Dear customer,', `To check that complaint ${v.number} was resolved to your satisfaction, one of our agents will contact you shortly. Thank you.`],
      facts: enBase(v),
    }),
  },
  assignment: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【新任务】投诉 ${v.number}`,
      paragraphs: [`投诉 ${v.number} 已分派给您处理。`, v.has('reason') && `说明：${v.str('reason')}`],
      facts: [...zhBase(v), ['任务', v.label(TASKS, 'task')], ['等级', v.label(GRADES, 'grade')], ['类别', v.label(CATEGORIES, 'category')], ['期限', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `[New task] Complaint ${v.number}`,
      paragraphs: [`Complaint ${v.number} has been assigned to you.`, v.has('reason') && `Note: ${v.str('reason')}`],
      facts: [...enBase(v), ['Task', v.label(TASKS, 'task')], ['Grade', v.label(GRADES, 'grade')], ['Category', v.label(CATEGORIES, 'category')], ['Due', v.time('dueAt')]],
    }),
  },
  deadline_reminder: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【期限提醒】投诉 ${v.number}${v.deadline() ? `：${v.deadline()}` : ''}即将到期`,
      paragraphs: [`投诉 ${v.number} 的${v.deadline() ?? '处理'}期限即将到期${v.has('dueAt') ? `（${v.time('dueAt')}）` : ''}，请及时处理，逾期将记为超时并升级。`],
      facts: [...zhBase(v), ['期限类型', v.deadline()], ['到期时间', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `[Reminder] Complaint ${v.number}: ${v.deadline() ?? 'deadline'} due soon`,
      paragraphs: [`The ${v.deadline() ?? 'handling'} deadline of complaint ${v.number} is near${v.has('dueAt') ? ` (${v.time('dueAt')})` : ''}. If it is missed, the SLA is breached and the complaint escalates.`],
      facts: [...enBase(v), ['Deadline', v.deadline()], ['Due', v.time('dueAt')]],
    }),
  },
  sla_breach: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【已超时】投诉 ${v.number}${v.deadline() ? `：${v.deadline()}` : ''}已超期`,
      paragraphs: [`投诉 ${v.number} 的${v.deadline() ?? '处理'}期限${v.has('dueAt') ? `（${v.time('dueAt')}）` : ''}已过，已记为超时，并按规则升级处理。`],
      facts: [...zhBase(v), ['期限类型', v.deadline()], ['原到期时间', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `[SLA breached] Complaint ${v.number}: ${v.deadline() ?? 'deadline'} missed`,
      paragraphs: [`The ${v.deadline() ?? 'handling'} deadline of complaint ${v.number}${v.has('dueAt') ? ` (${v.time('dueAt')})` : ''} has passed. The SLA is marked as breached and the complaint escalates.`],
      facts: [...enBase(v), ['Deadline', v.deadline()], ['Was due', v.time('dueAt')]],
    }),
  },
  escalation: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【升级】投诉 ${v.number} 已升级${v.levelRole() ? `至${v.levelRole()}` : ''}`,
      paragraphs: [`投诉 ${v.number} 已升级，现由您负责处理。`, v.has('reason') && `升级原因：${v.str('reason')}`],
      facts: [...zhBase(v), ['负责层级', v.levelRole()]],
    }),
    en: (v) => ({
      subject: `[Escalated] Complaint ${v.number}${v.levelRole() ? ` to ${v.levelRole()}` : ''}`,
      paragraphs: [`Complaint ${v.number} has been escalated and is now yours.`, v.has('reason') && `Reason: ${v.str('reason')}`],
      facts: [...enBase(v), ['Level', v.levelRole()]],
    }),
  },
  approval_request: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【待审批】投诉 ${v.number} 的处理方案${v.amount() ? `（${v.amount()}）` : ''}`,
      paragraphs: [
        `投诉 ${v.number} 的处理方案超出提出人的权限，需要您审批。`,
        v.str('deadline') === 'approval' && v.has('dueAt') && `原审批期限 ${v.time('dueAt')} 已过，现转由您审批。`,
      ],
      facts: [...zhBase(v), ['方案金额', v.amount()], [v.str('deadline') === 'approval' ? '原审批期限' : '审批期限', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `[Approval needed] Proposal for complaint ${v.number}${v.amount() ? ` (${v.amount()})` : ''}`,
      paragraphs: [
        `The proposal for complaint ${v.number} exceeds its author's authority and needs your approval.`,
        v.str('deadline') === 'approval' && v.has('dueAt') && `The approval was due ${v.time('dueAt')} and has been passed on to you.`,
      ],
      facts: [...enBase(v), ['Amount', v.amount()], [v.str('deadline') === 'approval' ? 'Was due' : 'Approve by', v.time('dueAt')]],
    }),
  },
  approval_decision: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【审批结果】投诉 ${v.number}：方案${v.label(DECISIONS, 'decision') ?? '已审批'}`,
      paragraphs: [`您为投诉 ${v.number} 提出的处理方案${v.label(DECISIONS, 'decision') ?? '已审批'}。`, v.has('reason') && `审批意见：${v.str('reason')}`],
      facts: [...zhBase(v), ['审批结果', v.label(DECISIONS, 'decision')]],
    }),
    en: (v) => ({
      subject: `[Approval decision] Complaint ${v.number}: proposal ${v.label(DECISIONS, 'decision') ?? 'decided'}`,
      paragraphs: [`Your proposal for complaint ${v.number} was ${v.label(DECISIONS, 'decision') ?? 'decided'}.`, v.has('reason') && `Comment: ${v.str('reason')}`],
      facts: [...enBase(v), ['Decision', v.label(DECISIONS, 'decision')]],
    }),
  },
  follow_up_task: {
    audience: 'staff',
    'zh-CN': (v) => ({
      subject: `【回访任务】投诉 ${v.number}`,
      paragraphs: [`请对投诉 ${v.number} 的客户进行回访，并记录是否联系上客户以及客户目前是否满意。`],
      facts: [...zhBase(v), ['回访期限', v.time('dueAt')]],
    }),
    en: (v) => ({
      subject: `[Follow-up task] Complaint ${v.number}`,
      paragraphs: [`Please call the customer of complaint ${v.number} back and record whether you reached them and whether they are now satisfied.`],
      facts: [...enBase(v), ['Visit by', v.time('dueAt')]],
    }),
  },
};


const FOOTERS: Record<Audience, Record<TemplateLocale, string>> = {
  customer: {
    'zh-CN': '此消息由投诉服务系统自动发送，请勿直接回复本消息。答复方案、补充信息请使用投诉进度查询页面，或致电客服并提供投诉编号。',
    en: 'This message was sent automatically by our complaint service; replies to it are not read. To answer or add information, use your complaint’s tracking page, or call us quoting your complaint number.',
  },
  staff: {
    'zh-CN': '请登录投诉处理系统查看详情并处理。',
    en: 'Open the complaint in the complaint service for details.',
  },
};

/** Kinds that have templates; tests check it equals the domain's list. */
export const TEMPLATE_KINDS = Object.keys(TEMPLATES) as NotificationKind[];

export function templateAudience(kind: NotificationKind): Audience {
  return TEMPLATES[kind].audience;
}

export function renderNotification(kind: NotificationKind, locale: string | null | undefined, data: NotificationData, options: RenderOptions = {}): RenderedNotification {
  // The stored data is the kind's (written from a NotificationRequestOf<kind>); the map cannot correlate kind and template for TypeScript.
  const template = TEMPLATES[kind] as unknown as { audience: Audience } & Record<TemplateLocale, Template>;
  if (!template) throw new Error(`no template for notification kind "${kind}"`);
  const lang = normalizeLocale(locale);
  const parts = template[lang](new Values(data, lang, options));
  const paragraphs = parts.paragraphs.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  const facts = parts.facts.filter((f): f is readonly [string, string] => f[1] !== undefined && f[1] !== '');
  const footer = FOOTERS[template.audience][lang];
  const colon = lang === 'zh-CN' ? '：' : ': ';

  const text = [paragraphs.join('\n\n'), facts.map(([label, value]) => `${label}${colon}${value}`).join('\n'), footer].filter((s) => s !== '').join('\n\n');

  const cell = 'padding:4px 12px 4px 0;vertical-align:top';
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
    '<body style="font-family:-apple-system,\'PingFang SC\',\'Microsoft YaHei\',Arial,sans-serif;font-size:14px;line-height:1.6;color:#222">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`),
    facts.length > 0
      ? `<table role="presentation" style="border-collapse:collapse;margin:12px 0">${facts
          .map(([label, value]) => `<tr><th align="left" style="${cell};color:#555;font-weight:normal">${escapeHtml(label)}</th><td style="${cell}">${escapeHtml(value)}</td></tr>`)
          .join('')}</table>`
      : '',
    `<p style="color:#888;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');

  const separator = lang === 'zh-CN' ? '；' : '; ';
  const details = facts.filter(([label]) => label !== facts[0]?.[0]).map(([label, value]) => `${label}${colon}${value}`);
  const summary = [parts.subject, ...details].join(separator);

  return { subject: parts.subject, text, html, summary };
}
