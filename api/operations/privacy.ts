/**
 * Personal data (个人信息保护法): a complaint's legal hold and retention state, people's data requests
 * (access, copy, correction, deletion) with their queue, export and answer, and the retention sweep.
 * Requests by tracking link are in `tracking.ts`. Every export read is audited.
 */
import { z } from 'zod';
import { dataRequestSelectSchema, type DataRequestRow } from '../../db/schema';
import { exportAsHtml, type PersonalDataExport } from '../../db/personal-data-export';
import { DATA_REQUEST_ID, DATA_REQUEST_KIND_NAMES, DATA_REQUEST_STATUSES } from '../../domain/data-requests';
import { DEFAULT_RETENTION, LEGAL_HOLD_REASON_NAMES } from '../../domain/retention';
import type { Viewer } from '../read/scopes';
import { dataRequestInScope, dataRequestsInScope, lastRetentionRuns } from '../read/privacy';
import { HttpError, notFound } from '../http/errors';
import { operation, Reply, type Operation } from '../http/operation';
import { numberParam } from '../schemas/requests';
import { dateTime } from '../schemas/responses';
import { recordAudit } from '../write/audit';
import { requestsOfPerson } from '../write/privacy';
import type { AppDependencies } from './dependencies';

type Op = Operation<AppDependencies>;

const words = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/, 'a phone number');

/** What a person may ask; a correction names the new values. */
export const dataRequestCreateSchema = z.strictObject({
  kind: z.enum(DATA_REQUEST_KIND_NAMES),
  details: words(2000).optional().openapi({ description: 'The person’s words (what they want to see, why they ask).' }),
  correction: z.strictObject({ name: words(100).optional(), phone: phone.optional(), email: z.email().max(200).optional() }).optional(),
});

export const dataRequestAnswerSchema = z.strictObject({
  decision: z.enum(['answer', 'refuse']).openapi({ description: '`answer`: do what was asked (export, correction, erasure); `refuse`: with `reason`.' }),
  reason: words(1000).optional(),
});

const legalHoldSchema = z.strictObject({ reason: z.enum(LEGAL_HOLD_REASON_NAMES), note: words(1000) });
const releaseQuery = z.object({ note: words(1000) });
const requestIdParam = z.object({ id: z.string().regex(DATA_REQUEST_ID, 'PIR-YYYYMMDD-NNNNNN') });
const exportQuery = z.object({ format: z.enum(['json', 'html']).default('json') });

/** A request as staff see it: the person's words, never the export (read on its own route, audited). */
export const DataRequestSchema = dataRequestSelectSchema.omit({ export: true, complainantKey: true, workflowStartedAt: true }).extend({ exportAvailable: z.boolean() }).openapi('DataRequest');
/** A request as the person sees it on the tracking page. */
export const TrackedDataRequestSchema = DataRequestSchema.pick({ id: true, kind: true, status: true, receivedAt: true, dueAt: true, dueLastDay: true, answeredAt: true, answerNote: true, exportAvailable: true }).openapi('TrackedDataRequest');

export function dataRequestView(row: DataRequestRow): z.infer<typeof DataRequestSchema> {
  const { export: exported, complainantKey: _key, workflowStartedAt: _started, ...rest } = row;
  return { ...rest, exportAvailable: exported !== null };
}

export function trackedDataRequestView(row: DataRequestRow): z.infer<typeof TrackedDataRequestSchema> {
  const v = dataRequestView(row);
  return { id: v.id, kind: v.kind, status: v.status, receivedAt: v.receivedAt, dueAt: v.dueAt, dueLastDay: v.dueLastDay, answeredAt: v.answeredAt, answerNote: v.status === 'refused' ? v.answerNote : null, exportAvailable: v.exportAvailable };
}

/** The stored export, answered as JSON or as a page; every read is in the audit trail. */
export async function sendExport(deps: AppDependencies, row: DataRequestRow, reader: { id: string; role?: Viewer['role'] }, format: 'json' | 'html', locale: 'zh-CN' | 'en'): Promise<Reply> {
  if (!row.export) throw new HttpError(409, 'no_export', row.status === 'open' ? `request ${row.id} is not answered yet` : `request ${row.id} has no export (it was not an access or copy request, or its export expired)`, { status: row.status });
  await recordAudit(deps.db, { actor: reader, action: 'personal_data_exported', subject: row.id, after: { complaint: row.complaintNumber, format } });
  const data = row.export as unknown as PersonalDataExport;
  const headers = { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${row.id}.${format}"` };
  return format === 'html' ? Reply.text('html', exportAsHtml(data, locale), headers) : Reply.json(200, data, headers);
}

export const PRIVACY_OPERATIONS: Op[] = [
  operation({
    method: 'get',
    path: '/complaints/{number}/personal-data',
    operationId: 'getComplaintPersonalData',
    tag: 'Personal data',
    summary: 'Retention state of a complaint: legal hold, what was erased, the person’s data requests',
    access: { permission: 'readInternal' },
    request: { params: numberParam },
    responses: {
      200: {
        description: 'The complaint’s personal-data state.',
        schema: z.object({
          legalHold: z.object({ reason: z.enum(LEGAL_HOLD_REASON_NAMES), note: z.string().nullable(), by: z.string().nullable(), at: dateTime.nullable() }).nullable(),
          personalDataErased: z.record(z.string(), z.string()),
          dataRequests: z.array(DataRequestSchema),
        }),
      },
    },
    errors: [400, 401, 403, 404],
    async handle({ params }, { deps, actor }) {
      const { row, access } = await deps.readModel.locate(params.number, actor);
      if (access !== 'case') throw notFound('complaint');
      return {
        legalHold: row.legalHoldReason ? { reason: row.legalHoldReason, note: row.legalHoldNote, by: row.legalHoldBy, at: row.legalHoldAt?.toISOString() ?? null } : null,
        personalDataErased: row.personalDataErased,
        dataRequests: (await requestsOfPerson(deps.db, row.number)).map(dataRequestView),
      };
    },
  }),
  operation({
    method: 'put',
    path: '/complaints/{number}/legal-hold',
    operationId: 'placeLegalHold',
    tag: 'Personal data',
    summary: 'Put a complaint under a legal hold',
    description: 'Its personal data is kept past the retention periods until the hold is released (a dispute, a regulator’s review, an investigation). Audited.',
    access: { permission: 'legalHold' },
    request: { params: numberParam, body: legalHoldSchema },
    responses: { 204: { description: 'Held.' } },
    errors: [400, 401, 403, 404],
    async handle({ params, body }, { deps, actor }) {
      const { access } = await deps.readModel.locate(params.number, actor);
      if (access !== 'case') throw notFound('complaint');
      await deps.privacy.placeHold(actor, params.number, body);
      return Reply.empty();
    },
  }),
  operation({
    method: 'delete',
    path: '/complaints/{number}/legal-hold',
    operationId: 'releaseLegalHold',
    tag: 'Personal data',
    summary: 'Release a complaint’s legal hold',
    description: 'The next retention sweep may erase what is past its period. `note` says why. Audited.',
    access: { permission: 'legalHold' },
    request: { params: numberParam, query: releaseQuery },
    responses: { 204: { description: 'Released.' } },
    errors: [400, 401, 403, 404, 409],
    async handle({ params, query }, { deps, actor }) {
      const { access } = await deps.readModel.locate(params.number, actor);
      if (access !== 'case') throw notFound('complaint');
      await deps.privacy.releaseHold(actor, params.number, query.note);
      return Reply.empty();
    },
  }),
  operation({
    method: 'post',
    path: '/complaints/{number}/data-requests',
    operationId: 'takeDataRequest',
    tag: 'Personal data',
    summary: 'Take down the complainant’s request about their personal data',
    description: 'Access, copy, correction or deletion (PIPL Art. 45–47), by the complainant (signed in) or by staff on their behalf (a call, a letter). It goes to the complaint’s handler (else a supervisor of its department) with a legal clock of 15 working days.',
    access: { permission: 'takeDataRequest' },
    request: { params: numberParam, body: dataRequestCreateSchema },
    responses: { 201: { description: 'Taken; its clock runs.', schema: DataRequestSchema } },
    errors: [400, 401, 403, 404, 409],
    async handle({ params, body }, { deps, actor }) {
      await deps.readModel.locate(params.number, actor);
      const row = await deps.privacy.receiveRequest(actor, params.number, body, actor.role === 'customer' ? 'customer_account' : actor.id);
      return Reply.json(201, dataRequestView(row), { Location: `/data-requests/${row.id}` });
    },
  }),
  operation({
    method: 'get',
    path: '/data-requests',
    operationId: 'listDataRequests',
    tag: 'Personal data',
    summary: 'People’s data requests: mine to answer, and those of complaints in my scope',
    description: 'Open ones first, by due date.',
    access: { permission: 'dataRequests' },
    request: { query: z.object({ status: z.enum(DATA_REQUEST_STATUSES).optional() }) },
    responses: { 200: { description: 'The requests.', schema: z.object({ items: z.array(DataRequestSchema) }) } },
    errors: [400, 401, 403],
    async handle({ query }, { deps, actor }) {
      return { items: (await dataRequestsInScope(deps.db, actor, query.status)).map(dataRequestView) };
    },
  }),
  operation({
    method: 'get',
    path: '/data-requests/{id}',
    operationId: 'getDataRequest',
    tag: 'Personal data',
    summary: 'One data request',
    access: { permission: 'dataRequests' },
    request: { params: requestIdParam },
    responses: { 200: { description: 'The request.', schema: DataRequestSchema } },
    errors: [400, 401, 403, 404],
    async handle({ params }, { deps, actor }) {
      return dataRequestView(await dataRequestInScope(deps.db, actor, params.id));
    },
  }),
  operation({
    method: 'get',
    path: '/data-requests/{id}/export',
    operationId: 'getDataRequestExport',
    tag: 'Personal data',
    summary: 'The export answering an access or copy request (JSON, or `?format=html`)',
    description: 'Everything the service holds about the person. Each read is audited (`personal_data_exported`).',
    access: { permission: 'dataRequests' },
    request: { params: requestIdParam, query: exportQuery },
    responses: { 200: { description: 'The export.', schema: z.record(z.string(), z.unknown()) } },
    errors: [400, 401, 403, 404, 409],
    async handle({ params, query }, { deps, actor }) {
      return sendExport(deps, await dataRequestInScope(deps.db, actor, params.id), actor, query.format, 'zh-CN');
    },
  }),
  operation({
    method: 'post',
    path: '/data-requests/{id}/answer',
    operationId: 'answerDataRequest',
    tag: 'Personal data',
    summary: 'Answer a data request: do it, or refuse it with a reason',
    description:
      'Access and copy: the export is made (downloadable by the person on the tracking page for the retention policy’s `copies.requestExports`). Correction: every complaint of the person is corrected. Deletion: the person is told, then their data is erased from every complaint (as the retention sweep does) — possible once all their complaints have ended and none is under a legal hold (409 naming them otherwise). A refusal needs `reason`. 409 with `status` once answered.',
    access: { permission: 'answerDataRequest' },
    request: { params: requestIdParam, body: dataRequestAnswerSchema },
    responses: { 200: { description: 'Answered.', schema: DataRequestSchema } },
    errors: [400, 401, 403, 404, 409],
    async handle({ params, body }, { deps, actor }) {
      await dataRequestInScope(deps.db, actor, params.id);
      return dataRequestView(await deps.privacy.answerRequest(actor, params.id, body));
    },
  }),
  operation({
    method: 'get',
    path: '/admin/retention',
    operationId: 'getRetention',
    tag: 'Administration',
    summary: 'The retention rules in force and the sweep’s last runs (counts only)',
    access: { permission: 'retention' },
    responses: {
      200: {
        description: 'Rules and runs.',
        schema: z.object({ rules: z.record(z.string(), z.unknown()), runs: z.array(z.object({ id: z.string(), startedAt: dateTime, finishedAt: dateTime, complaints: z.int(), counts: z.record(z.string(), z.unknown()) })) }),
      },
    },
    errors: [401, 403],
    async handle(_input, { deps }) {
      return { rules: (await deps.policy()).retention ?? DEFAULT_RETENTION, runs: await lastRetentionRuns(deps.db) };
    },
  }),
  operation({
    method: 'post',
    path: '/admin/retention/sweeps',
    operationId: 'runRetentionSweep',
    tag: 'Administration',
    summary: 'Run the retention sweep now',
    description: 'Triggers the sweep’s Temporal schedule (its runs appear under `GET /admin/retention`). Audited.',
    access: { permission: 'administer' },
    responses: { 202: { description: 'Started.' } },
    errors: [401, 403, 503],
    async handle(_input, { deps, actor }) {
      await deps.privacy.runSweepNow(actor);
      return Reply.empty(202);
    },
  }),
];
