/**
 * One complaint, from receipt to the end of its reopen window, as one durable workflow (SPEC §4–§5).
 *
 * This file is the wiring: the query and one update per action are registered before the first
 * await, then the main loop sleeps on a durable timer until the next reminder or deadline and lets
 * the process act on it. The rules live elsewhere, one place each:
 * - what each action does → `actions.ts` (who and when → `domain/actions.ts`);
 * - what each clock does → `deadline-rules.ts`, acted on by `ComplaintProcess.runDueClocks`;
 * - shared transitions (close, reopen, escalate) → `process.ts`; clocks → `clocks.ts`;
 *   recording → `recorder.ts`; views → `projection.ts`.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { COMPLAINT_ACTIONS, type ComplaintActionName } from '../domain/actions';
import { actionUpdates, calendarYearSignal, getComplaintQuery, previewReplanQuery, replanUpdate, type ActionRequest } from './messages';
import { ComplaintProcess } from './process';
import type { ComplaintResult, ComplaintWorkflowInput } from './types';

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintResult> {
  const process = new ComplaintProcess(input);
  for (const name of COMPLAINT_ACTIONS) registerAction(process, name);
  setHandler(getComplaintQuery, () => process.view());
  setHandler(previewReplanQuery, (request) => process.previewReplan(request));
  setHandler(replanUpdate, (request) => process.replan(request), { validator: (request) => process.validateReplan(request), description: 'administration: re-plan the deadlines' });
  setHandler(calendarYearSignal, (notice) => process.takeCalendarYear(notice), { description: 'administration: a holiday notice for the calendar' });

  if (!input.continued) await process.acknowledge();

  for (;;) {
    await process.runDueClocks();
    if (process.isFinished()) break;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      // The policy as it stands: a deliberate re-plan may have replaced the one the complaint started with.
      await continueAsNew<typeof complaintWorkflow>({ ...input, policy: process.policy, continued: process.state });
    }
    await process.sleepUntilNextWake();
  }

  await condition(allHandlersFinished);
  return { number: process.state.number, outcome: process.state.outcome, reopenCount: process.state.reopenCount };
}

/**
 * One update per action: the validator answers before anything is written; the handler applies it.
 * The request is typed for any action: its payload is checked against the action's shape before use.
 */
function registerAction(process: ComplaintProcess, name: ComplaintActionName): void {
  setHandler(actionUpdates[name], (request: ActionRequest<ComplaintActionName>) => process.act(name, request), {
    validator: (request: ActionRequest<ComplaintActionName>) => void process.validate(name, request),
    description: `complaint action: ${name}`,
  });
}
