/**
 * The complaint workflow's messages, defined once and imported by the workflow and the API.
 * Every action is an update: the caller learns synchronously whether it was accepted (validators
 * reject wrong stage, wrong role and bad input before anything is written).
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { COMPLAINT_ACTIONS, type ActionPayload, type ComplaintActionName } from '../domain/actions';
import type { Actor } from '../domain/model';
import type { ComplaintView } from './types';

export interface ActionRequest<A extends ComplaintActionName> {
  /** Filled by the API from the verified token; never taken from a request body. */
  actor: Actor;
  payload: ActionPayload<A>;
}

export const getComplaintQuery = defineQuery<ComplaintView>('getComplaint');

type ActionUpdates = { [A in ComplaintActionName]: UpdateDefinition<ComplaintView, [ActionRequest<A>], A> };

export const actionUpdates = Object.fromEntries(COMPLAINT_ACTIONS.map((name) => [name, defineUpdate(name)])) as ActionUpdates;
