/**
 * The raw engine's worker for `npm run bench`, in its own process like the service's worker: the
 * baseline workflows of raw-workflow.ts with SDK defaults and one no-op activity that returns the
 * time it ran.
 */
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.TASK_QUEUE!,
    workflowsPath: path.join(__dirname, 'raw-workflow.ts'),
    activities: { noop: async () => Date.now() },
  });
  process.on('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.stdout.write('WORKER_READY\n');
  await running;
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
