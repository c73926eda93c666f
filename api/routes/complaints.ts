import { Router, type Request } from 'express';
import { type z } from 'zod';
import type { Database } from '../../db/client';
import { ACTION_BY_ROUTE, type ActionPayload, type ComplaintActionName } from '../../domain/actions';
import { parseActionPayload } from '../schemas/actions';
import { fieldErrors, intakeSchema } from '../../domain/intake';
import { isAllowed } from '../../domain/permissions';
import { requireAction } from '../auth';
import { fromDependencyError, fromTemporalError, HttpError, validationFailed } from '../errors';
import { claimKey, completeKey, redriveAfterMs, releaseKey, requestHash, updateIdFor, validKey } from '../idempotency';
import type { IntakeService } from '../intake';
import { COMPLAINT_NUMBER, listQuerySchema, type ReadModel } from '../read-model';
import type { WorkflowGateway } from '../workflow-gateway';

/** The parsed value, or a 400 naming every invalid field under `prefix` (e.g. `body.complainant.phone`). */
export function parsedOrThrow<T>(parsed: z.ZodSafeParseResult<T>, prefix = ''): T {
  if (!parsed.success) throw validationFailed(fieldErrors(parsed.error).map((f) => ({ ...f, path: prefix ? `${prefix}${f.path ? `.${f.path}` : ''}` : f.path })));
  return parsed.data;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  return parsedOrThrow(schema.safeParse(value), prefix);
}

export function complaintNumber(req: Request): string {
  const number = String(req.params.number);
  if (!COMPLAINT_NUMBER.test(number)) throw new HttpError(400, 'validation_failed', 'not a complaint number (CMP-YYYYMMDD-NNNNNN)', { fields: [{ path: 'params.number', message: 'invalid format' }] });
  return number;
}

/**
 * Preconditions of an action that only the database can check, asked before the action is forwarded
 * (the workflow has no database access): a 400 naming the field, nothing written.
 */
const DATABASE_PRECONDITIONS: { [A in ComplaintActionName]?: (readModel: ReadModel, payload: ActionPayload<A>) => Promise<void> } = {
  async close(readModel, payload) {
    if (payload.outcome === 'duplicate' && payload.duplicateOf !== undefined && COMPLAINT_NUMBER.test(payload.duplicateOf) && !(await readModel.exists(payload.duplicateOf))) {
      throw validationFailed([{ path: 'body.duplicateOf', message: 'no complaint has this number' }]);
    }
  },
};

async function checkDatabasePreconditions<A extends ComplaintActionName>(readModel: ReadModel, name: A, payload: ActionPayload<A>): Promise<void> {
  const check: ((readModel: ReadModel, payload: ActionPayload<A>) => Promise<void>) | undefined = DATABASE_PRECONDITIONS[name];
  await check?.(readModel, payload);
}

export interface ComplaintRoutesDependencies {
  db: Database;
  intake: IntakeService;
  readModel: ReadModel;
  workflows: WorkflowGateway;
}

export function complaintsRouter({ db, intake, readModel, workflows }: ComplaintRoutesDependencies): Router {
  const router = Router();

  router.post('/complaints', requireAction('intake'), async (req, res) => {
    const body = parseOrThrow(intakeSchema, req.body, 'body');
    const key = validKey(req.header('Idempotency-Key'));
    const answer = await intake.receive(req.actor!, body, key, requestHash(req.body));
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    req.log.info({ complaint: (answer.body as { number: string }).number, channel: body.channel, replayed: answer.replayed }, 'complaint received');
    res.status(answer.status).json(answer.body);
  });

  router.get('/complaints', requireAction('list'), async (req, res) => {
    res.json(await readModel.list(parseOrThrow(listQuerySchema, req.query, 'query')));
  });

  /** Staff get the complaint and its live state; a complainant gets their allowlisted view (api/customer-view.ts). */
  router.get('/complaints/:number', requireAction('read'), async (req, res) => {
    const actor = req.actor!;
    const row = await readModel.findComplaint(complaintNumber(req), actor);
    const state = await workflows.liveState(row);
    if (actor.role === 'customer') res.json(await readModel.customerView(row, state, [actor.id]));
    else res.json(await readModel.document(row, state, actor));
  });

  router.get('/complaints/:number/timeline', requireAction('read'), async (req, res) => {
    const actor = req.actor!;
    const row = await readModel.findComplaint(complaintNumber(req), actor);
    if (actor.role === 'customer') {
      const view = await readModel.customerView(row, await workflows.liveState(row), [actor.id]);
      res.json({ number: row.number, history: view.history });
      return;
    }
    res.json(await readModel.timeline(row.number, isAllowed(actor.role, 'readInternal')));
  });

  /** One route per action (`route` of its entry in domain/actions.ts), forwarded as a workflow update. */
  router.post('/complaints/:number/:action', async (req, res) => {
    const name = ACTION_BY_ROUTE.get(String(req.params.action));
    if (!name) throw new HttpError(404, 'not_found', `no action ${req.params.action}`);
    const actor = req.actor!;
    if (!isAllowed(actor.role, name)) throw new HttpError(403, 'forbidden', `role ${actor.role} may not ${name}`);
    const number = complaintNumber(req);
    const payload = parsedOrThrow(parseActionPayload(name, req.body ?? {}), 'body');
    const key = validKey(req.header('Idempotency-Key'));
    const scope = `action:${actor.id}:${number}:${name}`;
    if (key) {
      const previous = await claimKey(db, scope, key, requestHash(req.body), redriveAfterMs());
      if (previous) {
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(previous.status).json(previous.body);
        return;
      }
    }
    try {
      const row = await readModel.findComplaint(number, actor);
      await checkDatabasePreconditions(readModel, name, payload);
      const state = await workflows.act(row, actor, name, payload, key ? updateIdFor(scope, key) : undefined);
      // A complainant gets their allowlisted view, never the staff's state.
      const body =
        actor.role === 'customer'
          ? { number, action: name, view: await readModel.customerView(row, state, [actor.id]) }
          : name === 'revealContact'
            ? // The reveal is on the timeline (who, when, why); now the contact data.
              { number, action: name, state, contact: await readModel.contactOf(number) }
            : { number, action: name, state };
      // Contact data is never kept with a stored answer (a repeated reveal answers without it).
      if (key) await completeKey(db, scope, key, { status: 200, body: 'contact' in body ? { ...body, contact: undefined } : body });
      req.log.info({ complaint: number, action: name, stage: state.stage }, 'action accepted');
      res.json(body);
    } catch (err) {
      // A refused action did nothing, so the same key may be used again; after a failure whose outcome
      // is unknown (engine or database unavailable) the claim stays, and a repeat re-drives the same update.
      if (key && isRefusal(err)) await releaseKey(db, scope, key);
      throw err;
    }
  });

  return router;
}

/** An answer that says the action did not happen (4xx): the key is free for another try. */
function isRefusal(err: unknown): boolean {
  const http = err instanceof HttpError ? err : (fromTemporalError(err) ?? fromDependencyError(err));
  return http !== undefined && http.status >= 400 && http.status < 500;
}
