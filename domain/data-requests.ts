/**
 * A person's requests about their personal data (个人信息保护法 Art. 44–47, Art. 50): one typed
 * entry per kind, read by the API (what an answer must carry), the workflow (its clock) and the pages.
 * Each request runs the `cn-personal-information` legal regime's clock (15 working days) in a
 * workflow of its own (`workflows/data-request.ts`): a warning before it runs out and a miss recorded
 * and told if it does.
 */
export const DATA_REQUEST_KINDS = {
  access: {
    label: { 'zh-CN': '查阅', en: 'Access' },
    article: 'PIPL Art. 45',
    answer: 'An export of everything the service holds about the person, readable (HTML) and as JSON.',
  },
  copy: {
    label: { 'zh-CN': '复制', en: 'Copy' },
    article: 'PIPL Art. 45',
    answer: 'The same export, for the person to keep.',
  },
  correction: {
    label: { 'zh-CN': '更正', en: 'Correction' },
    article: 'PIPL Art. 46',
    answer: 'The corrected name, phone or e-mail, on every complaint of the person.',
  },
  deletion: {
    label: { 'zh-CN': '删除', en: 'Deletion' },
    article: 'PIPL Art. 47',
    answer: 'The person’s data erased from every complaint, as the retention sweep would; refused only with a reason (a legal hold).',
  },
} as const satisfies Record<string, { label: { 'zh-CN': string; en: string }; article: string; answer: string }>;
export type DataRequestKind = keyof typeof DATA_REQUEST_KINDS;
export const DATA_REQUEST_KIND_NAMES = Object.keys(DATA_REQUEST_KINDS) as [DataRequestKind, ...DataRequestKind[]];

/** `open` until answered; `answered` (done as asked) or `refused` (with a reason). */
export const DATA_REQUEST_STATUSES = ['open', 'answered', 'refused'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

/** Request ids: `PIR-YYYYMMDD-NNNNNN` (personal-information request). */
export const DATA_REQUEST_ID = /^PIR-\d{8}-\d{6}$/;

/** The legal regime whose `answer` clock a request runs (domain/legal-regimes/cn-personal-information.ts). */
export const DATA_REQUEST_REGIME = 'cn-personal-information' as const;
export const DATA_REQUEST_CLOCK = 'answer' as const;

/** What a request's workflow is started with: no personal data (the request's words stay in PostgreSQL). */
export interface DataRequestWorkflowInput {
  id: string;
  kind: DataRequestKind;
  complaintNumber: string;
  assigneeId: string;
  /** Epoch ms: the end of the last day to answer, and the moments to warn before it. */
  dueAtMs: number;
  warnAtMs: number[];
  /** Who is told of a miss besides the assignee: compliance contacts (the policy's), else the managers. */
  escalateTo: { type: 'staff'; id: string }[] | { type: 'role'; role: 'manager' };
}

/** What the answer update carries to the workflow (the work itself is done by the API first). */
export interface DataRequestAnswer {
  status: Exclude<DataRequestStatus, 'open'>;
  answeredBy: string;
  answeredAtMs: number;
  /** How long the export stays downloadable (the retention policy's `copies.requestExports`). */
  exportKeepMs?: number;
  /** A correction's new keyed contact hashes (the API holds the key), so repeat detection follows the corrected contact. */
  correctionKeys?: { phoneKey?: string | null; emailKey?: string | null };
}
