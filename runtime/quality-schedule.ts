/**
 * The quality-sampling schedule: created (or brought up to date with the policy's rule) by each API
 * process at start, like the retention sweep's. It runs on the first day of each month (or each
 * Monday, with a weekly rule) at 14:00 UTC — after the period has ended in every time zone — and
 * queues the period that ended for quality review. The quality team can also run a period at any
 * time (`POST /quality/sampling-runs`); the two never queue a case twice.
 */
import type { Client } from '@temporalio/client';
import { upsertSchedule } from './schedules';
import type { QualityReviewPolicy } from '../domain/quality-review';

export function qualityScheduleId(taskQueue: string): string {
  return taskQueue === 'complaints' ? 'quality-sampling' : `quality-sampling-${taskQueue}`;
}

export async function ensureQualitySamplingSchedule(client: Client, taskQueue: string, rule: QualityReviewPolicy, utcOffsetMinutes: number): Promise<string> {
  const scheduleId = qualityScheduleId(taskQueue);
  const spec = { calendars: [rule.period === 'week' ? { dayOfWeek: 'MONDAY' as const, hour: 14 } : { dayOfMonth: 1, hour: 14 }] };
  const action = { type: 'startWorkflow' as const, workflowType: 'qualitySamplingWorkflow', args: [{ rule, utcOffsetMinutes }], taskQueue, workflowId: scheduleId };
  return upsertSchedule(client, { scheduleId, spec, action, catchupWindow: '7 days', purpose: 'Queues the last period’s closed cases for quality review (README, "Learning from every case")' });
}
