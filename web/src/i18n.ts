/**
 * The workspace's words, Simplified Chinese by default and English. Codes (stages, outcomes,
 * categories, grades, remedies, clocks) are named by the service's one vocabulary, `domain/labels.ts`;
 * this file holds only the screen's own words and the names of form fields.
 */
import { createContext, useContext } from 'react';
import { CATEGORY_LABELS, DEADLINE_LABELS, GRADE_LABELS, labelOf, OUTCOME_LABELS, REMEDY_LABELS, STAGE_LABELS, type LabelLocale, type Labels } from '../../domain/labels';
import { LEGAL_REGIMES } from '../../domain/legal-regimes';

export type Locale = LabelLocale;

const UI = {
  appName: { 'zh-CN': '投诉工作台', en: 'Complaint workspace' },
  myWork: { 'zh-CN': '我的工作', en: 'My work' },
  newComplaint: { 'zh-CN': '登记投诉', en: 'New complaint' },
  search: { 'zh-CN': '查询', en: 'Search' },
  signIn: { 'zh-CN': '登录', en: 'Sign in' },
  signOut: { 'zh-CN': '退出', en: 'Sign out' },
  signInPrompt: { 'zh-CN': '请使用公司账号登录。', en: 'Sign in with your company account.' },
  refused: { 'zh-CN': '登录被拒绝', en: 'Sign-in refused' },
  number: { 'zh-CN': '编号', en: 'Number' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  stage: { 'zh-CN': '阶段', en: 'Stage' },
  due: { 'zh-CN': '到期', en: 'Due' },
  product: { 'zh-CN': '产品', en: 'Product' },
  breached: { 'zh-CN': '已超时', en: 'Breached' },
  dueSoon: { 'zh-CN': '即将到期', en: 'Due soon' },
  nothing: { 'zh-CN': '没有待办', en: 'Nothing waiting on you' },
  owner: { 'zh-CN': '负责人', en: 'Owner' },
  department: { 'zh-CN': '部门', en: 'Department' },
  escalation: { 'zh-CN': '升级级别', en: 'Escalation level' },
  taskForce: { 'zh-CN': '专项小组', en: 'Task force' },
  clocks: { 'zh-CN': '计时', en: 'Clocks' },
  complainant: { 'zh-CN': '投诉人', en: 'Complainant' },
  masked: { 'zh-CN': '已脱敏', en: 'masked' },
  description: { 'zh-CN': '投诉内容', en: 'Description' },
  evidence: { 'zh-CN': '证据', en: 'Evidence' },
  timeline: { 'zh-CN': '处理记录', en: 'Timeline' },
  notifications: { 'zh-CN': '通知', en: 'Notifications' },
  actions: { 'zh-CN': '可执行操作', en: 'Actions open to you' },
  noActions: { 'zh-CN': '当前阶段没有您可执行的操作。', en: 'No action is open to you at this stage.' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  movedOn: { 'zh-CN': '该投诉已进入下一阶段：', en: 'This complaint has moved on to ' },
  refresh: { 'zh-CN': '刷新', en: 'Refresh' },
  frontDesk: { 'zh-CN': '前台视图：该投诉不在您的处理范围内，仅显示投诉人可见的信息。', en: 'Front desk: this complaint is outside your scope; you see what the complainant sees.' },
  received: { 'zh-CN': '已受理', en: 'Received' },
  readOut: { 'zh-CN': '请告知来电人投诉编号和查询链接：', en: 'Read the number and tracking link out to the caller:' },
  trackingLink: { 'zh-CN': '查询链接', en: 'Tracking link' },
  repeat: { 'zh-CN': '重复投诉人：此前已有投诉', en: 'Repeat complainant: earlier complaints exist' },
  triageSuggestion: { 'zh-CN': '分诊建议', en: 'Triage suggestion' },
  open: { 'zh-CN': '打开', en: 'Open' },
  lookUp: { 'zh-CN': '按编号查询', en: 'Look up by number' },
  filters: { 'zh-CN': '筛选', en: 'Filters' },
  language: { 'zh-CN': 'English', en: '中文' },
  notFound: { 'zh-CN': '没有找到该投诉（或不在您的范围内）。', en: 'No such complaint (or not in your scope).' },
  addItem: { 'zh-CN': '添加一项', en: 'Add an item' },
  remove: { 'zh-CN': '删除', en: 'Remove' },
  at: { 'zh-CN': '于', en: 'at' },
  whenDue: { 'zh-CN': '到期后', en: 'When due' },
  legalClocks: { 'zh-CN': '法定期限', en: 'Legal clocks' },
  legalDue: { 'zh-CN': '依法应于此前答复', en: 'Due by law' },
  legalContext: { 'zh-CN': '监管部门期限（参考）', en: 'Regulator’s period (context)' },
  legalMet: { 'zh-CN': '按期完成', en: 'Met on time' },
  legalMetLate: { 'zh-CN': '逾期完成', en: 'Met late' },
  legalStopped: { 'zh-CN': '已中止计算', en: 'Stopped' },
  legalMissed: { 'zh-CN': '已逾法定期限', en: 'Missed' },
  legalExtensions: { 'zh-CN': '已延长', en: 'Extensions' },
  endOfDay: { 'zh-CN': '{day} 当日24时', en: 'end of {day}' },
} as const satisfies Record<string, Record<Locale, string>>;

export type UiKey = keyof typeof UI;

/** Names of the fields of action and intake forms. */
const FIELDS: Record<string, Record<Locale, string>> = {
  reason: { 'zh-CN': '原因', en: 'Reason' },
  text: { 'zh-CN': '内容', en: 'Text' },
  internal: { 'zh-CN': '仅内部可见', en: 'Internal only' },
  toCustomer: { 'zh-CN': '告知投诉人', en: 'Tell the complainant' },
  remedies: { 'zh-CN': '补救措施', en: 'Remedies' },
  type: { 'zh-CN': '类型', en: 'Type' },
  amountMinor: { 'zh-CN': '金额（分）', en: 'Amount (minor units, fen)' },
  currency: { 'zh-CN': '币种', en: 'Currency' },
  description: { 'zh-CN': '说明', en: 'Description' },
  message: { 'zh-CN': '给投诉人的话', en: 'Message to the complainant' },
  facts: { 'zh-CN': '调查事实', en: 'Facts' },
  rootCause: { 'zh-CN': '根本原因', en: 'Root cause' },
  responsibility: { 'zh-CN': '责任方', en: 'Responsibility' },
  decision: { 'zh-CN': '审批决定', en: 'Decision' },
  accept: { 'zh-CN': '接受方案', en: 'Accept the proposal' },
  counterDemand: { 'zh-CN': '对方诉求', en: 'Counter-demand' },
  score: { 'zh-CN': '满意度（1–5）', en: 'Satisfaction (1–5)' },
  comment: { 'zh-CN': '评价', en: 'Comment' },
  proof: { 'zh-CN': '执行凭证', en: 'Proof of execution' },
  reached: { 'zh-CN': '已联系上', en: 'Reached' },
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  notes: { 'zh-CN': '备注', en: 'Notes' },
  grade: { 'zh-CN': '分级', en: 'Grade' },
  severity: { 'zh-CN': '严重程度', en: 'Severity' },
  category: { 'zh-CN': '类别', en: 'Category' },
  departmentId: { 'zh-CN': '部门', en: 'Department' },
  assigneeId: { 'zh-CN': '负责人', en: 'Assignee' },
  taskForce: { 'zh-CN': '专项小组成员', en: 'Task force members' },
  uri: { 'zh-CN': '文件地址', en: 'File address' },
  note: { 'zh-CN': '备注', en: 'Note' },
  outcome: { 'zh-CN': '结果', en: 'Outcome' },
  duplicateOf: { 'zh-CN': '重复于', en: 'Duplicate of' },
  channel: { 'zh-CN': '渠道', en: 'Channel' },
  complainant: { 'zh-CN': '投诉人', en: 'Complainant' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  email: { 'zh-CN': '邮箱', en: 'E-mail' },
  customerId: { 'zh-CN': '客户编号', en: 'Customer id' },
  preferredLocale: { 'zh-CN': '沟通语言', en: 'Language' },
  locale: { 'zh-CN': '沟通语言', en: 'Language' },
  subject: { 'zh-CN': '投诉对象', en: 'Subject' },
  productName: { 'zh-CN': '产品名称', en: 'Product' },
  orderNumber: { 'zh-CN': '订单号', en: 'Order number' },
  sku: { 'zh-CN': 'SKU', en: 'SKU' },
  occurredAt: { 'zh-CN': '发生时间', en: 'Occurred at' },
  occurredWhere: { 'zh-CN': '发生地点', en: 'Occurred where' },
  desiredResolution: { 'zh-CN': '诉求', en: 'Desired resolution' },
  evidence: { 'zh-CN': '证据', en: 'Evidence' },
  level: { 'zh-CN': '级别', en: 'Level' },
  title: { 'zh-CN': '标题', en: 'Title' },
  origin: { 'zh-CN': '来源', en: 'Origin' },
  product: { 'zh-CN': '产品', en: 'Product' },
  complaintNumbers: { 'zh-CN': '关联投诉编号', en: 'Complaint numbers' },
  status: { 'zh-CN': '状态', en: 'Status' },
  correctiveAction: { 'zh-CN': '纠正措施', en: 'Corrective action' },
  ownerId: { 'zh-CN': '责任人', en: 'Owner' },
  dueDate: { 'zh-CN': '完成期限', en: 'Due date' },
  resolution: { 'zh-CN': '解决情况', en: 'Resolution' },
  receivedAt: { 'zh-CN': '实际收到时间', en: 'Received by the company at' },
  regime: { 'zh-CN': '法定期限规则', en: 'Legal regime' },
  regulator: { 'zh-CN': '监管转办', en: 'Regulator’s transfer' },
  reference: { 'zh-CN': '转办编号', en: 'Reference' },
  office: { 'zh-CN': '转办机关', en: 'Office' },
  regulatorReference: { 'zh-CN': '转办编号', en: 'Regulator’s reference' },
  regulatorOffice: { 'zh-CN': '转办机关', en: 'Regulator’s office' },
  regulatorDueDate: { 'zh-CN': '监管要求答复日期', en: 'Reply date set by the regulator' },
  clock: { 'zh-CN': '法定期限', en: 'Legal clock' },
  extension: { 'zh-CN': '延长类型', en: 'Extension' },
  customerMessage: { 'zh-CN': '告知投诉人的说明', en: 'What the complainant is told' },
  acceptedOn: { 'zh-CN': '受理日期', en: 'Accepted on' },
};

/** Codes the domain vocabulary does not name (yet): the workspace's own words for them. */
const WORKSPACE_CODES: Record<string, Labels<string>> = {
  channel: {
    hotline: { 'zh-CN': '热线电话', en: 'Hotline' },
    web: { 'zh-CN': '网站', en: 'Web' },
    app: { 'zh-CN': 'App', en: 'App' },
    email: { 'zh-CN': '电子邮件', en: 'E-mail' },
    social: { 'zh-CN': '社交媒体', en: 'Social media' },
    store: { 'zh-CN': '门店', en: 'Store' },
    letter: { 'zh-CN': '信函', en: 'Letter' },
    regulator_transfer: { 'zh-CN': '监管转办', en: 'Regulator transfer' },
  },
  severity: { low: { 'zh-CN': '低', en: 'Low' }, medium: { 'zh-CN': '中', en: 'Medium' }, high: { 'zh-CN': '高', en: 'High' }, critical: { 'zh-CN': '紧急', en: 'Critical' } },
  responsibility: {
    company: { 'zh-CN': '公司责任', en: 'Company' },
    customer: { 'zh-CN': '顾客责任', en: 'Customer' },
    third_party: { 'zh-CN': '第三方责任', en: 'Third party' },
    shared: { 'zh-CN': '共同责任', en: 'Shared' },
    undetermined: { 'zh-CN': '尚未确定', en: 'Undetermined' },
  },
  decision: { approve: { 'zh-CN': '批准', en: 'Approve' }, reject: { 'zh-CN': '驳回', en: 'Reject' } },
  regime: Object.fromEntries(Object.values(LEGAL_REGIMES).map((r) => [r.id, r.name])),
  reason: {
    testing: { 'zh-CN': '检测', en: 'Testing' },
    appraisal: { 'zh-CN': '鉴定', en: 'Appraisal (鉴定)' },
    customer_unreachable: { 'zh-CN': '无法联系投诉人', en: 'Complainant unreachable' },
  },
};

const CODE_LABELS: Record<string, Labels<string>> = {
  ...WORKSPACE_CODES,
  stage: STAGE_LABELS,
  outcome: OUTCOME_LABELS,
  category: CATEGORY_LABELS,
  grade: GRADE_LABELS,
  type: REMEDY_LABELS,
  deadline: DEADLINE_LABELS,
};

/** The words of each page's own headings, columns and buttons, by page. */
const PAGE_WORDS = {
  approvals: {
    title: { 'zh-CN': '待我审批', en: 'Approvals' },
    amount: { 'zh-CN': '金额', en: 'Amount' },
    tier: { 'zh-CN': '所需审批级别', en: 'Tier needed' },
    approve: { 'zh-CN': '批准', en: 'Approve' },
    refuse: { 'zh-CN': '驳回', en: 'Refuse' },
    reason: { 'zh-CN': '审批意见（必填）', en: 'Reason (required)' },
    none: { 'zh-CN': '没有待审批的方案', en: 'No proposal waits for your approval' },
  },
  team: {
    team: { 'zh-CN': '我的团队', en: 'My team' },
    open: { 'zh-CN': '在办', en: 'Open' },
    breached: { 'zh-CN': '超时', en: 'Breached' },
    oldest: { 'zh-CN': '最早到期', en: 'Oldest due' },
    away: { 'zh-CN': '不在岗', en: 'Away' },
    available: { 'zh-CN': '在岗', en: 'Available' },
    stuck: { 'zh-CN': '停滞或超时的投诉', en: 'Stuck or breached complaints' },
    reassignTo: { 'zh-CN': '转派给', en: 'Reassign to' },
    reason: { 'zh-CN': '转派原因', en: 'Reason' },
    reassign: { 'zh-CN': '转派', en: 'Reassign' },
    workflow: { 'zh-CN': '工作流', en: 'Workflow' },
  },
  retention: {
    title: { 'zh-CN': '个人信息保留期限', en: 'Retention of personal data' },
    kind: { 'zh-CN': '信息类别', en: 'Kind of data' },
    what: { 'zh-CN': '删除内容', en: 'What is erased' },
    keep: { 'zh-CN': '结案后保留', en: 'Kept after closure' },
    copies: { 'zh-CN': '副本', en: 'Copies' },
    runs: { 'zh-CN': '最近的清理', en: 'Last sweeps' },
    runNow: { 'zh-CN': '立即清理', en: 'Run the sweep now' },
    every: { 'zh-CN': '清理周期', en: 'Sweep every' },
    dropKeys: { 'zh-CN': '同时删除联系方式哈希', en: 'Contact hashes erased too' },
    finished: { 'zh-CN': '完成时间', en: 'Finished' },
    complaints: { 'zh-CN': '涉及投诉', en: 'Complaints' },
    erased: { 'zh-CN': '已删除（联系/内容/消息）', en: 'Erased (contact/content/messages)' },
    shredded: { 'zh-CN': '历史已销毁', en: 'Histories shredded' },
    held: { 'zh-CN': '法律保留', en: 'Held' },
    running: { 'zh-CN': '流程未结束', en: 'Still running' },
    expired: { 'zh-CN': '过期副本', en: 'Copies expired' },
    yes: { 'zh-CN': '是', en: 'yes' },
    no: { 'zh-CN': '否', en: 'no' },
  },
  privacy: {
    title: { 'zh-CN': '个人信息请求', en: 'Data requests' },
    card: { 'zh-CN': '个人信息与保留', en: 'Personal data and retention' },
    request: { 'zh-CN': '请求', en: 'Request' },
    kind: { 'zh-CN': '类型', en: 'Kind' },
    status: { 'zh-CN': '状态', en: 'Status' },
    received: { 'zh-CN': '收到', en: 'Received' },
    due: { 'zh-CN': '依法答复期限', en: 'Answer by law' },
    missed: { 'zh-CN': '已逾期', en: 'late' },
    assignee: { 'zh-CN': '处理人', en: 'Assignee' },
    details: { 'zh-CN': '请求人所述', en: 'In their words' },
    correction: { 'zh-CN': '要求更正为', en: 'Correct to' },
    answer: { 'zh-CN': '办理', en: 'Do it' },
    refuse: { 'zh-CN': '拒绝', en: 'Refuse' },
    reason: { 'zh-CN': '理由', en: 'Reason' },
    open: { 'zh-CN': '处理', en: 'Open' },
    exportJson: { 'zh-CN': '导出 JSON', en: 'Export JSON' },
    exportHtml: { 'zh-CN': '导出可读版', en: 'Export page' },
    hold: { 'zh-CN': '法律保留', en: 'Legal hold' },
    noHold: { 'zh-CN': '无法律保留：到期后按保留期限删除个人信息', en: 'No legal hold: personal data is erased when its period ends' },
    placeHold: { 'zh-CN': '设置法律保留', en: 'Place a legal hold' },
    releaseHold: { 'zh-CN': '解除法律保留', en: 'Release the hold' },
    note: { 'zh-CN': '说明', en: 'Note' },
    erased: { 'zh-CN': '已删除', en: 'Erased' },
    nothingErased: { 'zh-CN': '尚未删除任何个人信息', en: 'Nothing erased yet' },
    take: { 'zh-CN': '代为登记个人信息请求', en: 'Take down a data request' },
    requests: { 'zh-CN': '此人的个人信息请求', en: 'This person’s data requests' },
    none: { 'zh-CN': '无', en: 'None' },
  },
  problems: {
    title: { 'zh-CN': '系统性问题', en: 'Systemic problems' },
    new: { 'zh-CN': '登记问题', en: 'Open a problem' },
    edit: { 'zh-CN': '更新', en: 'Update' },
    complaints: { 'zh-CN': '关联投诉', en: 'Complaints' },
    age: { 'zh-CN': '已持续（天）', en: 'Age (days)' },
    title_: { 'zh-CN': '标题', en: 'Title' },
    status: { 'zh-CN': '状态', en: 'Status' },
  },
  reports: {
    title: { 'zh-CN': '报表', en: 'Reports' },
    trend: { 'zh-CN': '趋势', en: 'Trend' },
    stages: { 'zh-CN': '各阶段超时率', en: 'Breach rate by stage' },
    departments: { 'zh-CN': '按部门', en: 'By department' },
    staff: { 'zh-CN': '按处理人', en: 'By handler' },
    hotSpots: { 'zh-CN': '热点', en: 'Hot spots' },
    export: { 'zh-CN': '导出 CSV', en: 'Export CSV' },
    period: { 'zh-CN': '期间', en: 'Period' },
    interval: { 'zh-CN': '粒度', en: 'Interval' },
    show: { 'zh-CN': '查询', en: 'Show' },
    met: { 'zh-CN': '达标', en: 'met' },
    missed: { 'zh-CN': '未达标', en: 'missed' },
    volume: { 'zh-CN': '投诉量', en: 'Volume' },
    legal: { 'zh-CN': '法定期限按期率', en: 'Legal deadlines met on time' },
    regime: { 'zh-CN': '法定期限规则', en: 'Legal regime' },
    onTime: { 'zh-CN': '按期', en: 'On time' },
    late: { 'zh-CN': '逾期', en: 'Late' },
    onTimeRate: { 'zh-CN': '按期率', en: 'On-time rate' },
  },
  workKinds: {
    case: { 'zh-CN': '我负责的投诉', en: 'Case' },
    approval: { 'zh-CN': '待审批', en: 'Approval' },
    visit: { 'zh-CN': '回访', en: 'Follow-up visit' },
    task_force: { 'zh-CN': '专项小组', en: 'Task force' },
  },
} as const satisfies Record<string, Record<string, Record<Locale, string>>>;

type PageWords = typeof PAGE_WORDS;

/** A page's word, or the key itself for a code the page does not know (e.g. a new work kind). */
export function pageWord<P extends keyof PageWords>(page: P, key: string, locale: Locale): string {
  const entry = (PAGE_WORDS[page] as Record<string, Record<Locale, string>>)[key];
  return entry ? entry[locale] : key;
}

/** `w('title')` for the page's words in the person's language. */
export function usePageWords<P extends keyof PageWords>(page: P): (key: keyof PageWords[P] & string) => string {
  const { locale } = useWords();
  return (key) => pageWord(page, key, locale);
}

/** Action names in Chinese (the API document's summaries, in English, name them otherwise). */
const ACTION_NAMES_ZH: Record<string, string> = {
  triage: '分诊',
  regrade: '调整分级',
  resolveOnSpot: '当场解决',
  addEvidence: '补充证据',
  recordFindings: '记录调查结果',
  sendProgressUpdate: '进度通报',
  propose: '提出方案',
  decideApproval: '审批',
  respondToProposal: '代客户答复方案',
  completeExecution: '确认执行',
  rateSatisfaction: '代客户评价',
  recordFollowUp: '记录回访',
  escalate: '升级',
  reassign: '转派',
  addNote: '添加备注',
  revealContact: '查看联系方式',
  withdraw: '撤诉',
  reopen: '重新打开',
  pause: '暂停计时',
  resume: '恢复计时',
  close: '结案',
  stopLegalClock: '中止法定期限',
  resumeLegalClock: '恢复法定期限',
  extendLegalClock: '延长法定期限',
  recordRegulatorAcceptance: '记录监管部门受理',
  reportRemedyUnexecutable: '方案无法执行',
  signOffMajorReview: '签署审核意见',
};

export interface Words {
  locale: Locale;
  t(key: UiKey): string;
  field(name: string): string;
  /** A code in words: `code('stage', 'investigating')`. */
  code(vocabulary: string, value: string): string;
  /** An action's short name in Chinese; in English the caller uses the document's summary. */
  actionName(action: string): string;
}

export function wordsFor(locale: Locale): Words {
  return {
    locale,
    t: (key) => UI[key][locale],
    field: (name) => FIELDS[name]?.[locale] ?? name,
    code: (vocabulary, value) => (CODE_LABELS[vocabulary] ? labelOf(CODE_LABELS[vocabulary], value, locale) : value),
    actionName: (action) => ACTION_NAMES_ZH[action] ?? action,
  };
}

export const WordsContext = createContext<Words>(wordsFor('zh-CN'));
export const useWords = () => useContext(WordsContext);
