/**
 * Tracking without an account: `GET /track/{number}` serves the page; the page calls the two API
 * operations with the link's secret in `X-Tracking-Secret`. Actions go through the same workflow
 * updates as the API (same validators, same 409/400 answers). A wrong secret, a revoked link and an
 * unknown number get the same answer; a client with 20 failed attempts in 15 minutes gets 429.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { ACTION_BY_ROUTE, ACTION_RULES, COMPLAINT_NUMBER } from '../../domain/actions';
import { HttpError } from '../http/errors';
import { operation, parsedOrThrow, parseOrThrow, Reply, type Operation } from '../http/operation';
import { requestsOfPerson } from '../write/privacy';
import { dataRequestCreateSchema, sendExport, trackedDataRequestView, TrackedDataRequestSchema } from './privacy';
import { builtPage, NOT_BUILT } from '../http/workspace';
import { CUSTOMER_ACTIONS, type CustomerAction } from '../read/customer-view';
import { createAttemptLimiter, freshRow, linkedComplaint, linkNotFound } from '../read/tracking';
import { parseActionPayload } from '../schemas/actions';
import { CustomerViewSchema } from '../schemas/responses';
import type { AppDependencies } from './dependencies';

const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const CUSTOMER_ROUTES = CUSTOMER_ACTIONS.map((a) => ACTION_RULES[a].route);

/**
 * The number as typed in the link: checked by the handler (`documentOnly`), so a malformed one
 * answers like an unknown one and counts as a failed attempt.
 */
const linkParams = z.object({ number: z.string().openapi({ description: 'Complaint number, CMP-YYYYMMDD-NNNNNN.', example: 'CMP-20250312-000042' }) });
const secretHeader = z.object({ 'X-Tracking-Secret': z.string() });

function queryLocale(req: Request): string | undefined {
  const lang = req.query.lang;
  return lang === 'en' || lang === 'zh-CN' ? lang : undefined;
}

/** The tracking operations of one app, with its own count of failed attempts per client. */
export function trackingOperations(): Operation<AppDependencies>[] {
  const limiter = createAttemptLimiter();
  const linked = (deps: AppDependencies, req: Request, number: string) => linkedComplaint(deps.db, deps.tracking, limiter, req.ip ?? 'unknown', number, req.header('x-tracking-secret') ?? '');
  return [
    operation({
      method: 'get',
      path: '/track/{number}',
      operationId: 'getTrackingPage',
      tag: 'Tracking',
      summary: 'The complainant’s tracking page (HTML)',
      description: 'Opened from the link in the acknowledgement (`/track/{number}#<secret>`); mobile-friendly, Simplified Chinese by default, `?lang=en` for English.',
      access: 'public',
      request: { params: linkParams, documentOnly: true },
      responses: { 200: { description: 'The page.', mediaType: 'text/html' } },
      errors: [404, 503],
      handle({ params }) {
        if (!COMPLAINT_NUMBER.test(params.number)) throw linkNotFound();
        // The page is the same for every complaint (web/track.html, its own small bundle); it reads the number from the address.
        const page = builtPage('track.html');
        if (!page) throw new HttpError(503, 'unavailable', NOT_BUILT);
        return Reply.text('html', page, { 'Content-Security-Policy': PAGE_POLICY, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' });
      },
    }),
    operation({
      method: 'get',
      path: '/track/api/{number}',
      operationId: 'getTrackedComplaint',
      tag: 'Tracking',
      summary: 'The complainant’s view, by tracking link',
      description: 'Header `X-Tracking-Secret`: the secret of the link. A wrong secret, a revoked link and an unknown number get the same 404; 20 failed attempts from one client in 15 minutes get 429.',
      access: 'public',
      request: { params: linkParams, headers: secretHeader, documentOnly: true },
      responses: { 200: { description: 'The complainant’s view.', schema: CustomerViewSchema }, 429: { description: 'Too many failed attempts (`Retry-After`).' } },
      errors: [404],
      async handle({ params }, { req, deps }) {
        const { row, selfIds } = await linked(deps, req, params.number);
        const view = await deps.readModel.customerView(row, await deps.workflows.liveState(row), selfIds, queryLocale(req));
        return Reply.json(200, view, { 'Cache-Control': 'no-store' });
      },
    }),
    operation({
      method: 'get',
      path: '/track/api/{number}/data-requests',
      operationId: 'listTrackedDataRequests',
      tag: 'Tracking',
      summary: 'The complainant’s requests about their personal data, by tracking link',
      access: 'public',
      request: { params: linkParams, headers: secretHeader, documentOnly: true },
      responses: { 200: { description: 'Newest first.', schema: z.object({ items: z.array(TrackedDataRequestSchema) }) }, 429: { description: 'Too many failed attempts.' } },
      errors: [404],
      async handle({ params }, { req, deps }) {
        const { row } = await linked(deps, req, params.number);
        return Reply.json(200, { items: (await requestsOfPerson(deps.db, row.number)).map(trackedDataRequestView) }, { 'Cache-Control': 'no-store' });
      },
    }),
    operation({
      method: 'post',
      path: '/track/api/{number}/data-requests',
      operationId: 'makeTrackedDataRequest',
      tag: 'Tracking',
      summary: 'Ask to access, copy, correct or delete one’s personal data, by tracking link',
      description: 'PIPL Art. 45–47: the request goes to the complaint’s handler with a legal clock of 15 working days; the answer is told to the person and shown here.',
      access: 'public',
      request: { params: linkParams, headers: secretHeader, body: dataRequestCreateSchema, documentOnly: true },
      responses: { 201: { description: 'Taken.', schema: TrackedDataRequestSchema }, 429: { description: 'Too many failed attempts.' } },
      errors: [400, 404, 409],
      async handle({ params }, { req, deps }) {
        const { row, actor } = await linked(deps, req, params.number);
        const body = parseOrThrow(dataRequestCreateSchema, req.body ?? {}, 'body');
        return Reply.json(201, trackedDataRequestView(await deps.privacy.receiveRequest(actor, row.number, body, 'tracking_link')));
      },
    }),
    operation({
      method: 'get',
      path: '/track/api/{number}/data-requests/{id}/export',
      operationId: 'getTrackedDataRequestExport',
      tag: 'Tracking',
      summary: 'Download one’s personal data (the answer to an access or copy request)',
      description: '`?format=html` for a page to read and print, JSON otherwise. Audited.',
      access: 'public',
      request: { params: linkParams.extend({ id: z.string() }), headers: secretHeader, query: z.object({ format: z.enum(['json', 'html']).optional() }), documentOnly: true },
      responses: { 200: { description: 'The export.', schema: z.record(z.string(), z.unknown()) }, 429: { description: 'Too many failed attempts.' } },
      errors: [404, 409],
      async handle({ params }, { req, deps }) {
        const { row, actor } = await linked(deps, req, params.number);
        const request = (await requestsOfPerson(deps.db, row.number)).find((r) => r.id === params.id);
        if (!request) throw new HttpError(404, 'not_found', 'data request not found');
        return sendExport(deps, request, actor, req.query.format === 'html' ? 'html' : 'json', queryLocale(req) === 'en' ? 'en' : 'zh-CN');
      },
    }),
    operation({
      method: 'post',
      path: '/track/api/{number}/{action}',
      operationId: 'actOnTrackedComplaint',
      tag: 'Tracking',
      summary: 'A complainant’s action, by tracking link',
      description: `The same workflow updates and answers as the API: ${CUSTOMER_ROUTES.map((r) => `\`${r}\``).join(', ')} (409 with the current stage, 400 naming fields).`,
      access: 'public',
      request: { params: linkParams.extend({ action: z.string().openapi({ enum: CUSTOMER_ROUTES }) }), headers: secretHeader, body: z.object({}).passthrough(), bodyDescription: 'The action’s payload, as for the API route of the same name.', documentOnly: true },
      responses: { 200: { description: 'Done; the complainant’s view after it.', schema: CustomerViewSchema }, 429: { description: 'Too many failed attempts.' } },
      errors: [400, 404, 409],
      async handle({ params }, { req, deps }) {
        const { row, actor, selfIds } = await linked(deps, req, params.number);
        const name = ACTION_BY_ROUTE.get(params.action);
        if (!name || !(CUSTOMER_ACTIONS as readonly string[]).includes(name)) throw new HttpError(404, 'not_found', `no action ${params.action}`);
        const action = name as CustomerAction;
        const payload = parsedOrThrow(parseActionPayload(action, req.body ?? {}), 'body');
        await deps.workflows.act(row, actor, action, payload);
        const fresh = await freshRow(deps.db, row);
        return deps.readModel.customerView(fresh, await deps.workflows.liveState(fresh), selfIds, queryLocale(req));
      },
    }),
  ];
}
