/**
 * The raw engine baselines for `npm run bench`: the least a workflow can do for the same shape of
 * work — one activity after the start, one after a timer, one per update. Each activity returns the
 * worker's clock when it ran, which the workflow keeps for the bench to read.
 */
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

export const rawStageQuery = defineQuery<string>('rawStage');
export const rawDoneAtQuery = defineQuery<number | undefined>('rawDoneAt');
export const rawActionUpdate = defineUpdate<string, [string]>('rawAction');

const { noop } = proxyActivities<{ noop(): Promise<number> }>({ startToCloseTimeout: '30 seconds' });

/** Start → one activity → "acknowledged"; then open, answering updates (one activity each) until `finish`. */
export async function rawWorkflow(): Promise<void> {
  let stage = 'received';
  let doneAt: number | undefined = undefined;
  let finished = false;
  setHandler(rawStageQuery, () => stage);
  setHandler(rawDoneAtQuery, () => doneAt);
  setHandler(rawActionUpdate, async (name) => {
    await noop();
    if (name === 'finish') finished = true;
    return stage;
  });
  doneAt = await noop();
  stage = 'acknowledged';
  await condition(() => finished);
}

/** A timer due at `dueAt` (epoch ms), then one activity; returns when the activity ran. */
export async function rawTimerWorkflow(dueAt: number): Promise<number> {
  await sleep(Math.max(0, dueAt - Date.now()));
  return noop();
}
