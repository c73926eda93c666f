/** Health, readiness, metrics and this API's documentation. No token needed. */
import { z } from 'zod';
import { operation, Reply, type Operation } from '../http/operation';
import { docsPageHtml } from '../pages/docs-page';
import type { AppDependencies } from './dependencies';

/** The document is generated from the operations table, which includes this entry: asked for lazily. */
export function systemOperations(openApiDocument: () => unknown, metricsText: () => Promise<{ contentType: string; body: string }>): Operation<AppDependencies>[] {
  const checks = z.record(z.string(), z.string());
  return [
    operation({
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      tag: 'Operations',
      summary: 'Liveness',
      access: 'public',
      responses: { 200: { description: 'The process is up.', schema: z.object({ status: z.literal('ok') }) } },
      errors: [],
      handle: () => ({ status: 'ok' }),
    }),
    operation({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      tag: 'Operations',
      summary: 'Readiness',
      description: 'Checks each dependency (PostgreSQL, Temporal).',
      access: 'public',
      responses: {
        200: { description: 'Every dependency answers.', schema: z.object({ status: z.literal('ready'), checks }) },
        503: { description: 'A dependency does not answer; `checks` says which.', schema: z.object({ status: z.literal('not ready'), checks }) },
      },
      errors: [],
      async handle(_input, { deps }) {
        const results = await Promise.all(
          Object.entries(deps.readiness).map(async ([name, check]) => {
            try {
              await check();
              return [name, 'ok'] as const;
            } catch (err) {
              return [name, `unavailable: ${err instanceof Error ? err.message : String(err)}`] as const;
            }
          }),
        );
        const ready = results.every(([, status]) => status === 'ok');
        return Reply.json(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
      },
    }),
    operation({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      tag: 'Operations',
      summary: 'Prometheus metrics',
      access: 'public',
      responses: { 200: { description: 'Prometheus text exposition format.', mediaType: 'text/plain' } },
      errors: [],
      async handle() {
        const { contentType, body } = await metricsText();
        return Reply.text(contentType, body);
      },
    }),
    operation({
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      tag: 'Operations',
      summary: 'This OpenAPI document',
      access: 'public',
      responses: { 200: { description: 'OpenAPI 3.1 document.', schema: z.object({}).passthrough() } },
      errors: [],
      handle: () => openApiDocument(),
    }),
    operation({
      method: 'get',
      path: '/docs',
      operationId: 'getDocs',
      tag: 'Operations',
      summary: 'Human-readable API documentation',
      access: 'public',
      responses: { 200: { description: 'An HTML page rendering this document; works offline.', mediaType: 'text/html' } },
      errors: [],
      handle: () => Reply.text('html', docsPageHtml()),
    }),
  ];
}
