import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { InvalidCursorError, listInbox, markRead, type Recipient } from '../../notifications/inbox';
import { HttpError, validationFailed } from '../errors';
import { parseOrThrow } from './complaints';

export const inboxQuerySchema = z.strictObject({
  unreadOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'a cursor returned by a previous page').optional(),
});

/** The caller's in-app notifications (staff and customers alike). */
export function inboxRouter(db: Database): Router {
  const router = Router();
  const me = (actor: { id: string; role: string }): Recipient => ({ recipientType: actor.role === 'customer' ? 'customer' : 'staff', recipientId: actor.id });

  router.get('/inbox', async (req, res) => {
    const q = parseOrThrow(inboxQuerySchema, req.query, 'query');
    try {
      res.json(await listInbox(db, { ...me(req.actor!), ...q }));
    } catch (err) {
      if (err instanceof InvalidCursorError) throw validationFailed([{ path: 'query.cursor', message: err.message }]);
      throw err;
    }
  });

  router.post('/inbox/:id/read', async (req, res) => {
    const id = String(req.params.id);
    if (id.length > 400) throw validationFailed([{ path: 'params.id', message: 'too long' }]);
    if (!(await markRead(db, id, me(req.actor!)))) throw new HttpError(404, 'not_found', 'notification not found');
    res.status(204).end();
  });

  return router;
}
