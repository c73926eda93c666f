/**
 * The API, typed from its own OpenAPI document (`schema.d.ts` is generated from `/openapi.json` at
 * build time by `scripts/build-web.ts`), so a page that drifts from the API fails the build's type
 * check. Every call carries the signed-in person's access token.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { accessToken } from './auth';
import type { JsonSchema } from './forms/widgets';

export type { JsonSchema };

export type Schemas = components['schemas'];
export type ErrorBody = Schemas['Error'];

const bearer: Middleware = {
  onRequest({ request }) {
    const token = accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin });
api.use(bearer);

/** An answer other than 2xx, with the API's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
  }
}

/** The data of a call, or an ApiError. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error as ErrorBody | undefined);
  return data as T;
}

/** The OpenAPI document itself, for the forms drawn from each action's schema. */
interface OperationDoc {
  operationId: string;
  'x-roles'?: string[];
  summary?: string;
  'x-action'?: string;
  'x-stages'?: string[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

let documentPromise: Promise<{ paths: Record<string, Record<string, OperationDoc>>; components: { schemas: Record<string, JsonSchema> } }> | undefined;

export function openApiDocument() {
  documentPromise ??= fetch('/openapi.json').then((r) => r.json());
  return documentPromise;
}

/** Each action's path and body schema, by action name. */
export async function actionForms(): Promise<Record<string, { path: string; summary: string; schema: JsonSchema; components: Record<string, JsonSchema> }>> {
  const doc = await openApiDocument();
  const forms: Record<string, { path: string; summary: string; schema: JsonSchema; components: Record<string, JsonSchema> }> = {};
  for (const [path, methods] of Object.entries(doc.paths)) {
    const op = methods.post;
    if (op?.['x-action'] && op.requestBody) forms[op['x-action']] = { path, summary: op.summary ?? op.operationId, schema: op.requestBody.content['application/json'].schema, components: doc.components.schemas };
  }
  return forms;
}

export function intakeSchema(): Promise<{ schema: JsonSchema; components: Record<string, JsonSchema> }> {
  return openApiDocument().then((doc) => ({ schema: doc.paths['/complaints'].post.requestBody!.content['application/json'].schema, components: doc.components.schemas }));
}

/** The JSON body schema of an operation of the document (problem forms and the like). */
export async function operationBody(path: string, method: 'post' | 'patch' | 'put'): Promise<{ schema: JsonSchema; components: Record<string, JsonSchema> }> {
  const doc = await openApiDocument();
  return { schema: doc.paths[path][method].requestBody!.content['application/json'].schema, components: doc.components.schemas };
}

/** A file answer (CSV export) downloaded with the person's token. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${accessToken() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, undefined);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  URL.revokeObjectURL(url);
}
