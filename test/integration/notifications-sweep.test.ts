/** Deliveries abandoned after claiming their row are marked unconfirmed, never resent. */
import { eq } from 'drizzle-orm';
import { notifications } from '../../db/schema';
import { createNotificationService } from '../../notifications';
import { markAbandonedDeliveries } from '../../notifications/sweep';
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
