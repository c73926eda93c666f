/**
 * The API's side of the engine for one complaint: ask its workflow for the live state, and forward a
 * person's action to it as an update. No process rules here: the workflow's validators decide, and
 * their typed failures become HTTP answers (errors.ts).
 */
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Client, WorkflowExecutionStatusName } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ComplaintRow } from '../db/schema';
import type { ActionPayload, ComplaintActionName } from '../domain/actions';
import type { Actor } from '../domain/model';
import { actionUpdates, getComplaintQuery } from '../workflows/messages';
import { fromTemporalError, wrongStageError } from './http/errors';
import { projectionState, type ComplaintStateView, type ReadModel } from './read/read-model';

/**
 * What happens to an action on a complaint whose process has ended (the stage the projection holds
 * and the engine's status): the write side may record it itself (`api/write/after-end.ts`) and return
 * the state, or return undefined for the 409.
 */
export type OnProcessEnded = (stage: ComplaintRow['stage'], status: WorkflowExecutionStatusName | 'NOT_FOUND') => Promise<ComplaintStateView | undefined>;

const LIVE_STATE_DEADLINE_MS = 5_000;

export function createWorkflowGateway(deps: { client: Client; readModel: ReadModel; log: Logger }) {
  const { client, readModel, log } = deps;

  /** Whether the complaint's workflow still runs (a finished one takes no more actions). */
  async function processStatus(number: string): Promise<WorkflowExecutionStatusName | 'NOT_FOUND'> {
    try {
      return (await client.workflow.getHandle(number).describe()).status.name;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'NOT_FOUND';
      throw err;
    }
  }

  return {
    /**
     * Live state from the workflow, or the projection when the workflow has not started, has ended, or
     * does not answer within 5 s (no worker running): a read never hangs on the engine.
     */
    async liveState(row: ComplaintRow): Promise<ComplaintStateView> {
      // Its data key is erased: its history can no longer be read (nor replayed to answer a query).
      if (row.personalDataErased?.history) return projectionState(row);
      try {
        return await client.withDeadline(Date.now() + LIVE_STATE_DEADLINE_MS, () => client.workflow.getHandle(row.number).query(getComplaintQuery));
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) log.warn({ err, complaint: row.number }, 'query failed; answering from the projection');
        return projectionState(row);
      }
    },

    /** Forwards an action as an update; the workflow's validator has the last word. */
    async act<A extends ComplaintActionName>(row: ComplaintRow, actor: Actor, name: A, payload: ActionPayload<A>, options: { updateId?: string; onEnded?: OnProcessEnded } = {}): Promise<ComplaintStateView> {
      const { updateId, onEnded } = options;
      const update = () => client.workflow.getHandle(row.number).executeUpdate(actionUpdates[name], { args: [{ actor, payload }], ...(updateId ? { updateId } : {}) });
      try {
        return await update();
      } catch (err) {
        const mapped = fromTemporalError(err);
        if (mapped && !(err instanceof WorkflowNotFoundError)) throw mapped;
        // A workflow that has finished (closed and past its reopen window) takes no more actions;
        // the engine answers "not found" for an update to it. Its status says which it is.
        const status = await processStatus(row.number);
        if (status !== 'RUNNING') {
          const stage = (await readModel.currentStage(row.number)) ?? row.stage;
          const recorded = await onEnded?.(stage, status);
          if (recorded) return recorded;
          throw wrongStageError(stage, status === 'NOT_FOUND' ? `the complaint is ${stage} and its process has not started yet; try again shortly` : `the complaint is ${stage} and its process has ended`);
        }
        // Not found a moment ago, running now: its start (an interrupted intake's, by the sweep) came
        // in between. The action goes to it once more.
        if (err instanceof WorkflowNotFoundError) return update().catch((again: unknown) => Promise.reject(fromTemporalError(again) ?? again));
        throw mapped ?? err;
      }
    },
  };
}

export type WorkflowGateway = ReturnType<typeof createWorkflowGateway>;
