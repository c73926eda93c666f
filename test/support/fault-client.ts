/**
 * What the fault runs (test/faults, scripts/cluster-faults.ts) do as a client: the simple path a
 * complaint is driven through, and an action that waits while the workflow has not acknowledged yet.
 * The transport (which API, retries of 503s with the same Idempotency-Key) is the caller's `send`.
 */
import type { Role } from '../../domain/model';

export type Send = (url: string, role: Role, sub: string, body: unknown, key: string) => Promise<{ status: number; body: { error?: { code: string; stage?: string } } | undefined }>;

/** Triage as simple, resolve on the spot, the complainant rates 5: closed, six timeline events. */
export const SIMPLE_PATH: readonly (readonly [action: string, role: Role, sub: string, body: unknown])[] = [
  ['triage', 'agent', 'agent-li', { category: 'service_attitude', severity: 'low', grade: 'simple', departmentId: 'customer_service' }],
  ['on-spot-resolution', 'agent', 'agent-li', { remedies: [{ type: 'apology' }], note: '当面致歉' }],
  ['satisfaction', 'customer', 'cust-1', { score: 5 }],
];

/** The timeline the simple path leaves. */
export const SIMPLE_PATH_EVENTS = ['received', 'acknowledged', 'triaged', 'resolved_on_spot', 'satisfaction_recorded', 'closed'];

/**
 * One action until it is taken. Until the workflow acknowledges, triage answers 409 with stage
 * `received` (its process may still be starting): the client waits and asks again, up to `attempts`.
 */
export async function actWhenReady(send: Send, number: string, [action, role, sub, body]: (typeof SIMPLE_PATH)[number], attempts = 120): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await send(`/complaints/${number}/${action}`, role, sub, body, `${number}-${action}`);
    if (res.status === 200) return;
    const starting = res.status === 409 && res.body?.error?.code === 'wrong_stage' && res.body.error.stage === 'received';
    if (!starting || attempt > attempts) throw new Error(`${action} on ${number}: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
