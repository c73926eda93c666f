import type { LegalRegime } from './types';

/** A dispute sent to the company through the 12315 platform's online dispute resolution (ODR) window. */
export const CN_12315_ODR: LegalRegime = {
  id: 'cn-12315-odr',
  name: { 'zh-CN': '全国12315平台在线消费纠纷解决（ODR）', en: '12315 online dispute resolution (ODR)' },
  requires: { regulatorReference: true, regulatorDueDate: false },
  versions: [
    {
      effectiveFrom: '2020-01-01',
      source: {
        law: '全国12315平台在线消费纠纷解决（ODR）单位 processing rules (市场监管总局)',
        articles: 'The ODR unit handles a dispute within 10 working days of receiving it',
        verify: 'The window is set by the platform’s rules for ODR units, not by a numbered article; check the rules in force on the platform.',
      },
      clocks: [
        {
          id: 'odrWindow',
          label: { 'zh-CN': 'ODR 处理期限', en: 'ODR handling window' },
          startsAt: 'received',
          period: { length: 10, unit: 'workingDays' },
          kind: 'binding',
          stoppableFor: [],
          extensions: [],
          endsOn: ['reply_sent', 'withdrawn', 'closed'],
        },
      ],
    },
  ],
};
