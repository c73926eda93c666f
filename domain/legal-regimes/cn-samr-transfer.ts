import type { LegalRegime } from './types';

/**
 * A complaint transferred by a market regulation department (12315 hotline or platform, 市场监管部门
 * 转办). The company's clock is the reply date the regulator sets in the transfer; the regulator's
 * own periods are shown beside it so the handler knows where the regulator stands.
 */
export const CN_SAMR_TRANSFER: LegalRegime = {
  id: 'cn-samr-transfer',
  name: { 'zh-CN': '市场监管部门转办投诉', en: 'Complaint transferred by the market regulator' },
  requires: { regulatorReference: true, regulatorDueDate: true },
  versions: [
    {
      effectiveFrom: '2022-03-24',
      source: {
        law: '市场监督管理投诉举报处理暂行办法 (SAMR Order No. 20 of 2019, as amended by Order No. 61 of 2022)',
        articles: 'Art. 20 (acceptance within 7 working days of receipt); Art. 34 (mediation within 45 working days of acceptance; testing, inspection and appraisal time not counted)',
        verify:
          'These interim measures were replaced by a new order effective 2026-04-15. The periods below follow the 2022 text; check the new order before relying on them for complaints received from that date.',
      },
      clocks: [
        {
          id: 'regulatorReply',
          label: { 'zh-CN': '监管部门要求的答复日期', en: 'Reply date set by the regulator' },
          startsAt: 'received',
          dueDateGiven: true,
          kind: 'binding',
          stoppableFor: [],
          extensions: [],
          endsOn: ['reply_sent', 'withdrawn', 'closed'],
        },
        {
          id: 'regulatorAcceptance',
          label: { 'zh-CN': '监管部门受理期限', en: "Regulator's acceptance period" },
          startsAt: 'received',
          period: { length: 7, unit: 'workingDays' },
          kind: 'context',
          stoppableFor: [],
          extensions: [],
          endsOn: ['withdrawn', 'closed'],
        },
        {
          id: 'regulatorMediation',
          label: { 'zh-CN': '监管部门调解期限', en: "Regulator's mediation period" },
          startsAt: 'regulator_acceptance',
          period: { length: 45, unit: 'workingDays' },
          kind: 'context',
          stoppableFor: ['testing', 'appraisal'],
          extensions: [],
          endsOn: ['withdrawn', 'closed'],
        },
      ],
    },
  ],
};
