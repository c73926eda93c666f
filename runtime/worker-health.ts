/**
 * The worker's health endpoint (`WORKER_HEALTH_PORT`): whether it is running and both its pollers —
 * workflow tasks and activities — are polling the task queue. A container orchestrator restarts a
 * worker that answers 503; `kill -0 1` would only say the process exists.
 */
import http from 'node:http';
import type { WorkerStatus } from '@temporalio/worker';

export interface WorkerHealth {
  healthy: boolean;
  runState: WorkerStatus['runState'];
  workflowPoller: WorkerStatus['workflowPollerState'];
  activityPoller: WorkerStatus['activityPollerState'];
  inFlight: { workflowActivations: number; activities: number };
}

export function workerHealthOf(status: WorkerStatus): WorkerHealth {
  return {
    healthy: status.runState === 'RUNNING' && status.workflowPollerState === 'POLLING' && status.activityPollerState === 'POLLING',
    runState: status.runState,
    workflowPoller: status.workflowPollerState,
    activityPoller: status.activityPollerState,
    inFlight: { workflowActivations: status.numInFlightWorkflowActivations, activities: status.numInFlightActivities },
  };
}

/** Serves `GET /healthz` (200 healthy, 503 not) from the worker's own status; answers nothing else. */
export function startWorkerHealth(status: () => WorkerStatus, options: { port: number; host?: string }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/healthz') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const health = workerHealthOf(status());
    res.writeHead(health.healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(health));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve(server));
  });
}
