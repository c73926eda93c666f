/** Deliveries abandoned after claiming their row are marked unconfirmed, never resent. */
import { eq } from 'drizzle-orm';
import { notifications } from '../../db/schema';
import { createNotificationService } from '../../notifications';
import { listForOperators, requestResend } from '../../notifications/inbox';
import { markAbandonedDeliveries, redriveStaleDeliveries } from '../../notifications/sweep';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { acknowledgement, enqueue, eventFor, insertComplaint, outboxRow } from '../support/notification-fixtures';
import { startSmtpSink, type SmtpSink } from '../support/notification-servers';

let database: TestDatabase;
let smtp: SmtpSink;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

it('marks stale claims unconfirmed, leaves fresh ones, and a later attempt does not send', async () => {
  const service = createNotificationService({ db: database.db, smtpUrl: smtp.url });
  const number = await insertComplaint(database.db);
  const [emailId] = (await enqueue(database.db, service, eventFor(number), [acknowledgement(number)])).filter((id) => id.endsWith(':email'));
  const stale = new Date(Date.now() - 11 * 60_000);
  // An attempt claimed the row eleven minutes ago and was never heard of again.
  await database.db.update(notifications).set({ status: 'sending', attempts: 5, claimedAt: stale }).where(eq(notifications.id, emailId));
  const number2 = await insertComplaint(database.db);
  const [freshId] = (await enqueue(database.db, service, eventFor(number2), [acknowledgement(number2)])).filter((id) => id.endsWith(':email'));
  await database.db.update(notifications).set({ status: 'sending', attempts: 1, claimedAt: new Date() }).where(eq(notifications.id, freshId));

  expect(await markAbandonedDeliveries(database.db)).toBe(1);
  expect(await outboxRow(database.db, emailId)).toMatchObject({ status: 'unconfirmed', attempts: 5 });
  expect((await outboxRow(database.db, emailId)).lastError).toMatch(/outcome unknown/);
  expect((await outboxRow(database.db, freshId)).status).toBe('sending');
  expect(await markAbandonedDeliveries(database.db)).toBe(0);

  await service.deliver(emailId, 6, 6);
  expect(smtp.messages).toHaveLength(0);
  expect((await outboxRow(database.db, emailId)).status).toBe('unconfirmed');
});

it('records the claim time when an attempt claims a row', async () => {
  const service = createNotificationService({ db: database.db, smtpUrl: smtp.url });
  const number = await insertComplaint(database.db);
  const [emailId] = (await enqueue(database.db, service, eventFor(number), [acknowledgement(number)])).filter((id) => id.endsWith(':email'));
  const before = Date.now();
  await service.deliver(emailId, 1, 3);
  const row = await outboxRow(database.db, emailId);
  expect(row.status).toBe('sent');
  expect(row.claimedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  expect(smtp.messages).toHaveLength(1);
});

describe('stale pending and retrying rows (delivery gave up while the database was down)', () => {
  it('are delivered again by the sweep, or marked failed once out of attempts; none stays in between', async () => {
    const service = createNotificationService({ db: database.db, smtpUrl: smtp.url });
    const old = new Date(Date.now() - 20 * 60_000);
    const emailOf = async () => {
      const number = await insertComplaint(database.db);
      const [id] = (await enqueue(database.db, service, eventFor(number), [acknowledgement(number)])).filter((i) => i.endsWith(':email'));
      return id!;
    };
    // Never claimed: the activity failed before it could (PostgreSQL was down).
    const neverTried = await emailOf();
    await database.db.update(notifications).set({ createdAt: old }).where(eq(notifications.id, neverTried));
    // Two attempts failed and were recorded; then the activity gave up on database errors.
    const halfway = await emailOf();
    await database.db.update(notifications).set({ status: 'retrying', attempts: 2, claimedAt: old, lastError: 'connection refused' }).where(eq(notifications.id, halfway));
    // Out of attempts but left `retrying`.
    const exhausted = await emailOf();
    await database.db.update(notifications).set({ status: 'retrying', attempts: 5, claimedAt: old, lastError: 'connection refused' }).where(eq(notifications.id, exhausted));
    // Fresh: its delivery may still be under way, so the sweep leaves it alone.
    const fresh = await emailOf();
    const sentBefore = smtp.messages.length;

    expect(await redriveStaleDeliveries(database.db, service, 5)).toBe(3);
    expect(await outboxRow(database.db, neverTried)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await outboxRow(database.db, halfway)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await outboxRow(database.db, exhausted)).toMatchObject({ status: 'failed', attempts: 5 });
    expect((await outboxRow(database.db, exhausted)).lastError).toMatch(/gave up after 5 attempts/);
    expect((await outboxRow(database.db, fresh)).status).toBe('pending');
    expect(smtp.messages.length - sentBefore).toBe(2);
    // A second pass finds nothing: every swept row is final.
    expect(await redriveStaleDeliveries(database.db, service, 5)).toBe(0);
  });

  it('an unconfirmed e-mail is listed for operators and sent again only on a person’s decision', async () => {
    const service = createNotificationService({ db: database.db, smtpUrl: smtp.url });
    const number = await insertComplaint(database.db);
    const [id] = (await enqueue(database.db, service, eventFor(number), [acknowledgement(number)])).filter((i) => i.endsWith(':email'));
    await database.db.update(notifications).set({ status: 'unconfirmed', attempts: 1, lastError: 'outcome unknown' }).where(eq(notifications.id, id!));
    const listed = await listForOperators(database.db, 'unconfirmed', 100);
    expect(listed.map((r) => r.id)).toContain(id);
    expect(listed.find((r) => r.id === id)).toMatchObject({ complaintNumber: number, kind: 'acknowledgement', channel: 'email' });
    // The sweep never resends an unconfirmed row by itself.
    await redriveStaleDeliveries(database.db, service, 5);
    expect((await outboxRow(database.db, id!)).status).toBe('unconfirmed');
    expect(await requestResend(database.db, id!, 'sup-wang', 'mail server log shows it was not delivered')).toBe(true);
    expect(await requestResend(database.db, id!, 'sup-wang', 'twice')).toBe(false);
    const before = smtp.messages.length;
    expect(await redriveStaleDeliveries(database.db, service, 5)).toBe(1);
    expect(await outboxRow(database.db, id!)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(smtp.messages.length - before).toBe(1);
  });
});
