/**
 * A person's request about their personal data (domain/data-requests.ts), as a durable process of its
 * own: its handler is told at once, warned before the legal date (the `cn-personal-information`
 * regime: 15 working days, planned by the API on the business calendar), and a miss is recorded and
 * told to the compliance contacts; the answer — an export, a correction, the erasure, or a refusal
 * with its reason — is an update that does the work in activities and tells the person.
 */
import { allHandlersFinished, ApplicationFailure, condition, defineQuery, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DataRequestActivities } from '../activities';
import type { DataRequestAnswer, DataRequestWorkflowInput } from '../domain/data-requests';

export interface DataRequestState {
  status: 'open' | DataRequestAnswer['status'];
  warned: number;
  missed: boolean;
}

export const answerDataRequestUpdate = defineUpdate<DataRequestState, [DataRequestAnswer]>('answerDataRequest');
export const dataRequestStateQuery = defineQuery<DataRequestState>('getDataRequest');

/** Retried until done: an answer half done (an export without its notice) must be finished, never dropped. */
const act = proxyActivities<DataRequestActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['InvalidData'] },
});

export async function dataRequestWorkflow(input: DataRequestWorkflowInput): Promise<DataRequestState> {
  const state: DataRequestState = { status: 'open', warned: 0, missed: false };
  let answering = false;
  setHandler(dataRequestStateQuery, () => state);
  setHandler(
    answerDataRequestUpdate,
    async (answer) => {
      answering = true;
      await act.answerDataRequest({ id: input.id, answer });
      state.status = answer.status;
      return state;
    },
    {
      validator: (answer) => {
        if (state.status !== 'open' || answering) throw ApplicationFailure.create({ type: 'WrongStage', message: `request ${input.id} is already ${state.status === 'open' ? 'being answered' : state.status}` });
        if (answer.status !== 'answered' && answer.status !== 'refused') throw ApplicationFailure.create({ type: 'InvalidPayload', message: 'status must be answered or refused' });
      },
      description: 'a person’s data request: the answer',
    },
  );

  await act.dataRequestNotice({ id: input.id, event: 'received' });
  const answered = () => state.status !== 'open';
  const until = (at: number) => Math.max(0, at - Date.now());
  for (const warnAt of input.warnAtMs) {
    if (warnAt <= Date.now()) continue;
    if (await condition(answered, until(warnAt))) break;
    await act.dataRequestNotice({ id: input.id, event: 'warning' });
    state.warned += 1;
  }
  if (!answered() && !(await condition(answered, until(input.dueAtMs)))) {
    await act.dataRequestNotice({ id: input.id, event: 'missed', escalateTo: input.escalateTo });
    state.missed = true;
    await condition(answered);
  }
  await condition(allHandlersFinished);
  return state;
}
