/** The pure parts of the notification subsystem: privacy filters, signatures, channels, config. */
import { loadNotificationConfig } from '../../notifications';
import { containsContactData, redactContactData, sanitizeErrorText } from '../../notifications/privacy';
import { customerRecipientId, staffChannels } from '../../notifications/recipients';
import { messageIdFor, signWebhook, verifyWebhookSignature } from '../../notifications/transports';
import { notificationId } from '../../notifications/outbox';

describe('contact data filter', () => {
  it.each([
    ['请回电 13800138000', '请回电 [***]'],
    ['+86 138-0013-8000 或 +86 13800138000', '[***] 或 [***]'],
    ['座机 010-12345678，0755 88889999', '座机 [***]，[***]'],
    ['mail li.si@example.com.cn.', 'mail [***].'],
    ['UK +44 20 7946 0958', 'UK [***]'],
  ])('removes %s', (input, expected) => {
    expect(redactContactData(input)).toBe(expected);
    expect(containsContactData(redactContactData(input))).toBe(false);
  });

  it.each(['CMP-20261123-000042', 'order SO-2026112300001', '金额 150.00 CNY', '12315 热线', '400-820-8820', '2026-11-24 16:00 (UTC+8)'])('keeps %s', (input) => {
    expect(redactContactData(input)).toBe(input);
  });

  it('removes known values in whatever form they were entered', () => {
    expect(redactContactData('call (0)20 7946-0958 x12', ['(0)20 7946-0958 x12'])).toBe('call [***]');
  });

  it('cleans error texts of addresses and URLs and keeps them short', () => {
    const text = sanitizeErrorText('550 <a.b@example.com> rejected by https://hooks.example.com/T0/secret-token\n  retry later'.padEnd(800, '.'));
    expect(text).toMatch(/^550 <\[\*\*\*\]> rejected by \[url\] retry later/);
    expect(text.length).toBeLessThanOrEqual(500);
  });
});

describe('webhook signatures', () => {
  const secret = 'a-secret-of-enough-length';
  const body = JSON.stringify({ id: 'n1', text: '您好' });

  it('are an HMAC-SHA256 of "<timestamp>.<body>"', () => {
    // printf '%s' '1700000000.{"id":"n1","text":"您好"}' | openssl dgst -sha256 -hmac a-secret-of-enough-length
    expect(signWebhook(secret, '1700000000', body)).toBe('sha256=b36a8f3a5963d9512d17d1a7fdb7e8e52662476781f97d8e53ad6c47cd56adcf');
    expect(signWebhook(secret, '1700000000', body)).not.toBe(signWebhook(secret, '1700000001', body));
  });

  it('verify only with the right secret, body and a fresh timestamp', () => {
    const now = 1_700_000_000_000;
    const timestamp = String(now / 1000);
    const signature = signWebhook(secret, timestamp, body);
    expect(verifyWebhookSignature(secret, { signature, timestamp }, body, { now })).toBe(true);
    expect(verifyWebhookSignature('another-secret-value!!', { signature, timestamp }, body, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, { signature, timestamp }, `${body} `, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, { signature, timestamp }, body, { now: now + 301_000 })).toBe(false);
    expect(verifyWebhookSignature(secret, { signature: 'sha256=00', timestamp }, body, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, { timestamp }, body, { now })).toBe(false);
  });
});

describe('identities', () => {
  it('make notification ids from what the notification is', () => {
    expect(notificationId('CMP-1:3', 'assignment', 'staff', 'agent-1', 'email')).toBe('CMP-1:3:assignment:staff:agent-1:email');
    expect(customerRecipientId('CMP-1', null)).toBe('customer:CMP-1');
    expect(customerRecipientId('CMP-1', 'cust-9')).toBe('cust-9');
  });

  it('give each notification one stable, valid Message-ID', () => {
    const id = messageIdFor('CMP-1:3:acknowledgement:customer:customer:CMP-1:email', '投诉服务 <complaints@shop.example.cn>');
    expect(id).toMatch(/^<notification\.[0-9a-f]{40}@shop\.example\.cn>$/);
    expect(messageIdFor('CMP-1:3:acknowledgement:customer:customer:CMP-1:email', 'complaints@shop.example.cn')).toBe(id);
    expect(messageIdFor('CMP-1:4:acknowledgement:customer:customer:CMP-1:email', 'complaints@shop.example.cn')).not.toBe(id);
  });
});

describe('staff channels', () => {
  const base = { email: 'a@example.com', webhookUrl: 'https://im.example.com/a', preferences: {}, active: true };
  it.each([
    ['no preference', {}, ['in_app', 'email', 'webhook']],
    ['no preference, no addresses', { email: null, webhookUrl: null }, ['in_app']],
    ['e-mail only', { preferences: { channels: ['email' as const] } }, ['email']],
    ['in-app and webhook', { preferences: { channels: ['webhook' as const, 'in_app' as const] } }, ['in_app', 'webhook']],
    ['nothing usable', { email: null, preferences: { channels: ['email' as const] } }, ['in_app']],
    ['an empty list', { preferences: { channels: [] } }, ['in_app']],
    ['inactive', { active: false }, ['in_app']],
  ])('%s', (_label, overrides, expected) => {
    expect(staffChannels({ ...base, ...overrides })).toEqual(expected);
  });
});

describe('configuration', () => {
  it('runs without SMTP and says so', () => {
    const config = loadNotificationConfig({});
    expect(config.smtpUrl).toBeUndefined();
    expect(config.describe()).toContain('e-mail: SMTP_URL not set, e-mails are kept in the in-app outbox');
    expect(config.describe()).toContain('webhooks: WEBHOOK_SECRET not set');
    expect(config.describe()).toContain('times in Asia/Shanghai');
  });

  it('describes SMTP without its credentials and the SMS gateway without its path', () => {
    const config = loadNotificationConfig({
      SMTP_URL: 'smtp://mailer:hunter2@mail.example.com:587',
      WEBHOOK_SECRET: 'x'.repeat(32),
      CUSTOMER_SMS_WEBHOOK_URL: 'https://sms.example.com/send?token=abc',
      ORG_TIME_ZONE: 'Asia/Hong_Kong',
    });
    const line = config.describe();
    expect(line).toContain('e-mail: SMTP smtp://mail.example.com:587');
    expect(line).toContain('webhooks: signed with WEBHOOK_SECRET');
    expect(line).toContain('customer SMS gateway: https://sms.example.com');
    expect(line).toContain('times in Asia/Hong_Kong');
    for (const secret of ['hunter2', 'mailer', 'token=abc', 'x'.repeat(32)]) expect(line).not.toContain(secret);
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.com' }, /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    [{ SMTP_URL: 'not a url' }, /SMTP_URL is not a valid URL/],
    [{ WEBHOOK_SECRET: 'short' }, /WEBHOOK_SECRET must be at least 16/],
    [{ ORG_TIME_ZONE: 'Mars/Olympus' }, /ORG_TIME_ZONE "Mars\/Olympus" is not a known time zone/],
    [{ CUSTOMER_SMS_WEBHOOK_URL: 'ftp://sms' }, /CUSTOMER_SMS_WEBHOOK_URL must start with/],
    [{ NOTIFY_WEBHOOK_TIMEOUT_MS: '0' }, /NOTIFY_WEBHOOK_TIMEOUT_MS must be a positive integer/],
  ])('rejects %j at start-up', (env, message) => {
    expect(() => loadNotificationConfig(env)).toThrow(message);
  });
});
