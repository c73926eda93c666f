import type { LegalRegime } from './types';

/** A person's request about their personal information (access, copy, correction, deletion). */
export const CN_PERSONAL_INFORMATION: LegalRegime = {
  id: 'cn-personal-information',
  name: { 'zh-CN': '个人信息权利请求', en: 'Personal-information request' },
  requires: { regulatorReference: false, regulatorDueDate: false },
  versions: [
    {
      effectiveFrom: '2021-11-01',
      source: {
        law: '个人信息保护法 (Personal Information Protection Law); App违法违规收集使用个人信息行为认定方法 (2019)',
        articles: 'PIPL Art. 44–47 (the rights), Art. 50 (a mechanism to accept and handle requests); the 2019 determination method sets 15 working days where no shorter time is promised',
        verify: 'PIPL sets no number of days; the 15 working days come from the 2019 determination method for apps. Check sector rules that may set a shorter time.',
      },
      clocks: [
        {
          id: 'answer',
          label: { 'zh-CN': '答复个人信息请求', en: 'Answer the request' },
          startsAt: 'received',
          period: { length: 15, unit: 'workingDays' },
          kind: 'binding',
          stoppableFor: [],
          extensions: [],
          endsOn: ['request_answered', 'withdrawn', 'closed'],
        },
      ],
    },
  ],
};
