/**
 * One HTTP operation, declared once: method, path, who may call it, the zod schemas of its params,
 * query and body, its answers, and the handler. Express routes are mounted from the table
 * (`mountOperations`) and `/openapi.json` is generated from it (`api/openapi.ts`), so the document and
 * the router cannot disagree. A handler is an adapter: it gets the parsed input, makes one call into
 * the read side, the write side or the engine gateway, and returns the answer.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { Role } from '../../domain/model';
import type { Viewer } from '../read/scopes';
import { PERMISSIONS, type Action } from '../../domain/permissions';
import { ROLES } from '../../domain/model';
import { fieldErrors } from '../../domain/intake';
import { requirePermission } from './auth';
import { HttpError, validationFailed } from './errors';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call: a permission of the role matrix, any signed-in caller, or anyone (no token). */
export type Access = { permission: Action } | 'authenticated' | 'public';

/** Error answers an operation documents (each has one shared description in the document). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 503;

export interface ResponseSpec {
  description: string;
  /** JSON body; absent for an empty answer. */
  schema?: z.ZodType;
  /** Another media type than JSON (HTML, CSV, JavaScript, plain text). */
  mediaType?: string;
  headers?: Record<string, { description: string; schema: { type: 'string'; enum?: string[] } }>;
}

export interface OperationRequest {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyDescription?: string;
  /** Documented request headers (read by the handler itself). */
  headers?: z.ZodObject;
  /** A bad path parameter answers 404 like an unknown resource (public pages: nothing to learn from a 400). */
  invalidParams?: 'not_found';
  /** The schemas describe the request in the document only; the handler gets the raw values and checks them itself. */
  documentOnly?: true;
}

export interface OperationContext<D> {
  req: Request;
  res: Response;
  deps: D;
  /** The verified caller, with their scope; absent on public operations. */
  actor: Viewer;
}

/** An answer other than "200 with this JSON body". */
export class Reply {
  private constructor(
    readonly status: number,
    readonly body: unknown,
    readonly mediaType?: string,
    readonly headers: Record<string, string> = {},
  ) {}
  static json(status: number, body: unknown, headers?: Record<string, string>): Reply {
    return new Reply(status, body, undefined, headers);
  }
  static redirect(location: string, status = 302): Reply {
    return new Reply(status, undefined, undefined, { Location: location });
  }
  static empty(status = 204): Reply {
    return new Reply(status, undefined);
  }
  static text(mediaType: string, body: string, headers?: Record<string, string>): Reply {
    return new Reply(200, body, mediaType, headers);
  }
}

export interface Operation<D, P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** OpenAPI form: `/complaints/{number}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  request?: OperationRequest;
  responses: Record<number, ResponseSpec>;
  errors: ErrorStatus[];
  handle(input: { params: P; query: Q; body: B }, ctx: OperationContext<D>): Promise<unknown> | unknown;
}

/** Declares an operation with its input typed by its schemas. */
export function operation<D, PS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(
  op: Omit<Operation<D>, 'request' | 'handle'> & {
    request?: Omit<OperationRequest, 'params' | 'query' | 'body'> & { params?: PS; query?: QS; body?: BS };
    handle(input: { params: Out<PS>; query: Out<QS>; body: Out<BS> }, ctx: OperationContext<D>): Promise<unknown> | unknown;
  },
): Operation<D> {
  return op as Operation<D>;
}
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The Express pattern of an OpenAPI path (`/reports/export/{table}.csv` → `/reports/export/:table.csv`). */
export const expressPath = (path: string): string => path.replace(/\{([^}]+)\}/g, ':$1');

export function rolesOf(access: Access): readonly Role[] {
  if (access === 'public' || access === 'authenticated') return ROLES;
  return PERMISSIONS[access.permission];
}

/** The parsed value, or a 400 naming every invalid field under `prefix` (e.g. `body.complainant.phone`). */
export function parsedOrThrow<T>(parsed: z.ZodSafeParseResult<T>, prefix = ''): T {
  if (!parsed.success) throw validationFailed(fieldErrors(parsed.error).map((f) => ({ ...f, path: prefix ? `${prefix}${f.path ? `.${f.path}` : ''}` : f.path })));
  return parsed.data;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  return parsedOrThrow(schema.safeParse(value), prefix);
}

/**
 * Mounts each operation on the router, in table order: authentication (unless public), the
 * permission (403), then params, query and body parsed by their schemas (400 naming each field),
 * then the handler, whose value is sent as JSON with the operation's first 2xx status.
 */
export function mountOperations<D>(router: Router, operations: readonly Operation<D>[], deps: D, authenticate: RequestHandler): void {
  for (const op of operations) {
    const guards = op.access === 'public' ? [] : op.access === 'authenticated' ? [authenticate] : [authenticate, requirePermission(op.access.permission)];
    const success = Number(Object.keys(op.responses).find((s) => s.startsWith('2')) ?? 200);
    router[op.method](expressPath(op.path), ...guards, async (req: Request, res: Response) => {
      const request = op.request ?? {};
      if (request.documentOnly) return send(res, success, await op.handle({ params: req.params, query: req.query, body: req.body }, { req, res, deps, actor: req.actor! }));
      const params = request.params ? parseParams(request, req.params) : undefined;
      const query = request.query ? parseOrThrow(request.query, req.query, 'query') : undefined;
      const body = request.body ? parseOrThrow(request.body, req.body ?? {}, 'body') : undefined;
      send(res, success, await op.handle({ params, query, body }, { req, res, deps, actor: req.actor! }));
    });
  }
}

/** A handler's value as the answer: JSON with the operation's success status, or the Reply it built. */
function send(res: Response, success: number, answer: unknown): void {
  if (res.headersSent) return;
  if (!(answer instanceof Reply)) {
    res.status(success).json(answer);
    return;
  }
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.status(answer.status);
  if (answer.body === undefined) res.end();
  else if (answer.mediaType) res.type(answer.mediaType).send(answer.body);
  else res.json(answer.body);
}

function parseParams(request: OperationRequest, params: unknown): unknown {
  const parsed = request.params!.safeParse(params);
  if (!parsed.success && request.invalidParams === 'not_found') throw new HttpError(404, 'not_found', 'not found');
  return parsedOrThrow(parsed, 'params');
}
