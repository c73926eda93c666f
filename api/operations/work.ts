/** Queues people work from, and the supervisor's views of the team, stuck cases and undelivered notifications. */
import { z } from 'zod';
import { listForOperators } from '../../notifications/inbox';
import { reachedComplaints } from '../read/scopes';
import { resendNotification } from '../write/notification-resend';
import { operation, Reply, type Operation } from '../http/operation';
import { stuckQuerySchema } from '../read/read-model';
import { notificationIdParam, operatorNotificationsQuerySchema, resendBodySchema } from '../schemas/requests';
import { DeliveryStatusSchema, documented, SummaryItemsSchema, TeamSchema, WorkQueueSchema } from '../schemas/responses';
import type { AppDependencies } from './dependencies';

export const WORK_OPERATIONS: Operation<AppDependencies>[] = [
  operation({
    method: 'get',
    path: '/me/work',
    operationId: 'getMyWork',
    tag: 'Work',
    summary: 'My work queue',
    description:
      'Everything waiting on the caller, nearest due time first: complaints they own (`case`), approvals their tier may grant (`approval`; supervisors in their department, managers in any), follow-up visits assigned to them (`visit`) and task forces they are in (`task_force`), with counts per kind.',
    access: { permission: 'list' },
    responses: { 200: { description: 'The caller’s queue.', schema: WorkQueueSchema } },
    errors: [401, 403],
    handle: (_input, { deps, actor }) => deps.readModel.workOf(actor),
  }),
  operation({
    method: 'get',
    path: '/supervision/team',
    operationId: 'getMyTeam',
    tag: 'Work',
    summary: 'My team’s workload',
    description: 'Per person reporting to the caller (`supervisorId` in the staff directory): open items, breached items and the oldest due time.',
    access: { permission: 'supervise' },
    responses: { 200: { description: 'One row per direct report.', schema: TeamSchema } },
    errors: [401, 403],
    handle: (_input, { deps, actor }) => deps.readModel.team(actor),
  }),
  operation({
    method: 'get',
    path: '/supervision/stuck',
    operationId: 'getStuckComplaints',
    tag: 'Work',
    summary: 'Breached or stuck complaints',
    description: 'Open complaints whose deadline was breached, or (unless `breachedOnly`) that have not moved for `olderThanMinutes`. Least recently moved first.',
    access: { permission: 'reports' },
    request: { query: stuckQuerySchema.extend({ breachedOnly: documented(stuckQuerySchema.shape.breachedOnly).openapi({ default: 'false' }) }) },
    responses: { 200: { description: 'Complaints needing attention.', schema: SummaryItemsSchema.extend({ olderThanMinutes: z.int().optional() }) } },
    errors: [400, 401, 403],
    handle: ({ query }, { deps, actor }) => deps.readModel.stuck(query, actor),
  }),
  operation({
    method: 'get',
    path: '/supervision/notifications',
    operationId: 'listNotificationsNeedingDecision',
    tag: 'Notifications',
    summary: 'Notifications that need a person’s decision',
    description: '`unconfirmed`: an attempt may or may not have delivered it (not retried, to avoid a duplicate); `failed`: not delivered, with the reason. Oldest first; no message bodies.',
    access: { permission: 'supervise' },
    request: { query: operatorNotificationsQuerySchema.extend({ status: documented(operatorNotificationsQuerySchema.shape.status).openapi({ default: 'unconfirmed' }) }) },
    responses: { 200: { description: 'The notifications.', schema: z.object({ items: z.array(DeliveryStatusSchema.extend({ complaintNumber: z.string() })) }) } },
    errors: [400, 401, 403],
    handle: async ({ query }, { deps, actor }) => ({ items: await listForOperators(deps.db, query.status, query.limit, reachedComplaints(actor)) }),
  }),
  operation({
    method: 'post',
    path: '/supervision/notifications/{id}/resend',
    operationId: 'resendNotification',
    tag: 'Notifications',
    summary: 'Send an unconfirmed or failed notification (again)',
    description: 'A person’s decision after checking the mail server or receiver: the row goes back to `pending` with the decision noted, and the worker’s outbox sweep delivers it within a minute.',
    access: { permission: 'supervise' },
    request: { params: notificationIdParam, body: documented(resendBodySchema) },
    responses: { 202: { description: 'Queued for delivery.', schema: z.object({ id: z.string(), status: z.literal('pending') }) } },
    errors: [400, 401, 403, 404, 409],
    async handle({ params, body }, { req, deps, actor }) {
      await resendNotification(deps.db, deps.readModel, params.id, actor, body.reason);
      req.log.warn({ notification: params.id, by: actor.id }, 'notification resend requested');
      return Reply.json(202, { id: params.id, status: 'pending' });
    },
  }),
];
