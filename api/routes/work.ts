import { Router } from 'express';
import { and, asc, eq, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { complaints } from '../../db/schema';
import { listForComplaint } from '../../notifications/inbox';
import { requireAction } from '../auth';
import type { ComplaintGateway } from '../complaints-gateway';
import { COMPLAINT_NUMBER, parseOrThrow, summary } from './complaints';
import { HttpError } from '../errors';

const OPEN = ne(complaints.stage, 'closed');

export const stuckQuerySchema = z.strictObject({
  olderThanMinutes: z.coerce.number().int().min(1).max(60 * 24 * 90).default(Number(process.env.STUCK_AFTER_MINUTES ?? 24 * 60)),
  breachedOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** Views people work from: their own queue, and the supervisor's list of breached or stuck cases. */
export function workRouter(db: Database, gateway: ComplaintGateway): Router {
  const router = Router();

  router.get('/me/work', requireAction('list'), async (req, res) => {
    const rows = await db
      .select()
      .from(complaints)
      .where(and(OPEN, eq(complaints.assigneeId, req.actor!.id)))
      .orderBy(sql`${complaints.nextDeadlineAt} asc nulls last`, asc(complaints.number))
      .limit(200);
    res.json({ items: rows.map(summary) });
  });

  router.get('/supervision/stuck', requireAction('reports'), async (req, res) => {
    const q = parseOrThrow(stuckQuerySchema, req.query, 'query');
    const stale = lt(complaints.lastTransitionAt, new Date(Date.now() - q.olderThanMinutes * 60_000));
    const rows = await db
      .select()
      .from(complaints)
      .where(and(OPEN, q.breachedOnly ? eq(complaints.slaBreached, true) : or(eq(complaints.slaBreached, true), stale)))
      .orderBy(asc(complaints.lastTransitionAt))
      .limit(500);
    res.json({ items: rows.map(summary), olderThanMinutes: q.olderThanMinutes });
  });

  router.get('/complaints/:number/notifications', requireAction('readInternal'), async (req, res) => {
    const number = String(req.params.number);
    if (!COMPLAINT_NUMBER.test(number)) throw new HttpError(400, 'validation_failed', 'not a complaint number', { fields: [{ path: 'params.number', message: 'invalid format' }] });
    await gateway.findRow(number, req.actor!);
    res.json({ items: await listForComplaint(db, number) });
  });

  return router;
}
