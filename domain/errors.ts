/**
 * Failure types an update validator or handler raises, so that callers (the API) can tell a wrong
 * stage (409) from a forbidden role (403) from bad input (400) without parsing messages.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Stage } from './model';

export const FAILURE_TYPES = {
  wrongStage: 'WrongStage',
  forbidden: 'Forbidden',
  invalidInput: 'InvalidInput',
  /** The database refused what the action would store (raised by the workflow after undoing the action). */
  recordingRefused: 'RecordingRefused',
  /** An activity's database write that no retry can fix (bad characters, a broken constraint). */
  invalidData: 'InvalidData',
} as const;

export interface WrongStageDetails {
  stage: Stage;
  action: string;
}

export interface InvalidInputDetails {
  fields: { path: string; message: string }[];
}

export function wrongStage(stage: Stage, action: string, why?: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: FAILURE_TYPES.wrongStage,
    message: why ?? `${action} is not possible while the complaint is ${stage}`,
    nonRetryable: true,
    details: [{ stage, action } satisfies WrongStageDetails],
  });
}

export function forbidden(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FAILURE_TYPES.forbidden, message, nonRetryable: true });
}

export function invalidInput(fields: InvalidInputDetails['fields']): ApplicationFailure {
  return ApplicationFailure.create({
    type: FAILURE_TYPES.invalidInput,
    message: `invalid input: ${fields.map((f) => f.path || '(body)').join(', ')}`,
    nonRetryable: true,
    details: [{ fields } satisfies InvalidInputDetails],
  });
}

export function recordingRefused(action: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: FAILURE_TYPES.recordingRefused,
    message: `${action} could not be stored (the database refused its data); nothing was changed — check the text for unusual characters`,
    nonRetryable: true,
  });
}
