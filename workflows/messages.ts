/**
 * The complaint workflow's messages, defined once and imported by the workflow and the API.
 * Every action is an update named after it: the caller learns synchronously whether it was accepted
 * (validators reject wrong stage, wrong role and bad input before anything is written).
 */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { COMPLAINT_ACTIONS, type ActionPayload, type ComplaintActionName } from '../domain/actions';
import type { Actor } from '../domain/model';
import type { ComplaintView, ReplanRequest, ReplanResult } from './types';

export interface ActionRequest<A extends ComplaintActionName> {
  /** Filled by the API from the verified token; never taken from a request body. */
  actor: Actor;
  payload: ActionPayload<A>;
}

export const getComplaintQuery = defineQuery<ComplaintView>('getComplaint');

/** Which deadlines would move under a new policy version or calendar year; changes nothing. */
export const previewReplanQuery = defineQuery<ReplanResult, [ReplanRequest]>('previewReplan');
/** Re-plans the complaint's deadlines on purpose (an administrator, or a holiday notice), recorded on its timeline. */
export const replanUpdate = defineUpdate<ReplanResult, [ReplanRequest & { actor: Actor }]>('replanDeadlines');
/**
 * A holiday notice for the complaint's calendar: a signal, not an update, because it goes to every
 * running complaint at once and must reach those whose worker is not polling right now (the engine
 * keeps it until the workflow runs). The moves are recorded on the timeline like an update's.
 */
export const calendarYearSignal = defineSignal<[Required<Pick<ReplanRequest, 'calendarYear' | 'reason'>> & { actor: Actor }]>('calendarYearPublished');

export type ActionUpdate<A extends ComplaintActionName> = UpdateDefinition<ComplaintView, [ActionRequest<A>], A>;
type ActionUpdates = { [A in ComplaintActionName]: ActionUpdate<A> };

function actionUpdate<A extends ComplaintActionName>(name: A): ActionUpdate<A> {
  return defineUpdate<ComplaintView, [ActionRequest<A>], A>(name);
}

// Object.fromEntries loses the key → value correlation; each value is actionUpdate(key) by construction.
export const actionUpdates = Object.fromEntries(COMPLAINT_ACTIONS.map((name) => [name, actionUpdate(name)])) as ActionUpdates;
