/**
 * What `enqueue` writes: one row per recipient and channel, chosen from the complaint and the staff
 * directory, rendered in the recipient's language, free of contact data, and idempotent.
 */
import { sql } from 'drizzle-orm';
import { notifications as outbox } from '../../db/schema';
import { CUSTOMER_NOTIFICATION_KINDS, STAFF_NOTIFICATION_KINDS, type NotificationRequest } from '../../domain/notification-kinds';
import { createNotificationService } from '../../notifications';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { acknowledgement, CUSTOMER_EMAIL, CUSTOMER_PHONE, enqueue, eventFor, insertComplaint, insertStaff, outboxRowsOf, staffMember } from '../support/notification-fixtures';

let database: TestDatabase;
let notifications: ReturnType<typeof createNotificationService>;

const STAFF = [
  staffMember('agent-zhang', { webhookUrl: 'https://im.example.com/hook/agent-zhang' }),
  staffMember('agent-email-only', { preferences: { channels: ['email'] } }),
  staffMember('agent-webhook-pref', { webhookUrl: 'https://im.example.com/hook/agent-webhook-pref', preferences: { channels: ['webhook'] } }),
  staffMember('agent-no-usable', { email: null, preferences: { channels: ['email', 'webhook'] } }),
  staffMember('agent-inactive', { active: false }),
  staffMember('agent-en', { locale: 'en-GB' }),
  staffMember('sup-a1', { role: 'supervisor', departmentId: 'dept-a' }),
  staffMember('sup-a2', { role: 'supervisor', departmentId: 'dept-a', email: null }),
  staffMember('sup-a3-inactive', { role: 'supervisor', departmentId: 'dept-a', active: false }),
  staffMember('sup-b1', { role: 'supervisor', departmentId: 'dept-b' }),
  staffMember('mgr-hq', { role: 'manager', departmentId: 'dept-hq' }),
];

beforeAll(async () => {
  database = await createTestDatabase();
  await insertStaff(database.db, STAFF);
  notifications = createNotificationService({ db: database.db, smtpUrl: 'smtp://127.0.0.1:1', webhookSecret: 'test-webhook-secret-0123456789', customerSmsWebhookUrl: 'https://sms.example.com/send' });
});
afterAll(async () => {
  await database?.close();
});

async function rowCount(): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
  return row!.n;
}

function summary(rows: { recipientType: string; recipientId: string; channel: string }[]): string[] {
  return rows.map((r) => `${r.recipientType}:${r.recipientId}:${r.channel}`).sort();
}

describe('idempotent enqueue', () => {
  it('writes each notification once, however often the event is recorded', async () => {
    const number = await insertComplaint(database.db);
    const event = eventFor(number);
    const requests: NotificationRequest[] = [acknowledgement(number), { kind: 'assignment', to: { type: 'staff', id: 'agent-zhang' }, data: { number, stage: 'acknowledged', task: 'triage' } }];
    const first = await enqueue(database.db, notifications, event, requests);
    const before = await rowCount();
    const again = await enqueue(database.db, notifications, event, requests);
    expect(again).toEqual(first);
    expect(await rowCount()).toBe(before);
    expect(summary(await outboxRowsOf(database.db, number))).toEqual([
      `customer:customer:${number}:email`,
      `customer:customer:${number}:in_app`,
      `customer:customer:${number}:webhook`,
      'staff:agent-zhang:email',
      'staff:agent-zhang:in_app',
      'staff:agent-zhang:webhook',
    ]);
    // Ids name what the notification is: event, kind, recipient, channel.
    expect(first).toContain(`${event.eventId}:assignment:staff:agent-zhang:webhook`);
    expect(first).not.toContain(`${event.eventId}:assignment:staff:agent-zhang:in_app`);
  });

  it('returns only rows that still wait for delivery', async () => {
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const event = eventFor(number);
    const [id] = await enqueue(database.db, notifications, event, [acknowledgement(number)]);
    await database.pool.query(`update notifications set status = 'retrying', attempts = 1 where id = $1`, [id]);
    expect(await enqueue(database.db, notifications, event, [acknowledgement(number)])).toEqual([]);
  });

  it('lists the same person once when two audiences of one event reach them', async () => {
    const number = await insertComplaint(database.db);
    const data = { number, stage: 'awaiting_approval' as const, totalMinor: 300000, currency: 'CNY' };
    await enqueue(database.db, notifications, eventFor(number), [
      { kind: 'approval_request', to: { type: 'staff', id: 'sup-a1' }, data },
      { kind: 'approval_request', to: { type: 'role', role: 'supervisor', departmentId: 'dept-a' }, data },
    ]);
    expect(summary(await outboxRowsOf(database.db, number))).toEqual(['staff:sup-a1:email', 'staff:sup-a1:in_app', 'staff:sup-a2:in_app']);
  });
});

describe('channels', () => {
  it.each([
    ['no preference: in-app plus every channel with an address', 'agent-zhang', ['email', 'in_app', 'webhook']],
    ['prefers e-mail only', 'agent-email-only', ['email']],
    ['prefers the webhook only', 'agent-webhook-pref', ['webhook']],
    ['prefers channels it has no address for: falls back to in-app', 'agent-no-usable', ['in_app']],
    ['is inactive: in-app only', 'agent-inactive', ['in_app']],
    ['is not in the directory: in-app only', 'agent-unknown', ['in_app']],
  ])('a staff member who %s', async (_label, id, channels) => {
    const number = await insertComplaint(database.db);
    await enqueue(database.db, notifications, eventFor(number), [{ kind: 'deadline_reminder', to: { type: 'staff', id }, data: { number, stage: 'investigating', deadline: 'reply', dueAt: '2026-12-01T10:00:00Z' } }]);
    expect((await outboxRowsOf(database.db, number)).map((r) => r.channel).sort()).toEqual(channels);
  });

  it.each([
    ['e-mail and phone, with an SMS gateway', {}, ['email', 'in_app', 'webhook']],
    ['a phone number only', { complainantEmail: null }, ['in_app', 'webhook']],
    ['no contact at all', { complainantEmail: null, complainantPhone: null }, ['in_app']],
  ])('a customer with %s', async (_label, contact, channels) => {
    const number = await insertComplaint(database.db, contact);
    await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    expect((await outboxRowsOf(database.db, number)).map((r) => r.channel).sort()).toEqual(channels);
  });

  it('sends customers no SMS when no gateway is configured', async () => {
    const withoutGateway = createNotificationService({ db: database.db });
    const number = await insertComplaint(database.db);
    await enqueue(database.db, withoutGateway, eventFor(number), [acknowledgement(number)]);
    expect((await outboxRowsOf(database.db, number)).map((r) => r.channel).sort()).toEqual(['email', 'in_app']);
  });

  it("uses the customer's account as their inbox when they have one", async () => {
    const number = await insertComplaint(database.db, { customerId: 'cust-42' });
    await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    expect(new Set((await outboxRowsOf(database.db, number)).map((r) => r.recipientId))).toEqual(new Set(['cust-42']));
  });
});

describe('role audiences', () => {
  it('reach every active member of the role in the department', async () => {
    const number = await insertComplaint(database.db);
    await enqueue(database.db, notifications, eventFor(number), [{ kind: 'escalation', to: { type: 'role', role: 'supervisor', departmentId: 'dept-a' }, data: { number, stage: 'investigating', fromLevel: 0, toLevel: 1, ownerRole: 'supervisor', assigneeId: null, reason: 'reply deadline missed' } }]);
    expect(summary(await outboxRowsOf(database.db, number))).toEqual(['staff:sup-a1:email', 'staff:sup-a1:in_app', 'staff:sup-a2:in_app']);
  });

  it('fall back to the role in any department when the department has nobody', async () => {
    const number = await insertComplaint(database.db);
    await enqueue(database.db, notifications, eventFor(number), [{ kind: 'approval_request', to: { type: 'role', role: 'manager', departmentId: 'dept-a' }, data: { number, stage: 'awaiting_approval', totalMinor: 300000, currency: 'CNY' } }]);
    expect(summary(await outboxRowsOf(database.db, number))).toEqual(['staff:mgr-hq:email', 'staff:mgr-hq:in_app']);
  });

  it('keep the notification visible when nobody holds the role at all', async () => {
    const number = await insertComplaint(database.db);
    const ids = await enqueue(database.db, notifications, eventFor(number), [{ kind: 'follow_up_task', to: { type: 'role', role: 'handler', departmentId: 'dept-x' }, data: { number, stage: 'follow_up' } }]);
    expect(ids).toEqual([]);
    expect(summary(await outboxRowsOf(database.db, number))).toEqual(['role:handler:dept-x:in_app']);
  });
});

describe('language', () => {
  it('renders in English for an English-speaking customer and staff member, Chinese otherwise', async () => {
    const number = await insertComplaint(database.db, { preferredLocale: 'en' });
    await enqueue(database.db, notifications, eventFor(number), [
      acknowledgement(number),
      { kind: 'assignment', to: { type: 'staff', id: 'agent-en' }, data: { number, stage: 'acknowledged', task: 'triage' } },
      { kind: 'assignment', to: { type: 'staff', id: 'agent-zhang' }, data: { number, stage: 'acknowledged', task: 'triage' } },
    ]);
    const rows = await outboxRowsOf(database.db, number);
    const customerMail = rows.find((r) => r.recipientType === 'customer' && r.channel === 'email')!;
    expect(customerMail.subject).toBe(`Your complaint has been received (No. ${number})`);
    expect(customerMail.bodyText).toContain('We will contact you by 2026-11-24 16:00 (UTC+8).');
    expect(customerMail.bodyHtml).toContain('lang="en"');
    expect(rows.find((r) => r.recipientId === 'agent-en' && r.channel === 'email')!.subject).toBe(`[New task] Complaint ${number}`);
    expect(rows.find((r) => r.recipientId === 'agent-zhang' && r.channel === 'email')!.subject).toBe(`【新任务】投诉 ${number}`);
  });

  it('shows times in the configured time zone', async () => {
    const ny = createNotificationService({ db: database.db, timeZone: 'America/New_York' });
    const number = await insertComplaint(database.db, { complainantPhone: null });
    await enqueue(database.db, ny, eventFor(number), [acknowledgement(number, '2026-07-01T16:00:00Z')]);
    const [row] = (await outboxRowsOf(database.db, number)).filter((r) => r.channel === 'email');
    expect(row!.bodyText).toContain('2026-07-01 12:00 (UTC-4)');
  });
});

describe('privacy', () => {
  it('puts no contact data into any staff notification, even when free text quotes it', async () => {
    const number = await insertComplaint(database.db);
    const quoted = `客户要求回电 ${CUSTOMER_PHONE}，或发邮件到 ${CUSTOMER_EMAIL}；备用电话 +86 139-1234-5678`;
    // Every free-text slot of every kind carries the quote, so the request is deliberately not typed per kind.
    const every = STAFF_NOTIFICATION_KINDS.map((kind) => ({
      kind,
      to: { type: 'staff', id: 'agent-zhang' },
      data: { number, stage: 'investigating', reason: quoted, message: quoted, task: quoted, dueAt: '2026-12-01T10:00:00Z', totalMinor: 50000, currency: 'CNY', decision: 'approve', deadline: 'reply', toLevel: 1 },
    })) as unknown as NotificationRequest[];
    await enqueue(database.db, notifications, eventFor(number), every);
    const rows = (await outboxRowsOf(database.db, number)).filter((r) => r.recipientType === 'staff');
    expect(rows).toHaveLength(STAFF_NOTIFICATION_KINDS.length * 3);
    for (const row of rows) {
      const stored = [row.subject, row.bodyText, row.bodyHtml ?? '', JSON.stringify(row.data)].join('\n');
      expect(stored).toContain(number);
      for (const secret of [CUSTOMER_PHONE, CUSTOMER_EMAIL, '139-1234-5678', '王小明', 'agent-zhang@staff.example.com', 'im.example.com']) expect(stored).not.toContain(secret);
    }
    // Redaction leaves dates and amounts alone, and the reason still reads as a reason.
    expect(rows.find((r) => r.kind === 'deadline_reminder' && r.channel === 'email')!.bodyText).toContain('2026-12-01 18:00 (UTC+8)');
    expect(rows.find((r) => r.kind === 'approval_request' && r.channel === 'email')!.subject).toContain('500.00 CNY');
    expect(rows.find((r) => r.kind === 'escalation' && r.channel === 'email')!.bodyText).toContain('客户要求回电 [***]');
  });

  it("puts no one's contact data into customer notifications either", async () => {
    const number = await insertComplaint(database.db);
    // One message for every customer kind, whatever else the kind carries.
    const requests = CUSTOMER_NOTIFICATION_KINDS.map((kind) => ({ kind, to: { type: 'customer' }, data: { number, stage: 'investigating', message: '已为您安排退款' } })) as unknown as NotificationRequest[];
    await enqueue(database.db, notifications, eventFor(number), requests);
    const rows = await outboxRowsOf(database.db, number);
    expect(rows).toHaveLength(CUSTOMER_NOTIFICATION_KINDS.length * 3);
    for (const row of rows) {
      const stored = [row.subject, row.bodyText, row.bodyHtml ?? ''].join('\n');
      for (const secret of [CUSTOMER_PHONE, CUSTOMER_EMAIL, '王小明', '@staff.example.com']) expect(stored).not.toContain(secret);
    }
  });
});
