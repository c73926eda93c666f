/**
 * The worker's health endpoint (compose's health check): 200 while a real worker runs with both
 * pollers polling the task queue, 503 once it stops polling.
 */
import type { AddressInfo } from 'node:net';
import { startWorkerHealth, workerHealthOf } from '../../runtime/worker-health';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

it('reports a running worker polling workflow tasks and activities', async () => {
  await stack.withWorker(async (worker) => {
    const server = await startWorkerHealth(() => worker.getStatus(), { port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ healthy: true, runState: 'RUNNING', workflowPoller: 'POLLING', activityPoller: 'POLLING' });
      expect((await fetch(`${url}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

it('reports a worker that stopped polling as unhealthy', () => {
  const base = { runState: 'RUNNING', workflowPollerState: 'POLLING', activityPollerState: 'POLLING', numInFlightWorkflowActivations: 0, numInFlightActivities: 0 } as Parameters<typeof workerHealthOf>[0];
  expect(workerHealthOf(base).healthy).toBe(true);
  expect(workerHealthOf({ ...base, workflowPollerState: 'FAILED' }).healthy).toBe(false);
  expect(workerHealthOf({ ...base, runState: 'DRAINING' }).healthy).toBe(false);
});
