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
import { fromTemporalError, wrongStageError } from './errors';
import { customerState, projectionState, type ComplaintStateView, type ReadModel } from './read-model';

function isNoteByStaff(name: ComplaintActionName, actor: Actor, payload: unknown): payload is ActionPayload<'addNote'> {
  return name === 'addNote' && actor.role !== 'customer' && payload !== null && typeof payload === 'object';
}

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
    /** Live state from the workflow, or the projection when the workflow has not started or has ended. */
    async liveState(row: ComplaintRow): Promise<ComplaintStateView> {
      try {
        return await client.workflow.getHandle(row.number).query(getComplaintQuery);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) log.warn({ err, complaint: row.number }, 'query failed; answering from the projection');
        return projectionState(row);
      }
    },

    /** Forwards an action as an update; the workflow's validator has the last word. */
    async act<A extends ComplaintActionName>(row: ComplaintRow, actor: Actor, name: A, payload: ActionPayload<A>, updateId?: string): Promise<ComplaintStateView> {
      try {
        const view = await client.workflow.getHandle(row.number).executeUpdate(actionUpdates[name], { args: [{ actor, payload }], ...(updateId ? { updateId } : {}) });
        return actor.role === 'customer' ? customerState(view) : view;
      } catch (err) {
        const mapped = fromTemporalError(err);
        if (mapped && !(err instanceof WorkflowNotFoundError)) throw mapped;
        // A workflow that has finished (closed and past its reopen window) takes no more actions;
        // the engine answers "not found" for an update to it. Its status says which it is.
        const status = await processStatus(row.number);
        if (status !== 'RUNNING') {
          const stage = (await readModel.currentStage(row.number)) ?? row.stage;
          if (status !== 'NOT_FOUND' && stage === 'closed' && isNoteByStaff(name, actor, payload)) {
            // Reviews (复盘) and staff notes outlive the process: the API writes them itself.
            await readModel.appendNoteAfterEnd(row.number, actor, payload);
            return projectionState((await readModel.findComplaint(row.number, actor)));
          }
          throw wrongStageError(stage, status === 'NOT_FOUND' ? `the complaint is ${stage} and its process has not started yet; try again shortly` : `the complaint is ${stage} and its process has ended`);
        }
        throw mapped ?? err;
      }
    },
  };
}

export type WorkflowGateway = ReturnType<typeof createWorkflowGateway>;
