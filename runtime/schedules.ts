/**
 * The service's Temporal schedules (the retention sweep, quality sampling) are made by each API
 * process at start: created the first time, brought up to date with the policy afterwards.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';

export async function upsertSchedule(client: Client, options: { scheduleId: string; spec: ScheduleOptions['spec']; action: ScheduleOptions['action']; catchupWindow: string; purpose: string }): Promise<string> {
  const { scheduleId, spec, action } = options;
  try {
    // Two runs never overlap; a run missed while nothing was up is caught up within the window.
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: options.catchupWindow }, memo: { purpose: options.purpose } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action: { ...previous.action, ...action } }));
  }
  return scheduleId;
}
