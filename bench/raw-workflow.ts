/**
 * The raw engine baseline for `npm run bench`: the least a workflow can do for the same steps —
 * one activity before it is "acknowledged", one activity per action.
 */
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export const rawStageQuery = defineQuery<string>('rawStage');
export const rawActionUpdate = defineUpdate<string, [string]>('rawAction');

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function rawWorkflow(): Promise<void> {
  let stage = 'received';
  let finished = false;
  setHandler(rawStageQuery, () => stage);
  setHandler(rawActionUpdate, async (name) => {
    await noop();
    if (name === 'finish') finished = true;
    return stage;
  });
  await noop();
  stage = 'acknowledged';
  await condition(() => finished);
}
