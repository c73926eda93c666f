import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { isGrpcServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { classifyDbError } from '../../db/errors';
import { safeError } from '../../runtime/logger';
import type { ErrorRequestHandler } from 'express';
import { FAILURE_TYPES, type InvalidInputDetails, type WrongStageDetails } from '../../domain/errors';
import type { ErrorBody } from '../schemas/responses';
import type { Stage } from '../../domain/model';

export interface FieldError {
  path: string;
  message: string;
}

/** The one error shape every 4xx/5xx answer has. */
/** The one shape of every 4xx and 5xx answer, as the document declares it (`ErrorSchema`). */
export type { ErrorBody };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { fields?: FieldError[]; stage?: Stage; status?: string } = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const validationFailed = (fields: FieldError[]) => new HttpError(400, 'validation_failed', `invalid request: ${fields.map((f) => f.path || '(body)').join(', ')}`, { fields });
export const wrongStageError = (stage: Stage, message: string) => new HttpError(409, 'wrong_stage', message, { stage });
/** A record (a problem, an article, a review, a data request) whose status does not allow the move: 409 with its current `status`. */
export const wrongStatusError = (status: string, message: string) => new HttpError(409, 'wrong_status', message, { status });
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
      case FAILURE_TYPES.recordingRefused:
        return new HttpError(422, 'not_stored', failure.message);
    }
  }
  return undefined;
}

/** Seconds a client should wait before retrying (with the same Idempotency-Key) after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A dependency that does not answer (PostgreSQL down, the engine unreachable) is a 503 the client may
 * retry; data PostgreSQL refuses is the caller's 400. Neither answer quotes the database's message.
 */
export function fromDependencyError(err: unknown): HttpError | undefined {
  const kind = classifyDbError(err);
  if (kind === 'unavailable') return new HttpError(503, 'unavailable', 'the database is not available; retry shortly');
  if (kind === 'invalid') return new HttpError(400, 'invalid_input', 'the request holds data that cannot be stored');
  if (isEngineUnavailable(err)) return new HttpError(503, 'unavailable', 'the workflow engine is not available; retry shortly');
  if (isWorkflowTaskFailing(err)) return new HttpError(503, 'unavailable', 'the complaint’s process is retrying a step (its worker could not reach a dependency); retry shortly');
  return undefined;
}

const GRPC_FAILED_PRECONDITION = 9;

/**
 * The engine refuses an update while the workflow's last task failed and is being retried — a worker
 * that could not reach PostgreSQL for a complaint's data key, for instance. It passes once the
 * dependency is back, so the caller is told to retry (503), not that the request was wrong.
 */
function isWorkflowTaskFailing(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e) && e.code === GRPC_FAILED_PRECONDITION && /Workflow Task in failed state/i.test(e.details ?? e.message)) return true;
  }
  return false;
}

/** gRPC status codes (grpc/doc/statuscodes.md). */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function isEngineUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e) && (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED)) return true;
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  }
  return false;
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
  if (!http) http = fromDependencyError(err);
  if (!http) {
    req.log?.error({ err: safeError(err) }, 'unhandled error');
    http = new HttpError(500, 'internal', 'internal error');
  } else if (http.status === 429) {
    res.setHeader('Retry-After', String((http as HttpError & { retryAfterSeconds?: number }).retryAfterSeconds ?? 60));
  } else if (http.code === 'request_in_progress') {
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  } else if (http.status === 503) {
    req.log?.warn({ err: safeError(err) }, 'dependency unavailable');
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  } else if (http.code === 'invalid_input') {
    req.log?.warn({ err: safeError(err) }, 'the database refused the request’s data');
  }
  const body: ErrorBody = { error: { code: http.code, message: http.message, ...http.extra, requestId } };
  res.status(http.status).json(body);
};
