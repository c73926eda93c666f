import { Router } from 'express';
import type { Database } from '../../db/client';
import { z } from 'zod';
import { boundedText, hasControlCharacters } from '../../domain/text';
import { listForComplaint, listForOperators, requestResend } from '../../notifications/inbox';
import { HttpError, validationFailed } from '../errors';
import { requireAction } from '../auth';
import { stuckQuerySchema, type ReadModel } from '../read-model';
import { complaintNumber, parseOrThrow } from './complaints';

export const operatorNotificationsQuerySchema = z.strictObject({
  status: z.enum(['unconfirmed', 'failed']).default('unconfirmed'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const resendBodySchema = z.strictObject({ reason: boundedText(500) });

/** Views people work from: their own queue, and the supervisor's list of breached or stuck cases. */
export function workRouter(db: Database, readModel: ReadModel): Router {
  const router = Router();

  router.get('/me/work', requireAction('list'), async (req, res) => {
    res.json(await readModel.workOf(req.actor!));
  });

  router.get('/supervision/team', requireAction('reports'), async (req, res) => {
    res.json(await readModel.team(req.actor!));
  });

  router.get('/supervision/stuck', requireAction('reports'), async (req, res) => {
    res.json(await readModel.stuck(parseOrThrow(stuckQuerySchema, req.query, 'query')));
  });

  /** Notifications that need a person's decision: `unconfirmed` (maybe delivered) or `failed`. */
  router.get('/supervision/notifications', requireAction('reports'), async (req, res) => {
    const q = parseOrThrow(operatorNotificationsQuerySchema, req.query, 'query');
    res.json({ items: await listForOperators(db, q.status, q.limit) });
  });

  /** Send an `unconfirmed` or `failed` e-mail/webhook (again): a person's decision, recorded on the row. */
  router.post('/supervision/notifications/:id/resend', requireAction('reports'), async (req, res) => {
    const id = String(req.params.id);
    if (id.length > 400 || hasControlCharacters(id, false)) throw validationFailed([{ path: 'params.id', message: 'not a notification id' }]);
    const body = parseOrThrow(resendBodySchema, req.body, 'body');
    if (!(await requestResend(db, id, req.actor!.id, body.reason))) throw new HttpError(409, 'not_resendable', 'only an unconfirmed or failed e-mail or webhook can be sent again');
    req.log.warn({ notification: id, by: req.actor!.id }, 'notification resend requested');
    res.status(202).json({ id, status: 'pending' });
  });

  router.get('/complaints/:number/notifications', requireAction('readInternal'), async (req, res) => {
    const row = await readModel.findComplaint(complaintNumber(req), req.actor!);
    res.json({ items: await listForComplaint(db, row.number) });
  });

  return router;
}
