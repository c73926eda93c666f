/**
 * A person's action on a complaint, forwarded to its workflow as an update: scope, the database
 * preconditions the workflow cannot check, the Idempotency-Key (a repeat answers the first answer; a
 * claim whose outcome is unknown re-drives the same update), and the answer each caller may see.
 */
import type { Database } from '../../db/client';
import { type ActionPayload, type ComplaintActionName } from '../../domain/actions';
import { FRONT_DESK_ACTIONS } from '../../domain/scopes';
import { forbiddenError, fromDependencyError, fromTemporalError, HttpError, validationFailed } from '../http/errors';
import { actorOf, type Viewer } from '../read/scopes';
import { recordAudit } from './audit';
import { COMPLAINT_NUMBER, projectionState, type ReadModel } from '../read/read-model';
import { afterEndEntry, appendAfterEnd } from './after-end';
import type { WorkflowGateway } from '../workflow-gateway';
import { claimKey, completeKey, redriveAfterMs, releaseKey, requestHash, updateIdFor } from './idempotency';

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

export interface ActionAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

export interface ActionDependencies {
  db: Database;
  readModel: ReadModel;
  workflows: WorkflowGateway;
}

export async function performAction<A extends ComplaintActionName>(
  { db, readModel, workflows }: ActionDependencies,
  request: { actor: Viewer; number: string; name: A; payload: ActionPayload<A>; key?: string; rawBody: unknown },
): Promise<ActionAnswer> {
  const { actor, number, name, payload, key } = request;
  const scope = `action:${actor.id}:${number}:${name}`;
  if (key) {
    const previous = await claimKey(db, scope, key, requestHash(request.rawBody), redriveAfterMs());
    if (previous) return { status: previous.status, body: previous.body, replayed: true };
  }
  try {
    const { row, access } = await readModel.locate(number, actor);
    if (access === 'front_desk' && !FRONT_DESK_ACTIONS.includes(name)) {
      throw forbiddenError(`this complaint is not in your scope: at the front desk you may only ${FRONT_DESK_ACTIONS.join(', ')}`);
    }
    await checkDatabasePreconditions(readModel, name, payload);
    const state = await workflows.act(row, actorOf(actor), name, payload, {
      ...(key ? { updateId: updateIdFor(scope, key) } : {}),
      // Reviews (复盘), staff notes and contact reveals outlive the process: written here on a closed complaint.
      onEnded: async (stage, status) => {
        const entry = status !== 'NOT_FOUND' && stage === 'closed' && actor.role !== 'customer' ? afterEndEntry(name, payload) : undefined;
        if (!entry) return undefined;
        await appendAfterEnd(db, number, actorOf(actor), entry);
        return projectionState((await readModel.locate(number, actor)).row);
      },
    });
    // The reveal is on the timeline and in the audit trail (who, when, why); then the contact data.
    if (name === 'revealContact') await recordAudit(db, { actor, action: 'contact_revealed', subject: number, reason: (payload as ActionPayload<'revealContact'>).reason });
    const contact = name === 'revealContact' ? { contact: await readModel.contactOf(number) } : {};
    // A complainant gets their allowlisted view, the front desk its own, never the staff's state.
    const body =
      actor.role === 'customer'
        ? { number, action: name, view: await readModel.customerView(row, state, [actor.id]) }
        : access === 'front_desk'
          ? { number, action: name, view: await readModel.frontDeskView(row, state), ...contact }
          : { number, action: name, state, ...contact };
    // Contact data is never kept with a stored answer (a repeated reveal answers without it).
    if (key) await completeKey(db, scope, key, { status: 200, body: 'contact' in body ? { ...body, contact: undefined } : body }, number);
    return { status: 200, body, replayed: false };
  } catch (err) {
    // A refused action did nothing, so the same key may be used again; after a failure whose outcome
    // is unknown (engine or database unavailable) the claim stays, and a repeat re-drives the same update.
    if (key && isRefusal(err)) await releaseKey(db, scope, key);
    throw err;
  }
}

/** An answer that says the action did not happen (4xx): the key is free for another try. */
function isRefusal(err: unknown): boolean {
  const http = err instanceof HttpError ? err : (fromTemporalError(err) ?? fromDependencyError(err));
  return http !== undefined && http.status >= 400 && http.status < 500;
}
