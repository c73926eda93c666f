/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the operations table (`api/operations`):
 * the same entries Express is mounted from, with the zod schemas the routes validate with (intake,
 * list and report queries, every action payload, admin bodies) and the answers they declare
 * (`api/schemas/responses.ts`). Nothing here is a second copy of an operation.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ACTION_RULES, COMPLAINT_ACTIONS, type ComplaintActionName } from '../domain/actions';
import { ROLES, type Role } from '../domain/model';
import { PERMISSIONS, type Action } from '../domain/permissions';
import type { ErrorBody } from './http/errors';
import { expressPath, rolesOf, type Access, type ErrorStatus, type Method, type Operation, type ResponseSpec } from './http/operation';
import { allOperations, type AppDependencies } from './operations';
import { ErrorSchema } from './schemas/responses';

export const API_VERSION = '1.3.0';

/** The table as the document sees it (handlers are never called here). */
const OPERATIONS: readonly Operation<AppDependencies>[] = allOperations(
  () => buildOpenApiDocument(),
  async () => ({ contentType: 'text/plain', body: '' }),
);

export interface DocumentedRoute {
  /** Lower case, as in OpenAPI path items and Express `route.methods`. */
  method: Method;
  /** OpenAPI path, e.g. `/complaints/{number}/triage`. */
  path: string;
  /** Express pattern serving it, e.g. `/complaints/:number/triage`. */
  expressPath: string;
  operationId: string;
  tag: string;
  /** The permission checked (PERMISSIONS), or 'authenticated' / 'public'. */
  access: Action | 'authenticated' | 'public';
  /** Roles that may call it. */
  roles: readonly Role[];
}

// ─── Error responses ─────────────────────────────────────────────────────────────────────────────

const ERROR_RESPONSES = {
  400: { name: 'ValidationFailed', description: 'Invalid request: `validation_failed` with one `fields` entry per problem, or `malformed_json`.', example: { error: { code: 'validation_failed', message: 'invalid request: body.description', fields: [{ path: 'body.description', message: 'Too small: expected string to have >=1 characters' }], requestId: '3f0c…' } } },
  401: { name: 'Unauthorized', description: 'No bearer token, or it is invalid or expired (`unauthorized`).', example: { error: { code: 'unauthorized', message: 'missing bearer token', requestId: '3f0c…' } } },
  403: { name: 'Forbidden', description: 'The caller’s role may not do this, or not to this complaint (`forbidden`).', example: { error: { code: 'forbidden', message: 'role customer may not list', requestId: '3f0c…' } } },
  404: { name: 'NotFound', description: 'No such resource, or not visible to the caller (`not_found`).', example: { error: { code: 'not_found', message: 'complaint not found', requestId: '3f0c…' } } },
  409: { name: 'Conflict', description: 'The complaint is in a stage where this is not possible (`wrong_stage`, with `stage`), or a request with the same Idempotency-Key is still running (`request_in_progress`).', example: { error: { code: 'wrong_stage', message: 'triage is not possible in stage closed', stage: 'closed', requestId: '3f0c…' } } },
  413: { name: 'PayloadTooLarge', description: 'The body exceeds 64 kB (`payload_too_large`).', example: { error: { code: 'payload_too_large', message: 'request body is too large', requestId: '3f0c…' } } },
  422: { name: 'Unprocessable', description: 'This Idempotency-Key was used before with a different request (`idempotency_key_reused`), or the database refused the action’s data and nothing was changed (`not_stored`).', example: { error: { code: 'idempotency_key_reused', message: 'this Idempotency-Key was used with a different request', requestId: '3f0c…' } } },
  503: { name: 'Unavailable', description: 'PostgreSQL or the workflow engine does not answer (`unavailable`); nothing was done. Retry after `Retry-After` seconds, with the same Idempotency-Key.', example: { error: { code: 'unavailable', message: 'the database is not available; retry shortly', requestId: '3f0c…' } } },
} as const satisfies Record<ErrorStatus, { name: string; description: string; example: ErrorBody }>;

const TAGS = [
  { name: 'Complaints', description: 'Receiving, reading and listing complaints.' },
  { name: 'Complaint actions', description: 'One route per lifecycle action; each is forwarded to the complaint’s workflow, whose validator has the last word (stage, authority tiers).' },
  { name: 'Work', description: 'Queues people work from.' },
  { name: 'Notifications', description: 'Delivery status and the in-app inbox.' },
  { name: 'Reports', description: 'Key figures.' },
  { name: 'Knowledge', description: 'The knowledge base: articles on common problems, suggested while triaging and proposing.' },
  { name: 'Quality', description: 'Quality review (质检) of handled cases: the queue, scores, coaching, disputes.' },
  { name: 'Tracking', description: 'Complainants without an account: the tracking page and its link.' },
  { name: 'Administration', description: 'Business calendars and the staff directory.' },
  { name: 'Operations', description: 'Health, readiness, metrics and this documentation. No token needed.' },
];

function accessText(access: Access): string {
  if (access === 'public') return '**Access:** public (no token).';
  if (access === 'authenticated') return `**Roles:** any signed-in caller (${ROLES.join(', ')}); each sees only their own data.`;
  return `**Roles:** ${PERMISSIONS[access.permission].join(', ')} (permission \`${access.permission}\`).`;
}

export const ROUTES: readonly DocumentedRoute[] = Object.freeze(
  OPERATIONS.map((op) =>
    Object.freeze({
      method: op.method,
      path: op.path,
      expressPath: expressPath(op.path),
      operationId: op.operationId,
      tag: op.tag,
      access: typeof op.access === 'string' ? op.access : op.access.permission,
      roles: rolesOf(op.access),
    }),
  ),
);

function responseConfig(spec: ResponseSpec): ResponseConfig {
  const media = spec.mediaType ?? (spec.schema ? 'application/json' : undefined);
  return {
    description: spec.description,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(media ? { content: { [media]: { schema: spec.schema ?? { type: 'string' } } } } : {}),
  };
}

function requestConfig(op: Operation<AppDependencies>): RouteConfig['request'] {
  const r = op.request;
  if (!r) return undefined;
  return {
    ...(r.params ? { params: r.params as never } : {}),
    ...(r.query ? { query: r.query as never } : {}),
    ...(r.headers ? { headers: r.headers as never } : {}),
    ...(r.body ? { body: { required: true, description: r.bodyDescription, content: { 'application/json': { schema: r.body } } } } : {}),
  };
}

// ─── Generation ──────────────────────────────────────────────────────────────────────────────────

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

function generate(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'HS256 or RS256 token with `sub` (user or customer id), `role` and, for staff, `dept`; issuer and audience `complaint-service`.',
  });
  registry.register('Error', ErrorSchema);
  for (const { name, description, example } of Object.values(ERROR_RESPONSES)) {
    registry.registerComponent('responses', name, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example } } });
  }

  for (const op of OPERATIONS) {
    const responses: RouteConfig['responses'] = Object.fromEntries(Object.entries(op.responses).map(([status, spec]) => [status, responseConfig(spec)]));
    // Every route that reaches a dependency may answer 503.
    const errors: ErrorStatus[] = op.access === 'public' ? op.errors : [...op.errors, 503];
    for (const status of errors) responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
    registry.registerPath({
      method: op.method,
      path: op.path,
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, accessText(op.access)].filter(Boolean).join('\n\n'),
      security: op.access === 'public' ? [] : [{ bearerAuth: [] }],
      'x-roles': [...rolesOf(op.access)],
      'x-permission': typeof op.access === 'string' ? op.access : op.access.permission,
      // Complaint actions: the action's name and the stages it fits, for clients that draw its form.
      ...(isAction(op.operationId) ? { 'x-action': op.operationId, 'x-stages': [...ACTION_RULES[op.operationId].stages] } : {}),
      request: requestConfig(op),
      responses,
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Complaint service API',
      version: API_VERSION,
      description:
        'Complaint handling: intake, triage, investigation, proposals and approvals, execution, satisfaction and follow-up. Every answer carries `X-Request-Id`; every error has the `Error` shape.',
    },
    servers: [{ url: '/' }],
    tags: TAGS,
    security: [{ bearerAuth: [] }],
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const isAction = (id: string): id is ComplaintActionName => (COMPLAINT_ACTIONS as readonly string[]).includes(id);

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document, built once and frozen (clone it before handing it to a mutating tool). */
export function buildOpenApiDocument(): OpenApiDocument {
  cached ??= deepFreeze(generate());
  return cached;
}
