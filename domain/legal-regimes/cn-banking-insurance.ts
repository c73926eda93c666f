import type { LegalRegime } from './types';

/** A consumer complaint to a bank or an insurer. */
export const CN_BANKING_INSURANCE: LegalRegime = {
  id: 'cn-banking-insurance',
  name: { 'zh-CN': '银行业保险业消费投诉', en: 'Banking and insurance consumer complaint' },
  requires: { regulatorReference: false, regulatorDueDate: false },
  versions: [
    {
      effectiveFrom: '2020-03-01',
      source: {
        law: '银行业保险业消费投诉处理管理办法 (CBIRC Order No. 3 of 2020)',
        articles: 'Art. 21: decide and tell the complainant within 15 days of receipt; up to 30 days when complex; a further 30 days when especially complex, approved by a senior officer and the complainant told',
        verify: 'Check the article number and whether the regulator (now NFRA) has amended the periods.',
      },
      clocks: [
        {
          id: 'decision',
          label: { 'zh-CN': '作出处理决定并告知投诉人', en: 'Decide and tell the complainant' },
          startsAt: 'received',
          period: { length: 15, unit: 'calendarDays' },
          kind: 'binding',
          stoppableFor: [],
          extensions: [
            {
              id: 'complex',
              label: { 'zh-CN': '情况复杂，延长至30日', en: 'Complex: extended to 30 days' },
              adds: { length: 15, unit: 'calendarDays' },
              approvedBy: 'handler',
              customerMustBeTold: true,
            },
            {
              id: 'special',
              label: { 'zh-CN': '情况特别复杂，经高级管理人员审批再延长30日', en: 'Especially complex: a further 30 days, approved by a senior officer' },
              adds: { length: 30, unit: 'calendarDays' },
              approvedBy: 'senior',
              customerMustBeTold: true,
              after: ['complex'],
            },
          ],
          endsOn: ['decision_told', 'withdrawn', 'closed'],
        },
      ],
    },
  ],
};
