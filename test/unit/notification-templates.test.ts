import { CUSTOMER_NOTIFICATION_KINDS, STAFF_NOTIFICATION_KINDS, type NotificationData, type NotificationKind } from '../../domain/notification-kinds';
import { STAGES } from '../../domain/model';
import { escapeHtml, formatAmount, formatOrgTime, normalizeLocale, renderNotification, stageLabel, TEMPLATE_KINDS, TEMPLATE_LOCALES, templateAudience } from '../../notifications/templates';

const ALL_KINDS: NotificationKind[] = [...CUSTOMER_NOTIFICATION_KINDS, ...STAFF_NOTIFICATION_KINDS];
const NUMBER = 'CMP-20261123-000042';
const CJK = /[\u4e00-\u9fff]/;

/** Every value any template reads, as the workflow would send them. */
const FULL: NotificationData = {
  number: NUMBER,
  stage: 'investigating',
  dueAt: '2026-11-30T02:00:00.000Z',
  promisedBy: '2026-11-24T08:00:00.000Z',
  firstResponseDue: '2026-11-24T08:00:00.000Z',
  message: '已为您安排上门检修',
  reason: 'reply deadline missed',
  outcome: 'resolved',
  totalMinor: 15000,
  currency: 'CNY',
  round: 2,
  decision: 'approve',
  deadline: 'reply',
  toLevel: 1,
  ownerRole: 'supervisor',
  task: 'triage',
  grade: 'complex',
  category: 'product_quality',
  clock: 'cn-banking-insurance:decision',
  percent: 80,
};

describe('templates', () => {
  it('exist for every notification kind, with the audience the domain gives it', () => {
    expect(new Set(TEMPLATE_KINDS)).toEqual(new Set(ALL_KINDS));
    for (const kind of CUSTOMER_NOTIFICATION_KINDS) expect(templateAudience(kind)).toBe('customer');
    for (const kind of STAFF_NOTIFICATION_KINDS) expect(templateAudience(kind)).toBe('staff');
  });

  describe.each(ALL_KINDS.flatMap((kind) => TEMPLATE_LOCALES.map((locale) => [kind, locale] as const)))('%s in %s', (kind, locale) => {
    it.each([
      ['only the number and stage', { number: NUMBER, stage: 'investigating' }],
      ['every value', FULL],
    ])('renders subject, text, HTML and summary from %s', (_label, data) => {
      const r = renderNotification(kind, locale, data);
      for (const part of [r.subject, r.text, r.html, r.summary]) expect(part).toContain(NUMBER);
      const stage = locale === 'en' ? 'under investigation' : '调查核实中';
      expect(r.text).toContain(stage);
      expect(r.html).toContain(stage);
      expect(r.html).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>$/);
      expect(r.html).toContain(`lang="${locale}"`);
      expect(r.text).not.toMatch(/undefined|null|NaN|\[object/);
      expect(r.html).not.toMatch(/undefined|null|NaN|\[object/);
      if (locale === 'en') {
        expect(r.subject).not.toMatch(CJK);
        // Only the staff-written message may be Chinese in an English text.
        expect(r.text.replace(String(FULL.message), '')).not.toMatch(CJK);
      } else {
        expect(r.subject).toMatch(CJK);
        expect(r.text).toMatch(CJK);
      }
    });
  });

  it('name every stage in both languages', () => {
    for (const stage of STAGES) {
      expect(stageLabel(stage, 'zh-CN')).toMatch(CJK);
      expect(stageLabel(stage, 'en')).toMatch(/^[a-z][a-z -]+$/);
      expect(renderNotification('progress_update', 'zh-CN', { number: NUMBER, stage }).text).toContain(`当前状态：${stageLabel(stage, 'zh-CN')}`);
      expect(renderNotification('progress_update', 'en', { number: NUMBER, stage }).text).toContain(`Status: ${stageLabel(stage, 'en')}`);
    }
  });

  it('show due dates in the organisation time zone, amounts from minor units and coded values in words', () => {
    const ack = renderNotification('acknowledgement', 'zh-CN', { number: NUMBER, stage: 'acknowledged', promisedBy: '2026-11-24T08:00:00Z' });
    expect(ack.subject).toBe(`您的投诉已受理（编号 ${NUMBER}）`);
    expect(ack.text).toContain('我们将在 2026-11-24 16:00 (UTC+8) 前与您联系。');

    const approval = renderNotification('approval_request', 'en', { number: NUMBER, stage: 'awaiting_approval', totalMinor: 15000, currency: 'CNY' });
    expect(approval.subject).toBe(`[Approval needed] Proposal for complaint ${NUMBER} (150.00 CNY)`);

    const breach = renderNotification('sla_breach', 'zh-CN', { number: NUMBER, stage: 'investigating', deadline: 'reply', dueAt: '2026-11-30T02:00:00Z' });
    expect(breach.subject).toBe(`【已超时】投诉 ${NUMBER}：正式答复已超期`);
    expect(breach.text).toContain('2026-11-30 10:00 (UTC+8)');

    const outcome = renderNotification('outcome', 'zh-CN', { number: NUMBER, stage: 'closed', outcome: 'unresolved', reason: 'no_agreement', externalRoutes: '12315 市场监管投诉热线' });
    expect(outcome.text).toContain('处理结果：未能解决');
    expect(outcome.text).toContain('经多轮协商仍未能就处理方案达成一致');
    expect(outcome.text).toContain('12315 市场监管投诉热线');

    const escalation = renderNotification('escalation_notice', 'en', { number: NUMBER, stage: 'investigating', ownerRole: 'manager' });
    expect(escalation.text).toContain('escalated to a manager');
    const staffEscalation = renderNotification('escalation', 'zh-CN', { number: NUMBER, stage: 'investigating', toLevel: 2 });
    expect(staffEscalation.subject).toBe(`【升级】投诉 ${NUMBER} 已升级至经理`);

    const decision = renderNotification('approval_decision', 'en', { number: NUMBER, stage: 'proposing', decision: 'reject', reason: 'too generous' });
    expect(decision.subject).toBe(`[Approval decision] Complaint ${NUMBER}: proposal rejected`);
    expect(decision.text).toContain('Comment: too generous');
  });

  it('show an unknown code as written instead of dropping it', () => {
    const r = renderNotification('deadline_reminder', 'en', { number: NUMBER, stage: 'some_new_stage', deadline: 'someNewClock' });
    expect(r.text).toContain('some_new_stage');
    expect(r.subject).toContain('someNewClock');
  });

  it('escape every value in HTML, and only there', () => {
    const evil = `<script>alert("x")</script> & 'quotes'`;
    const r = renderNotification('progress_update', 'zh-CN', { number: `${NUMBER}<b>`, stage: 'investigating', message: `${evil}\n第二行` });
    expect(r.html).not.toContain('<script>');
    expect(r.html).not.toContain(`${NUMBER}<b>`);
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;<br>第二行');
    expect(r.html).toContain(`<title>投诉处理进展（编号 ${NUMBER}&lt;b&gt;）</title>`);
    expect(r.text).toContain(evil);
  });
});

describe('formatting', () => {
  it('formats instants in a zone, with its offset at that instant', () => {
    expect(formatOrgTime('2026-11-24T08:00:00Z')).toBe('2026-11-24 16:00 (UTC+8)');
    expect(formatOrgTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30 (UTC+8)');
    expect(formatOrgTime('2026-07-01T12:00:00Z', { timeZone: 'America/New_York' })).toBe('2026-07-01 08:00 (UTC-4)');
    expect(formatOrgTime('2026-01-01T12:00:00Z', { timeZone: 'America/New_York' })).toBe('2026-01-01 07:00 (UTC-5)');
    expect(formatOrgTime('2026-01-01T12:00:00Z', { timeZone: 'Asia/Kolkata' })).toBe('2026-01-01 17:30 (UTC+5:30)');
    expect(formatOrgTime('2026-01-01T12:00:00Z', { timeZone: 'UTC' })).toBe('2026-01-01 12:00 (UTC+0)');
    expect(formatOrgTime('2026-11-24T08:00:00Z', { timeZoneLabel: '北京时间' })).toBe('2026-11-24 16:00 (北京时间)');
    expect(formatOrgTime('next Tuesday')).toBe('next Tuesday');
  });

  it('formats amounts from integer minor units', () => {
    expect(formatAmount(15000, 'CNY')).toBe('150.00 CNY');
    expect(formatAmount(5, 'cny')).toBe('0.05 CNY');
    expect(formatAmount(123456789, 'CNY')).toBe('1,234,567.89 CNY');
    expect(formatAmount(-2000, 'USD')).toBe('-20.00 USD');
    expect(formatAmount(1500, 'JPY')).toBe('1,500 JPY');
  });

  it('maps locales to a template language', () => {
    expect(normalizeLocale('en')).toBe('en');
    expect(normalizeLocale('en-GB')).toBe('en');
    expect(normalizeLocale('zh-CN')).toBe('zh-CN');
    expect(normalizeLocale('zh-TW')).toBe('zh-CN');
    expect(normalizeLocale('fr')).toBe('zh-CN');
    expect(normalizeLocale(undefined)).toBe('zh-CN');
    expect(normalizeLocale('eng')).toBe('zh-CN');
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('no contradiction between asking for an answer and the footer', () => {
  const everything = { number: 'CMP-20261124-000001', stage: 'negotiating', message: '方案', totalMinor: 10000, currency: 'CNY', round: 1, dueAt: '2026-12-01T10:00:00Z', promisedBy: '2026-11-25T10:00:00Z', replyBy: '2026-12-03T10:00:00Z', trackingUrl: 'http://localhost:3000/track/CMP-20261124-000001#x', deadline: 'customerResponse', outcome: 'resolved', reason: 'no_response', ownerRole: 'supervisor', toLevel: 1, decision: 'approve', task: 'triage', grade: 'complex', category: 'other', event: 'reopened' };
  it.each(TEMPLATE_KINDS.flatMap((kind) => (['zh-CN', 'en'] as const).map((locale) => [kind, locale] as const)))('%s (%s) never says "reply to this message" while the footer says not to', (kind, locale) => {
    const { text } = renderNotification(kind, locale, everything);
    expect(text).not.toMatch(/请回复|请直接回复|please reply|reply to this (e-?mail|message)/i);
  });
  it('the acknowledgement names the first contact, the reply-by date and the tracking link', () => {
    const zh = renderNotification('acknowledgement', 'zh-CN', everything).text;
    expect(zh).toContain('2026-11-25 18:00 (UTC+8)');
    expect(zh).toContain('2026-12-03 18:00 (UTC+8)');
    expect(zh).toContain(everything.trackingUrl);
    const en = renderNotification('acknowledgement', 'en', everything).text;
    expect(en).toContain('Formal reply by');
    expect(en).toContain(everything.trackingUrl);
  });
});
