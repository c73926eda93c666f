/**
 * The retention sweep's Temporal schedule: created (or brought up to date with the policy's rules and
 * interval) by each API process at start, so the sweep runs durably — a missed run is caught up,
 * two runs never overlap — whichever process or worker is up. Operators see and pause it in the
 * Temporal UI (Schedules); `POST /admin/retention/sweeps` runs it now.
 */
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { upsertSchedule } from './schedules';
import { retentionMs, type RetentionPolicy } from '../domain/retention';

/** One schedule per task queue (tests run many task queues against one server). */
export function retentionScheduleId(taskQueue: string): string {
  return taskQueue === 'complaints' ? 'retention-sweep' : `retention-sweep-${taskQueue}`;
}

export async function ensureRetentionSchedule(client: Client, taskQueue: string, rules: RetentionPolicy): Promise<string> {
  const scheduleId = retentionScheduleId(taskQueue);
  const spec = { intervals: [{ every: retentionMs(rules.sweepEvery) }] };
  const action = { type: 'startWorkflow' as const, workflowType: 'retentionSweepWorkflow', args: [rules], taskQueue, workflowId: scheduleId };
  return upsertSchedule(client, { scheduleId, spec, action, catchupWindow: '1 day', purpose: 'Erases personal data past its retention period (README, "Retention")' });
}

/** Runs the sweep now (the schedule's own overlap rule still applies). */
export async function triggerRetentionSweep(client: Client, taskQueue: string): Promise<void> {
  await client.schedule.getHandle(retentionScheduleId(taskQueue)).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
}
