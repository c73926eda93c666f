/**
 * Tracking without an account: `GET /track/{number}` serves the page; the page calls
 * `GET /track/api/{number}` and `POST /track/api/{number}/{action}` with the link's secret in the
 * `X-Tracking-Secret` header. Actions go through the same workflow updates as the API (same
 * validators, same 409/400 answers). A wrong secret, a revoked link and an unknown number get the same
 * answer; a client with 20 failed attempts in 15 minutes gets 429 until the window passes.
 * Staff reissue (`POST`) or revoke (`DELETE`) a complaint's link at `/complaints/{number}/tracking-link`.
 */
import { Router, type Request } from 'express';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints } from '../../db/schema';
import { ACTION_BY_ROUTE, COMPLAINT_NUMBER } from '../../domain/actions';
import { parseActionPayload } from '../schemas/actions';
import type { Actor } from '../../domain/model';
import { hashTrackingSecret, trackingSecretMatches, type TrackingLinks } from '../../runtime/tracking';
import { requireAction } from '../auth';
import { CUSTOMER_ACTIONS, type CustomerAction } from '../customer-view';
import { HttpError } from '../errors';
import type { ReadModel } from '../read-model';
import { trackingPageHtml } from '../tracking-page';
import type { WorkflowGateway } from '../workflow-gateway';
import { complaintNumber, parsedOrThrow } from './complaints';

const FAILED_ATTEMPTS_LIMIT = 20;
const WINDOW_MS = 15 * 60_000;

/** Failed look-ups per client (IP address), in this process: enough to make guessing pointless. */
export function createAttemptLimiter(limit = FAILED_ATTEMPTS_LIMIT, windowMs = WINDOW_MS) {
  const failures = new Map<string, { count: number; resetAt: number }>();
  return {
    check(client: string): void {
      const entry = failures.get(client);
      if (entry && entry.resetAt > Date.now() && entry.count >= limit) {
        throw Object.assign(new HttpError(429, 'too_many_attempts', 'too many failed attempts; try again later'), { retryAfterSeconds: Math.ceil((entry.resetAt - Date.now()) / 1000) });
      }
    },
    fail(client: string): void {
      const now = Date.now();
      const entry = failures.get(client);
      if (!entry || entry.resetAt <= now) failures.set(client, { count: 1, resetAt: now + windowMs });
      else entry.count += 1;
      if (failures.size > 100_000) for (const [k, v] of failures) if (v.resetAt <= now) failures.delete(k);
    },
  };
}

const NOT_FOUND = () => new HttpError(404, 'not_found', 'no complaint matches this link');

export interface TrackingRoutesDependencies {
  db: Database;
  readModel: ReadModel;
  workflows: WorkflowGateway;
  tracking?: TrackingLinks;
}

export function trackingRouter({ db, readModel, workflows, tracking }: TrackingRoutesDependencies): Router {
  const router = Router();
  const limiter = createAttemptLimiter();

  router.get('/track/:number', (req, res) => {
    if (!COMPLAINT_NUMBER.test(String(req.params.number))) throw NOT_FOUND();
    res.setHeader('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(trackingPageHtml(String(req.params.number)));
  });

  /** The complaint the link opens, or the same 404 for a wrong secret, a revoked link or an unknown number. */
  async function linked(req: Request) {
    const client = req.ip ?? 'unknown';
    limiter.check(client);
    const number = String(req.params.number);
    const secret = req.header('x-tracking-secret') ?? '';
    const [row] = COMPLAINT_NUMBER.test(number) ? await db.select().from(complaints).where(eq(complaints.number, number)) : [];
    if (!tracking || !row || !trackingSecretMatches(secret, row.trackingSecretHash)) {
      limiter.fail(client);
      throw NOT_FOUND();
    }
    const actor: Actor = { id: row.customerId ?? `tracking:${row.number}`, role: 'customer' };
    return { row, actor, selfIds: [actor.id, `tracking:${row.number}`] };
  }

  router.get('/track/api/:number', async (req, res) => {
    const { row, selfIds } = await linked(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await readModel.customerView(row, await workflows.liveState(row), selfIds, queryLocale(req)));
  });

  router.post('/track/api/:number/:action', async (req, res) => {
    const { row, actor, selfIds } = await linked(req);
    const name = ACTION_BY_ROUTE.get(String(req.params.action));
    if (!name || !(CUSTOMER_ACTIONS as readonly string[]).includes(name)) throw new HttpError(404, 'not_found', `no action ${req.params.action}`);
    const action = name as CustomerAction;
    const payload = parsedOrThrow(parseActionPayload(action, req.body ?? {}), 'body');
    await workflows.act(row, actor, action, payload);
    const [fresh] = await db.select().from(complaints).where(eq(complaints.number, row.number));
    res.json(await readModel.customerView(fresh ?? row, await workflows.liveState(fresh ?? row), selfIds, queryLocale(req)));
  });

  return router;
}

/** Staff give the complainant a new tracking link, or revoke it. */
export function trackingLinkRouter({ db, tracking }: Pick<TrackingRoutesDependencies, 'db' | 'tracking'>): Router {
  const router = Router();

  /** Staff give the complainant a new link (the old one stops working at once). */
  router.post('/complaints/:number/tracking-link', requireAction('readInternal'), async (req, res) => {
    if (!tracking) throw new HttpError(404, 'not_found', 'tracking links are not configured');
    const number = complaintNumber(req);
    const [row] = await db
      .update(complaints)
      .set({ trackingGeneration: sql`${complaints.trackingGeneration} + 1` })
      .where(eq(complaints.number, number))
      .returning({ generation: complaints.trackingGeneration });
    if (!row) throw new HttpError(404, 'not_found', 'complaint not found');
    await db.update(complaints).set({ trackingSecretHash: hashTrackingSecret(tracking.secret(number, row.generation)) }).where(and(eq(complaints.number, number), eq(complaints.trackingGeneration, row.generation)));
    req.log.info({ complaint: number, by: req.actor!.id }, 'tracking link reissued');
    res.status(201).json({ number, url: tracking.url(number, row.generation) });
  });

  /** Staff revoke the link (lost phone, shared by mistake); the page then answers like an unknown number. */
  router.delete('/complaints/:number/tracking-link', requireAction('readInternal'), async (req, res) => {
    const number = complaintNumber(req);
    const updated = await db
      .update(complaints)
      .set({ trackingSecretHash: null, trackingGeneration: sql`${complaints.trackingGeneration} + 1` })
      .where(eq(complaints.number, number))
      .returning({ number: complaints.number });
    if (updated.length === 0) throw new HttpError(404, 'not_found', 'complaint not found');
    req.log.info({ complaint: number, by: req.actor!.id }, 'tracking link revoked');
    res.status(204).end();
  });

  return router;
}

function queryLocale(req: Request): string | undefined {
  const lang = req.query.lang;
  return lang === 'en' || lang === 'zh-CN' ? lang : undefined;
}

