import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ErrorRequestHandler } from 'express';
import { FAILURE_TYPES, type InvalidInputDetails, type WrongStageDetails } from '../domain/errors';
import type { Stage } from '../domain/model';

export interface FieldError {
  path: string;
  message: string;
}

/** The one error shape every 4xx/5xx answer has. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[]; stage?: Stage; requestId?: string };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { fields?: FieldError[]; stage?: Stage } = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const validationFailed = (fields: FieldError[]) => new HttpError(400, 'validation_failed', `invalid request: ${fields.map((f) => f.path || '(body)').join(', ')}`, { fields });
export const wrongStageError = (stage: Stage, message: string) => new HttpError(409, 'wrong_stage', message, { stage });
export const forbiddenError = (message: string) => new HttpError(403, 'forbidden', message);
export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);

/**
 * Maps what the engine says to HTTP: a validator's typed failure becomes 409/403/400, an unknown
 * workflow 404. Anything else is a 5xx and is logged.
 */
export function fromTemporalError(err: unknown): HttpError | undefined {
  if (err instanceof WorkflowNotFoundError) return notFound('complaint');
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new HttpError(409, 'already_exists', 'a complaint with this number already exists');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    const details = failure.details?.[0];
    switch (failure.type) {
      case FAILURE_TYPES.wrongStage:
        return wrongStageError((details as WrongStageDetails).stage, failure.message);
      case FAILURE_TYPES.forbidden:
        return forbiddenError(failure.message);
      case FAILURE_TYPES.invalidInput:
        return validationFailed((details as InvalidInputDetails).fields);
    }
  }
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const requestId = String(req.id ?? '');
  let http = err instanceof HttpError ? err : fromTemporalError(err);
  if (!http) {
    // body-parser errors carry a status and a type.
    const status = (err as { status?: number; type?: string }).status;
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') http = new HttpError(413, 'payload_too_large', 'request body is too large');
    else if (type === 'entity.parse.failed') http = new HttpError(400, 'malformed_json', 'request body is not valid JSON');
    else if (status && status >= 400 && status < 500) http = new HttpError(status, 'bad_request', (err as Error).message);
  }
  if (!http) {
    req.log?.error({ err }, 'unhandled error');
    http = new HttpError(500, 'internal', 'internal error');
  }
  const body: ErrorBody = { error: { code: http.code, message: http.message, ...http.extra, requestId } };
  res.status(http.status).json(body);
};
