/**
 * A minimal workflow for the notification tests: it starts deliveries in the background the way the
 * complaint workflow does (own retry policy, failures caught) and carries on, so a test can watch
 * real Temporal retries of the real `deliverNotification` activity without the whole lifecycle.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities';

export interface DeliveryProbeInput {
  notificationIds: string[];
  maxAttempts: number;
}

export interface DeliveryProbeResult {
  /** True if the workflow got on with its work while deliveries were still being retried. */
  proceededWhileDelivering: boolean;
  results: { id: string; status: string }[];
}

export async function notificationDeliveryProbe(input: DeliveryProbeInput): Promise<DeliveryProbeResult> {
  const { deliverNotification } = proxyActivities<ComplaintActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: input.maxAttempts, initialInterval: '200 ms', backoffCoefficient: 2 },
  });
  let finished = 0;
  const deliveries = input.notificationIds.map((id) =>
    deliverNotification({ notificationId: id, maxAttempts: input.maxAttempts })
      .then(
        (r) => ({ id, status: r.status }),
        (err: unknown) => ({ id, status: `gave up: ${String(err)}` }),
      )
      .finally(() => {
        finished += 1;
      }),
  );
  await sleep('10 ms');
  const proceededWhileDelivering = finished < deliveries.length;
  return { proceededWhileDelivering, results: await Promise.all(deliveries) };
}
