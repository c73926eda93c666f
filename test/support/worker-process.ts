/**
 * A complaint worker in a process of its own, so a test can kill it (SIGKILL) mid-lifecycle and
 * start another. Configured by env: DATABASE_URL, TEMPORAL_ADDRESS, TASK_QUEUE, TEST_WORKFLOW_BUNDLE,
 * PAYLOAD_ENCRYPTION_KEY.
 */
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db/client';
import { createNotificationService, loadNotificationConfig } from '../../notifications';
import { parsePayloadKey } from '../../runtime/payload-codec';
import { complaintDataConverter } from '../../runtime/data-keys';
import { createTrackingLinks, trackingKey } from '../../runtime/tracking';
import { createComplaintWorker } from '../../worker';

async function main(): Promise<void> {
  const database = openDatabase(process.env.DATABASE_URL!);
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const key = parsePayloadKey(process.env.PAYLOAD_ENCRYPTION_KEY!);
  const notifications = createNotificationService({ ...loadNotificationConfig(), db: database.db, trackingLinks: createTrackingLinks(trackingKey(key)) });
  const worker = await createComplaintWorker({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.TASK_QUEUE!,
    db: database.db,
    notifications,
    workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE,
    identity: `crash-test-worker-${process.pid}`,
    dataConverter: complaintDataConverter(database.db, key).dataConverter,
  });
  process.stdout.write('worker ready\n');
  await worker.run();
  await connection.close();
  await database.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`worker process failed: ${String(err)}\n`);
  process.exit(1);
});
