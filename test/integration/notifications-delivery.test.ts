/**
 * Delivery against real receivers: an SMTP server and an HTTP server on loopback. Covers "arrives
 * once" (acceptance 1), "a retry after a crash between sending and recording does not send twice"
 * (acceptance 2) and "a refusing or absent SMTP server: retried, then failed with the reason"
 * (acceptance 3) at the level of the `deliver` calls the activity makes.
 */
import { openDatabase } from '../../db/client';
import { createNotificationService, listForComplaint, listInbox, messageIdFor, verifyWebhookSignature, type EmailTransport } from '../../notifications';
import { createSmtpTransport } from '../../notifications/transports';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { acknowledgement, CUSTOMER_EMAIL, CUSTOMER_PHONE, enqueue, eventFor, insertComplaint, insertStaff, outboxRow, staffMember } from '../support/notification-fixtures';
import { freePort, startHttpReceiver, startSmtpSink, type HttpReceiver, type SmtpSink } from '../support/notification-servers';

const SECRET = 'test-webhook-secret-0123456789';
const FROM = '投诉服务 <complaints@example.com>';

let database: TestDatabase;
let smtp: SmtpSink;
let receiver: HttpReceiver;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpSink();
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await smtp?.close();
  await receiver?.close();
  await database?.close();
});
beforeEach(() => {
  smtp.behaviour = 'accept';
  smtp.messages.length = 0;
  smtp.rcptAttempts = 0;
  receiver.respondWith = 204;
  receiver.requests.length = 0;
});

function service(overrides: Partial<Parameters<typeof createNotificationService>[0]> = {}) {
  return createNotificationService({
    db: database.db,
    smtpUrl: smtp.url,
    emailFrom: FROM,
    webhookSecret: SECRET,
    customerSmsWebhookUrl: `${receiver.url}/sms`,
    smtpTimeoutMs: 5_000,
    webhookTimeoutMs: 1_000,
    ...overrides,
  });
}

function channelOf(id: string): string {
  return id.slice(id.lastIndexOf(':') + 1);
}

describe('a customer acknowledgement over every channel', () => {
  it('arrives once by e-mail (in Chinese, with the number), once by signed webhook, and in the inbox', async () => {
    const notifications = service();
    const number = await insertComplaint(database.db, { customerId: 'cust-0001' });
    const event = eventFor(number);
    const ids = await enqueue(database.db, notifications, event, [acknowledgement(number)]);
    expect(ids.map(channelOf).sort()).toEqual(['email', 'webhook']);
    const emailId = ids.find((id) => channelOf(id) === 'email')!;
    const webhookId = ids.find((id) => channelOf(id) === 'webhook')!;
    expect(emailId).toBe(`${event.eventId}:acknowledgement:customer:cust-0001:email`);

    for (const id of ids) expect(await notifications.deliver(id, 1, 5)).toEqual({ status: 'sent' });
    // The activity retried after it had already recorded success (e.g. its completion was lost).
    for (const id of ids) expect(await notifications.deliver(id, 2, 5)).toEqual({ status: 'sent' });

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.envelopeTo).toEqual([CUSTOMER_EMAIL]);
    expect(mail.envelopeFrom).toBe('complaints@example.com');
    expect(mail.parsed.from).toContain('投诉服务');
    expect(mail.parsed.subject).toBe(`您的投诉已受理（编号 ${number}）`);
    expect(mail.parsed.messageId).toBe(messageIdFor(emailId, FROM));
    expect(mail.parsed.headers.get('x-notification-id')).toBe(emailId);
    expect(mail.parsed.text).toContain(`投诉编号为 ${number}`);
    expect(mail.parsed.text).toContain('我们将在 2026-11-24 16:00 (UTC+8) 前与您联系');
    expect(mail.parsed.html).toContain(`<td style="padding:4px 12px 4px 0;vertical-align:top">${number}</td>`);
    expect(mail.parsed.html).toContain('lang="zh-CN"');

    expect(receiver.requests).toHaveLength(1);
    const hook = receiver.requests[0]!;
    expect(hook.path).toBe('/sms');
    expect(hook.headers['x-notification-id']).toBe(webhookId);
    expect(
      verifyWebhookSignature(SECRET, { signature: hook.headers['x-complaints-signature'] as string, timestamp: hook.headers['x-complaints-timestamp'] as string }, hook.body),
    ).toBe(true);
    expect(verifyWebhookSignature('another-secret-0123456789', { signature: hook.headers['x-complaints-signature'] as string, timestamp: hook.headers['x-complaints-timestamp'] as string }, hook.body)).toBe(false);
    const payload = JSON.parse(hook.body) as Record<string, unknown>;
    expect(payload).toMatchObject({ id: webhookId, kind: 'acknowledgement', complaintNumber: number, locale: 'zh-CN', to: CUSTOMER_PHONE, recipient: { type: 'customer', id: 'cust-0001' } });
    expect(payload.text).toContain(number);

    const inbox = await listInbox(database.db, { recipientType: 'customer', recipientId: 'cust-0001' });
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ complaintNumber: number, kind: 'acknowledgement', subject: `您的投诉已受理（编号 ${number}）`, read: false });
    expect(inbox.unreadCount).toBe(1);

    const status = await listForComplaint(database.db, number);
    expect(status.map((s) => [s.channel, s.status, s.attempts])).toEqual(
      expect.arrayContaining([
        ['email', 'sent', 1],
        ['webhook', 'sent', 1],
        ['in_app', 'sent', 0],
      ]),
    );
    // The outbox holds no contact data: addresses are looked up when sending.
    const stored = JSON.stringify(await Promise.all(ids.map((id) => outboxRow(database.db, id))));
    expect(stored).not.toContain(CUSTOMER_EMAIL);
    expect(stored).not.toContain(CUSTOMER_PHONE);
  });

  it('sends a staff member an English e-mail and a signed chat webhook when that is their locale', async () => {
    await insertStaff(database.db, [staffMember('en-agent', { locale: 'en', webhookUrl: `${receiver.url}/im/en-agent` })]);
    const notifications = service();
    const number = await insertComplaint(database.db);
    const ids = await enqueue(database.db, notifications, eventFor(number), [{ kind: 'assignment', to: { type: 'staff', id: 'en-agent' }, data: { number, stage: 'acknowledged', task: 'triage' } }]);
    for (const id of ids) expect(await notifications.deliver(id, 1, 3)).toEqual({ status: 'sent' });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.envelopeTo).toEqual(['en-agent@staff.example.com']);
    expect(smtp.messages[0]!.parsed.subject).toBe(`[New task] Complaint ${number}`);
    expect(smtp.messages[0]!.parsed.text).toContain('triage: confirm category');
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.path).toBe('/im/en-agent');
    expect(JSON.parse(receiver.requests[0]!.body)).not.toHaveProperty('to');
  });
});

describe('a retry after a crash between sending and recording', () => {
  it('does not send again when the transport failed after the message left', async () => {
    const real = createSmtpTransport(smtp.url, { from: FROM });
    let calls = 0;
    const crashing: EmailTransport = {
      description: 'crashes after sending',
      async send(mail) {
        calls += 1;
        await real.send(mail);
        throw new Error('worker lost its connection right after sending');
      },
    };
    const notifications = service({ emailTransport: crashing });
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [id] = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);

    expect(await notifications.deliver(id!, 1, 5)).toEqual({ status: 'unconfirmed' });
    expect(await notifications.deliver(id!, 2, 5)).toEqual({ status: 'unconfirmed' });
    expect(calls).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    const row = await outboxRow(database.db, id!);
    expect(row).toMatchObject({ status: 'unconfirmed', attempts: 1 });
    expect(row.lastError).toContain('outcome unknown');
  });

  it('does not send again when the process died before it could record the send', async () => {
    // A worker of its own whose database goes away right after the message left: the "sent"
    // update never happens and the activity fails, as it would if the process had died there.
    const doomed = openDatabase(database.url, { max: 2 });
    const real = createSmtpTransport(smtp.url, { from: FROM });
    const crashingWorker = createNotificationService({
      db: doomed.db,
      emailTransport: {
        description: 'database lost after sending',
        async send(mail) {
          const result = await real.send(mail);
          await doomed.close();
          return result;
        },
      },
    });
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [id] = await enqueue(database.db, service(), eventFor(number), [acknowledgement(number)]);

    await expect(crashingWorker.deliver(id!, 1, 5)).rejects.toThrow();
    expect(await outboxRow(database.db, id!)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(smtp.messages).toHaveLength(1);

    // Temporal retries the activity on a healthy worker.
    expect(await service().deliver(id!, 2, 5)).toEqual({ status: 'unconfirmed' });
    expect(await service().deliver(id!, 3, 5)).toEqual({ status: 'unconfirmed' });
    expect(smtp.messages).toHaveLength(1);
    const row = await outboxRow(database.db, id!);
    expect(row.status).toBe('unconfirmed');
    expect(row.lastError).toMatch(/interrupted while sending.*not sent again/);
  });

  it('sends once when two attempts race for the same notification', async () => {
    const notifications = service();
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [id] = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    const results = await Promise.all([notifications.deliver(id!, 1, 5), notifications.deliver(id!, 1, 5), notifications.deliver(id!, 1, 5)]);
    expect(results.map((r) => r.status)).toContain('sent');
    expect(smtp.messages).toHaveLength(1);
    expect(await outboxRow(database.db, id!)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('marks a message unconfirmed when the SMTP server hangs up after taking the whole body', async () => {
    smtp.behaviour = 'drop-after-data';
    const notifications = service();
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [id] = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    expect(await notifications.deliver(id!, 1, 5)).toEqual({ status: 'unconfirmed' });
    smtp.behaviour = 'accept';
    expect(await notifications.deliver(id!, 2, 5)).toEqual({ status: 'unconfirmed' });
    expect(smtp.messages).toHaveLength(1);
  });

  it('marks a webhook unconfirmed when the receiver took the request but never answered', async () => {
    receiver.respondWith = 'hang';
    await insertStaff(database.db, [staffMember('hook-only', { email: null, webhookUrl: `${receiver.url}/im/hook-only`, preferences: { channels: ['webhook'] } })]);
    const notifications = service();
    const number = await insertComplaint(database.db);
    const [id] = await enqueue(database.db, notifications, eventFor(number), [{ kind: 'sla_breach', to: { type: 'staff', id: 'hook-only' }, data: { number, stage: 'investigating', deadline: 'reply', dueAt: '2026-12-01T10:00:00Z', level: 0 } }]);
    expect(await notifications.deliver(id!, 1, 5)).toEqual({ status: 'unconfirmed' });
    receiver.respondWith = 204;
    expect(await notifications.deliver(id!, 2, 5)).toEqual({ status: 'unconfirmed' });
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('an SMTP server that refuses or is down', () => {
  it.each([
    ['refuses the recipient', 'refuse-rcpt' as const, /550/],
    ['refuses the message', 'refuse-data' as const, /550.*spam/],
  ])('%s: retried up to the limit, then failed with the reason', async (_label, behaviour, reason) => {
    smtp.behaviour = behaviour;
    const notifications = service();
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [id] = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);

    await expect(notifications.deliver(id!, 1, 3)).rejects.toThrow(/attempt 1 of 3 failed/);
    expect(await outboxRow(database.db, id!)).toMatchObject({ status: 'retrying', attempts: 1 });
    await expect(notifications.deliver(id!, 2, 3)).rejects.toThrow(/attempt 2 of 3 failed/);
    // The last attempt records the failure and returns: the activity completes, nothing waits on it.
    expect(await notifications.deliver(id!, 3, 3)).toEqual({ status: 'failed' });

    expect(smtp.rcptAttempts).toBe(3);
    expect(smtp.messages).toHaveLength(0);
    const row = await outboxRow(database.db, id!);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row.lastError).toMatch(reason);
    expect(row.lastError).toContain('gave up after attempt 3 of 3');
    // The server echoed the address back; the stored reason does not.
    expect(row.lastError).not.toContain(CUSTOMER_EMAIL);
    // Nothing more happens once it has failed.
    expect(await notifications.deliver(id!, 4, 3)).toEqual({ status: 'failed' });
  });

  it('is down: retried up to the limit, then failed with the connection error', async () => {
    const closedPort = await freePort();
    const notifications = service({ smtpUrl: `smtp://127.0.0.1:${closedPort}` });
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [id] = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    await expect(notifications.deliver(id!, 1, 2)).rejects.toThrow(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(await notifications.deliver(id!, 2, 2)).toEqual({ status: 'failed' });
    const row = await outboxRow(database.db, id!);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
  });

  it('comes back: a later attempt delivers the message once', async () => {
    smtp.behaviour = 'refuse-rcpt';
    const notifications = service();
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [id] = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    await expect(notifications.deliver(id!, 1, 5)).rejects.toThrow();
    smtp.behaviour = 'accept';
    expect(await notifications.deliver(id!, 2, 5)).toEqual({ status: 'sent' });
    expect(smtp.messages).toHaveLength(1);
    const row = await outboxRow(database.db, id!);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('webhook answering 5xx is retried like an SMTP refusal', async () => {
    receiver.respondWith = 503;
    await insertStaff(database.db, [staffMember('hook-503', { email: null, webhookUrl: `${receiver.url}/im/hook-503`, preferences: { channels: ['webhook'] } })]);
    const notifications = service();
    const number = await insertComplaint(database.db);
    const [id] = await enqueue(database.db, notifications, eventFor(number), [{ kind: 'escalation', to: { type: 'staff', id: 'hook-503' }, data: { number, stage: 'investigating', fromLevel: 0, toLevel: 1, ownerRole: 'supervisor', assigneeId: 'hook-503', reason: 'reply deadline missed' } }]);
    await expect(notifications.deliver(id!, 1, 3)).rejects.toThrow(/HTTP 503/);
    receiver.respondWith = 200;
    expect(await notifications.deliver(id!, 2, 3)).toEqual({ status: 'sent' });
    expect(receiver.requests).toHaveLength(2);
    // Both requests carried the same id, so a receiver can tell the retry from a new notification.
    expect(new Set(receiver.requests.map((r) => r.headers['x-notification-id']))).toEqual(new Set([id]));
  });
});

describe('without SMTP_URL (local use)', () => {
  it('keeps the e-mail in the outbox, marked as such, and says so', async () => {
    const notifications = createNotificationService({ db: database.db });
    expect(notifications.describe()).toContain('e-mail: SMTP_URL not set, e-mails are kept in the in-app outbox');
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [id] = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    expect(await notifications.deliver(id!, 1, 5)).toEqual({ status: 'sent' });
    expect(smtp.messages).toHaveLength(0);
    const row = await outboxRow(database.db, id!);
    expect(row).toMatchObject({ status: 'sent', channel: 'email' });
    expect(row.lastError).toBe('SMTP not configured: kept in outbox, not sent');
    expect(row.bodyText).toContain(number);
  });
});

describe('rows that cannot be delivered', () => {
  it('fails at once, without retrying, when the recipient no longer has an address', async () => {
    await insertStaff(database.db, [staffMember('leaver')]);
    const notifications = service();
    const number = await insertComplaint(database.db);
    const [id] = await enqueue(database.db, notifications, eventFor(number), [{ kind: 'follow_up_task', to: { type: 'staff', id: 'leaver' }, data: { number, stage: 'follow_up' } }]);
    await database.pool.query(`update staff set active = false where id = 'leaver'`);
    expect(await notifications.deliver(id!, 1, 5)).toEqual({ status: 'failed' });
    expect((await outboxRow(database.db, id!)).lastError).toMatch(/no e-mail address/);
  });

  it('refuses an id that is not in the outbox, as non-retryable', async () => {
    await expect(service().deliver('CMP-nope:1:acknowledgement:customer:x:email', 1, 5)).rejects.toMatchObject({ type: 'NotificationNotFound', nonRetryable: true });
  });
});
