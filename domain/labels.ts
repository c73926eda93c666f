/**
 * The one vocabulary of words for the domain's codes — stages, outcomes, categories, grades,
 * remedies and clocks — in every language the service speaks (Simplified Chinese by default,
 * English). Notification templates, the customer view, the pages and the workspace all read these,
 * so a stage is called the same everywhere.
 */
import type { MajorReviewDecision, MajorReviewKind } from './major-review';
import type { Category, DeadlineKind, Grade, Outcome, RemedyType, Stage } from './model';

export const LABEL_LOCALES = ['zh-CN', 'en'] as const;
export type LabelLocale = (typeof LABEL_LOCALES)[number];

/** Words for each value of a vocabulary, in every locale. */
export type Labels<K extends string> = Readonly<Record<K, Readonly<Record<LabelLocale, string>>>>;

/** The words of a code read back from stored data, which may hold a code this version does not know (shown as written). */
export function labelOf<K extends string>(labels: Labels<K>, code: string, locale: LabelLocale): string {
  return Object.hasOwn(labels, code) ? labels[code as K][locale] : code;
}

export const STAGE_LABELS: Labels<Stage> = {
  received: { 'zh-CN': '已接收', en: 'received' },
  acknowledged: { 'zh-CN': '已受理', en: 'acknowledged' },
  resolving_on_spot: { 'zh-CN': '现场处理中', en: 'being resolved on the spot' },
  investigating: { 'zh-CN': '调查核实中', en: 'under investigation' },
  proposing: { 'zh-CN': '制定处理方案中', en: 'preparing a proposal' },
  awaiting_approval: { 'zh-CN': '方案审批中', en: 'proposal awaiting approval' },
  negotiating: { 'zh-CN': '方案协商中', en: 'proposal under discussion' },
  executing: { 'zh-CN': '方案执行中', en: 'remedy being carried out' },
  confirming: { 'zh-CN': '待确认满意度', en: 'awaiting a satisfaction rating' },
  closed: { 'zh-CN': '已结案', en: 'closed' },
  follow_up: { 'zh-CN': '回访中', en: 'follow-up visit' },
};

export const OUTCOME_LABELS: Labels<Outcome> = {
  resolved: { 'zh-CN': '已解决', en: 'resolved' },
  unresolved: { 'zh-CN': '未能解决', en: 'not resolved' },
  withdrawn: { 'zh-CN': '已撤回', en: 'withdrawn' },
  invalid: { 'zh-CN': '不予受理', en: 'not accepted as a complaint' },
  duplicate: { 'zh-CN': '重复投诉，已合并处理', en: 'duplicate of another complaint' },
};

export const CATEGORY_LABELS: Labels<Category> = {
  product_quality: { 'zh-CN': '产品质量', en: 'product quality' },
  service_attitude: { 'zh-CN': '服务态度', en: 'service attitude' },
  after_sales: { 'zh-CN': '售后服务', en: 'after-sales service' },
  price_dispute: { 'zh-CN': '价格争议', en: 'price dispute' },
  logistics: { 'zh-CN': '物流配送', en: 'logistics and delivery' },
  privacy: { 'zh-CN': '隐私与权益', en: 'privacy and rights' },
  compliance: { 'zh-CN': '合规', en: 'compliance' },
  other: { 'zh-CN': '其他', en: 'other' },
};

export const GRADE_LABELS: Labels<Grade> = {
  simple: { 'zh-CN': '简单', en: 'simple' },
  complex: { 'zh-CN': '复杂', en: 'complex' },
  major: { 'zh-CN': '重大', en: 'major' },
};

export const REMEDY_LABELS: Labels<RemedyType> = {
  apology: { 'zh-CN': '致歉', en: 'apology' },
  explanation: { 'zh-CN': '情况说明', en: 'explanation' },
  repair: { 'zh-CN': '维修', en: 'repair' },
  replacement: { 'zh-CN': '换货', en: 'replacement' },
  refund: { 'zh-CN': '退款', en: 'refund' },
  compensation: { 'zh-CN': '补偿', en: 'compensation' },
  coupon: { 'zh-CN': '优惠券', en: 'coupon' },
  service_improvement: { 'zh-CN': '服务改进', en: 'service improvement' },
};

export const DEADLINE_LABELS: Labels<DeadlineKind> = {
  firstResponse: { 'zh-CN': '首次响应', en: 'first response' },
  onSpotResolution: { 'zh-CN': '现场处理', en: 'on-the-spot resolution' },
  reply: { 'zh-CN': '正式答复', en: 'reply' },
  progressUpdate: { 'zh-CN': '进展通报', en: 'progress update' },
  approval: { 'zh-CN': '方案审批', en: 'approval' },
  customerResponse: { 'zh-CN': '客户答复', en: 'customer reply' },
  execution: { 'zh-CN': '方案执行', en: 'execution of the remedy' },
  satisfaction: { 'zh-CN': '满意度评价', en: 'satisfaction rating' },
  followUpStart: { 'zh-CN': '回访安排', en: 'follow-up scheduling' },
  followUpVisit: { 'zh-CN': '回访', en: 'follow-up visit' },
  reopenWindow: { 'zh-CN': '申请重新处理', en: 'reopen request period' },
  legalReview: { 'zh-CN': '法务审核', en: 'legal review' },
  prReview: { 'zh-CN': '公关审核', en: 'PR review' },
};

export const MAJOR_REVIEW_LABELS: Labels<MajorReviewKind> = {
  legal: { 'zh-CN': '法务审核', en: 'legal review' },
  pr: { 'zh-CN': '公关审核', en: 'PR review' },
};

export const MAJOR_REVIEW_DECISION_LABELS: Labels<MajorReviewDecision> = {
  cleared: { 'zh-CN': '同意', en: 'cleared' },
  cleared_with_conditions: { 'zh-CN': '附条件同意', en: 'cleared with conditions' },
};
