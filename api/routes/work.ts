import { Router } from 'express';
import type { Database } from '../../db/client';
import { listForComplaint } from '../../notifications/inbox';
import { requireAction } from '../auth';
import { stuckQuerySchema, type ReadModel } from '../read-model';
import { complaintNumber, parseOrThrow } from './complaints';

/** Views people work from: their own queue, and the supervisor's list of breached or stuck cases. */
export function workRouter(db: Database, readModel: ReadModel): Router {
  const router = Router();

  router.get('/me/work', requireAction('list'), async (req, res) => {
    res.json(await readModel.workOf(req.actor!));
  });

  router.get('/supervision/stuck', requireAction('reports'), async (req, res) => {
    res.json(await readModel.stuck(parseOrThrow(stuckQuerySchema, req.query, 'query')));
  });

  router.get('/complaints/:number/notifications', requireAction('readInternal'), async (req, res) => {
    const row = await readModel.findComplaint(complaintNumber(req), req.actor!);
    res.json({ items: await listForComplaint(db, row.number) });
  });

  return router;
}
