/** The caller's in-app notifications (staff and customers alike). */
import type { Actor } from '../../domain/model';
import { InvalidCursorError, listInbox, markRead, type Recipient } from '../../notifications/inbox';
import { HttpError, validationFailed } from '../http/errors';
import { operation, Reply, type Operation } from '../http/operation';
import { inboxQuerySchema, notificationIdParam } from '../schemas/requests';
import { documented, InboxPageSchema } from '../schemas/responses';
import type { AppDependencies } from './dependencies';

const me = (actor: Actor): Recipient => ({ recipientType: actor.role === 'customer' ? 'customer' : 'staff', recipientId: actor.id });

export const INBOX_OPERATIONS: Operation<AppDependencies>[] = [
  operation({
    method: 'get',
    path: '/inbox',
    operationId: 'getInbox',
    tag: 'Notifications',
    summary: 'My in-app notifications',
    description: 'The caller’s own in-app notifications, newest first, paged by cursor.',
    access: 'authenticated',
    request: { query: inboxQuerySchema.extend({ unreadOnly: documented(inboxQuerySchema.shape.unreadOnly).openapi({ default: 'false', description: 'Only notifications not read yet.' }) }) },
    responses: { 200: { description: 'One page of notifications.', schema: InboxPageSchema } },
    errors: [400, 401],
    async handle({ query }, { deps, actor }) {
      try {
        return await listInbox(deps.db, { ...me(actor), ...query });
      } catch (err) {
        if (err instanceof InvalidCursorError) throw validationFailed([{ path: 'query.cursor', message: err.message }]);
        throw err;
      }
    },
  }),
  operation({
    method: 'post',
    path: '/inbox/{id}/read',
    operationId: 'markInboxItemRead',
    tag: 'Notifications',
    summary: 'Mark a notification read',
    access: 'authenticated',
    request: { params: notificationIdParam },
    responses: { 204: { description: 'Marked read (or it already was).' } },
    errors: [400, 401, 404],
    async handle({ params }, { deps, actor }) {
      if (!(await markRead(deps.db, params.id, me(actor)))) throw new HttpError(404, 'not_found', 'notification not found');
      return Reply.empty();
    },
  }),
];
