/** Receiving, reading and listing complaints, and one operation per action of `domain/actions.ts`. */
import { z } from 'zod';
import { ACTION_RULES, COMPLAINT_ACTIONS, type ComplaintActionName } from '../../domain/actions';
import { isAllowed } from '../../domain/permissions';
import { listForComplaint } from '../../notifications/inbox';
import { operation, Reply, type Operation } from '../http/operation';
import { listQuerySchema } from '../read/read-model';
import { ACTION_SCHEMAS } from '../schemas/actions';
import { numberParam } from '../schemas/requests';
import { ActionResultSchema, ComplaintDocumentSchema, CustomerActionResultSchema, CustomerViewSchema, FrontDeskActionResultSchema, FrontDeskViewSchema, DeliveryStatusSchema, documented, idempotencyHeader, IntakeAcceptedSchema, IntakeSchema, ListPageSchema, TimelineSchema } from '../schemas/responses';
import { performAction } from '../write/actions';
import { requestHash, validKey } from '../write/idempotency';
import { reissueTrackingLink, revokeTrackingLink } from '../write/tracking-links';
import type { AppDependencies } from './dependencies';

type Op = Operation<AppDependencies>;

function actionOperation(action: ComplaintActionName): Op {
  const rule = ACTION_RULES[action];
  return operation({
    method: 'post',
    path: `/complaints/{number}/${rule.route}`,
    operationId: action,
    tag: 'Complaint actions',
    summary: rule.summary,
    description: `Forwards \`${action}\` to the complaint’s workflow as an update and answers with the resulting state. **Stages:** ${rule.stages.join(', ')}. The role list below is necessary, not sufficient: the workflow also checks the stage and, for money, the approver’s authority tier.`,
    access: { permission: action },
    request: { params: numberParam, headers: idempotencyHeader, body: ACTION_SCHEMAS[action] as z.ZodType },
    responses: { 200: { description: 'Accepted; the complaint after the action (for a complainant: their view; at the front desk: its view).', schema: z.union([ActionResultSchema, FrontDeskActionResultSchema, CustomerActionResultSchema]) } },
    errors: [400, 401, 403, 404, 409, 413, 422],
    async handle({ params, body }, { req, deps, actor }) {
      const answer = await performAction(deps, { actor, number: params.number, name: action, payload: body as never, key: validKey(req.header('Idempotency-Key')), rawBody: req.body });
      if (!answer.replayed) req.log.info({ complaint: params.number, action, stage: (answer.body as { state?: { stage?: string } }).state?.stage }, 'action accepted');
      return Reply.json(answer.status, answer.body, answer.replayed ? { 'Idempotent-Replayed': 'true' } : undefined);
    },
  });
}

export const COMPLAINT_OPERATIONS: Op[] = [
  operation({
    method: 'post',
    path: '/complaints',
    operationId: 'receiveComplaint',
    tag: 'Complaints',
    summary: 'Receive a complaint',
    description: 'Stores the intake, allocates a number and starts the complaint’s workflow. Customers file their own complaints; staff record complaints received by phone, in a store, by letter or from a regulator.',
    access: { permission: 'intake' },
    request: { headers: idempotencyHeader, body: IntakeSchema },
    responses: {
      201: {
        description: 'Received.',
        schema: IntakeAcceptedSchema,
        headers: {
          Location: { description: 'The new complaint, `/complaints/{number}`.', schema: { type: 'string' } },
          'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
        },
      },
    },
    errors: [400, 401, 403, 409, 413, 422],
    async handle({ body }, { req, deps, actor }) {
      const answer = await deps.intake.receive(actor, body, validKey(req.header('Idempotency-Key')), requestHash(req.body));
      req.log.info({ complaint: (answer.body as { number: string }).number, channel: body.channel, replayed: answer.replayed }, 'complaint received');
      return Reply.json(answer.status, answer.body, { ...answer.headers, ...(answer.replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
    },
  }),
  operation({
    method: 'get',
    path: '/complaints',
    operationId: 'listComplaints',
    tag: 'Complaints',
    summary: 'List complaints',
    description: 'The complaints in the caller’s scope (see the scope table in the README). Filters combine with AND; `q` searches the description. Sorting defaults to newest first.',
    access: { permission: 'list' },
    request: { query: listQuerySchema.extend({ escalationLevel: documented(listQuerySchema.shape.escalationLevel).openapi({ type: 'integer' }) }) },
    responses: { 200: { description: 'One page of complaints.', schema: ListPageSchema } },
    errors: [400, 401, 403],
    handle: ({ query }, { deps, actor }) => deps.readModel.list(query, actor),
  }),
  operation({
    method: 'get',
    path: '/complaints/{number}',
    operationId: 'getComplaint',
    tag: 'Complaints',
    summary: 'Read a complaint',
    description:
      'Staff get the complaint and its live state when it is in their scope; a hotline agent who asks for any other complaint by its exact number gets the front desk’s view; a complainant gets their allowlisted view (only their own complaints). Anything else answers 404, like an unknown number.',
    access: { permission: 'read' },
    request: { params: numberParam },
    responses: { 200: { description: 'The complaint (staff), the front desk’s view (an agent, out of scope), or the complainant’s view (customers).', schema: z.union([ComplaintDocumentSchema, FrontDeskViewSchema, CustomerViewSchema]) } },
    errors: [400, 401, 403, 404],
    async handle({ params }, { deps, actor }) {
      const { row, access } = await deps.readModel.locate(params.number, actor);
      const state = await deps.workflows.liveState(row);
      if (actor.role === 'customer') return deps.readModel.customerView(row, state, [actor.id]);
      return access === 'front_desk' ? deps.readModel.frontDeskView(row, state) : deps.readModel.document(row, state, actor);
    },
  }),
  operation({
    method: 'get',
    path: '/complaints/{number}/timeline',
    operationId: 'getComplaintTimeline',
    tag: 'Complaints',
    summary: 'Timeline of a complaint',
    description: 'Staff (permission `readInternal`) with the complaint in their scope also see internal events, actor ids and event data; the complainant and the front desk get the history in plain words.',
    access: { permission: 'read' },
    request: { params: numberParam },
    responses: { 200: { description: 'The events in order (staff), or the complainant’s history in plain words (customers).', schema: z.union([TimelineSchema, z.object({ number: z.string(), history: CustomerViewSchema.shape.history })]) } },
    errors: [400, 401, 403, 404],
    async handle({ params }, { deps, actor }) {
      const { row, access } = await deps.readModel.locate(params.number, actor);
      if (access === 'case' && actor.role !== 'customer') return deps.readModel.timeline(row.number, isAllowed(actor.role, 'readInternal'));
      // The complainant, and the front desk: the history in plain words.
      const view = await deps.readModel.customerView(row, await deps.workflows.liveState(row), actor.role === 'customer' ? [actor.id] : []);
      return { number: row.number, history: view.history };
    },
  }),
  ...COMPLAINT_ACTIONS.map(actionOperation),
  operation({
    method: 'get',
    path: '/complaints/{number}/notifications',
    operationId: 'getComplaintNotifications',
    tag: 'Notifications',
    summary: 'Delivery status of a complaint’s notifications',
    description: 'Every notification sent about the complaint, oldest first, with delivery attempts and the last error. No message bodies.',
    access: { permission: 'readInternal' },
    request: { params: numberParam },
    responses: { 200: { description: 'Notifications, oldest first.', schema: z.object({ items: z.array(DeliveryStatusSchema) }) } },
    errors: [400, 401, 403, 404],
    async handle({ params }, { deps, actor }) {
      const row = await deps.readModel.findComplaint(params.number, actor);
      return { items: await listForComplaint(deps.db, row.number) };
    },
  }),
  operation({
    method: 'post',
    path: '/complaints/{number}/tracking-link',
    operationId: 'reissueTrackingLink',
    tag: 'Tracking',
    summary: 'Give the complainant a new tracking link',
    description: 'The old link stops working at once. Give the new one to the complainant (it is not sent).',
    access: { permission: 'manageTrackingLink' },
    request: { params: numberParam },
    responses: { 201: { description: 'The new link.', schema: z.object({ number: z.string(), url: z.string() }) } },
    errors: [400, 401, 403, 404],
    async handle({ params }, { req, deps, actor }) {
      await deps.readModel.findComplaint(params.number, actor);
      const link = await reissueTrackingLink(deps.db, deps.tracking, params.number, actor);
      req.log.info({ complaint: params.number, by: actor.id }, 'tracking link reissued');
      return link;
    },
  }),
  operation({
    method: 'delete',
    path: '/complaints/{number}/tracking-link',
    operationId: 'revokeTrackingLink',
    tag: 'Tracking',
    summary: 'Revoke the complainant’s tracking link',
    description: 'The page then answers exactly like for an unknown number.',
    access: { permission: 'manageTrackingLink' },
    request: { params: numberParam },
    responses: { 204: { description: 'Revoked.' } },
    errors: [400, 401, 403, 404],
    async handle({ params }, { req, deps, actor }) {
      await deps.readModel.findComplaint(params.number, actor);
      await revokeTrackingLink(deps.db, params.number, actor);
      req.log.info({ complaint: params.number, by: actor.id }, 'tracking link revoked');
      return Reply.empty();
    },
  }),
];
