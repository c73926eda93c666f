/**
 * Acceptance 3 with the real engine: an e-mail to a refusing SMTP server is retried by Temporal with
 * backoff through the real `deliverNotification` activity, ends `failed` with the reason after the
 * limit, and the workflow that started it is not held up meanwhile.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createNotificationService } from '../../notifications';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { acknowledgement, enqueue, eventFor, insertComplaint, outboxRow } from '../support/notification-fixtures';
import { startHttpReceiver, startSmtpSink, type HttpReceiver, type SmtpSink } from '../support/notification-servers';
import type { notificationDeliveryProbe } from '../support/notification-workflow';

let database: TestDatabase;
let smtp: SmtpSink;
let receiver: HttpReceiver;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpSink('refuse-rcpt');
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await smtp?.close();
  await receiver?.close();
  await database?.close();
});

it('retries a refused e-mail with backoff, records the failure, and does not hold up the workflow', async () => {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEST_TEMPORAL_ADDRESS is not set: run through the integration project');
  const notifications = createNotificationService({
    db: database.db,
    smtpUrl: smtp.url,
    webhookSecret: 'test-webhook-secret-0123456789',
    customerSmsWebhookUrl: `${receiver.url}/sms`,
  });
  const number = await insertComplaint(database.db);
  const ids = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
  expect(ids).toHaveLength(2);

  const taskQueue = `notifications-${number}`;
  const workerConnection = await NativeConnection.connect({ address });
  const clientConnection = await Connection.connect({ address });
  try {
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: process.env.TEST_TEMPORAL_NAMESPACE ?? 'default',
      taskQueue,
      workflowsPath: require.resolve('../support/notification-workflow'),
      activities: createActivities({ db: database.db, notifications }),
    });
    const client = new Client({ connection: clientConnection, namespace: process.env.TEST_TEMPORAL_NAMESPACE ?? 'default' });
    const result = await worker.runUntil(
      client.workflow.execute<typeof notificationDeliveryProbe>('notificationDeliveryProbe', {
        taskQueue,
        workflowId: `probe-${number}`,
        args: [{ notificationIds: ids, maxAttempts: 3 }],
      }),
    );

    expect(result.proceededWhileDelivering).toBe(true);
    const byChannel = Object.fromEntries(result.results.map((r) => [r.id.slice(r.id.lastIndexOf(':') + 1), r.status]));
    // The activity completes with the failure recorded, rather than failing the workflow's call.
    expect(byChannel).toEqual({ email: 'failed', webhook: 'sent' });
    expect(smtp.rcptAttempts).toBe(3);
    expect(receiver.requests).toHaveLength(1);

    const email = await outboxRow(database.db, ids.find((id) => id.endsWith(':email'))!);
    expect(email).toMatchObject({ status: 'failed', attempts: 3 });
    expect(email.lastError).toMatch(/550.*gave up after attempt 3 of 3/);
  } finally {
    await workerConnection.close();
    await clientConnection.close();
  }
});
