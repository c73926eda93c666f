/**
 * Workflow tier: the complaint workflow on the real Temporal dev server with the activities replaced
 * by in-memory fakes — no PostgreSQL — so the update validators and handlers (role, stage, payload,
 * authority, the process's own checks) are tested fast and directly. Every case runs in
 * `worker.runUntil` on a worker of its own task queue; the workflow bundle is built once by the
 * global setup.
 */
import { randomBytes } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client, type Connection, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { ComplaintActivities } from '../../activities';
import { readCalendarFile } from '../../db/calendars';
import type { ActionPayload, ComplaintActionName } from '../../domain/actions';
import { FAILURE_TYPES } from '../../domain/errors';
import type { Actor, Role } from '../../domain/model';
import { applyPolicyOverrides, defaultPolicy, type Policy } from '../../domain/policy';
import { DEFAULT_TRIAGE_RULES, suggestTriage } from '../../domain/triage';
import { connectClient } from '../../runtime/temporal-connection';
import { complaintWorkflow } from '../../workflows/complaint';
import { actionUpdates, getComplaintQuery } from '../../workflows/messages';
import type { RecordTransitionInput, TimelineEventInput } from '../../workflows/types';
// The stack module also installs the quiet (WARN) worker runtime for this file.
import { SECONDS_POLICY } from '../support/stack';
import { testDataConverter } from '../support/payload-key';

const policy = applyPolicyOverrides(defaultPolicy(readCalendarFile('cn-mainland')), SECONDS_POLICY);

/** In-memory stand-ins for the database activities: they remember what the workflow recorded. */
function fakeActivities() {
  const recorded: TimelineEventInput[] = [];
  const activities: ComplaintActivities = {
    async pickUpComplaint() {
      return suggestTriage({ description: '电饭煲无法加热', channel: 'web', priorComplaintsByComplainant: 0, priorComplaintsByProduct: 0 }, DEFAULT_TRIAGE_RULES);
    },
    async recordTransition(input: RecordTransitionInput) {
      // Stands for data PostgreSQL refuses for good (what a NUL in a note was): the activity's non-retryable failure.
      if (input.events.some((e) => e.reason?.includes('REFUSED BY THE DATABASE'))) {
        throw ApplicationFailure.create({ type: FAILURE_TYPES.invalidData, message: 'database error (invalid, 22021)', nonRetryable: true });
      }
      for (const e of input.events) if (!recorded.some((r) => r.id === e.id)) recorded.push(e);
      return { deliveries: [] };
    },
    async assignStaff({ role }) {
      return { staffId: `${role}-on-duty`, via: 'department' };
    },
    async assignEscalationOwner({ role }) {
      return { staffId: `${role}-on-duty`, via: 'org_chart' };
    },
    async deliverNotification() {
      return { status: 'sent' };
    },
  };
  return { activities, recorded, types: () => recorded.map((e) => e.type) };
}

let client: Client;
let connection: Connection;
let workerConnection: NativeConnection;

beforeAll(async () => {
  ({ client, connection } = await connectClient({ address: process.env.TEST_TEMPORAL_ADDRESS!, namespace: process.env.TEST_TEMPORAL_NAMESPACE ?? 'default' }, testDataConverter()));
  workerConnection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
});

afterAll(async () => {
  await connection.close();
  await workerConnection.close();
});

/** Runs fn against a fresh complaint workflow served by a worker with fake activities. */
async function withComplaint(fn: (h: WorkflowHandle<typeof complaintWorkflow>, fake: ReturnType<typeof fakeActivities>) => Promise<void>, complaintPolicy: Policy = policy): Promise<void> {
  const fake = fakeActivities();
  const taskQueue = `workflow-tier-${randomBytes(4).toString('hex')}`;
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: process.env.TEST_TEMPORAL_NAMESPACE ?? 'default',
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: fake.activities,
    dataConverter: testDataConverter(),
  });
  const number = `CMP-WORKFLOW-TIER-${randomBytes(6).toString('hex')}`;
  await worker.runUntil(async () => {
    const handle = await client.workflow.start(complaintWorkflow, {
      workflowId: number,
      taskQueue,
      args: [{ complaintNumber: number, channel: 'web', receivedAt: new Date().toISOString(), receivedBy: 'agent-li', policy: complaintPolicy }],
    });
    try {
      await waitFor(async () => (await handle.query(getComplaintQuery)).stage === 'acknowledged');
      await fn(handle, fake);
    } finally {
      // A complaint closed as invalid has already completed.
      await handle.terminate('test finished').catch((err: unknown) => {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      });
    }
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const actor = (role: Role, id = `${role}-1`): Actor => ({ id, role });

function act<A extends ComplaintActionName>(h: WorkflowHandle<typeof complaintWorkflow>, name: A, who: Actor, payload: ActionPayload<A> | Record<string, unknown>) {
  return h.executeUpdate(actionUpdates[name], { args: [{ actor: who, payload: payload as ActionPayload<A> }] });
}

/** The typed failure a validator answered with. */
async function refusal(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

const triageSimple = { category: 'product_quality', severity: 'low', grade: 'simple', departmentId: 'dept-a' } as const;
const triageComplex = { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'dept-a' } as const;

describe('update validators', () => {
  it('refuse a role the action table does not allow, before anything is recorded', () =>
    withComplaint(async (h, fake) => {
      const before = fake.recorded.length;
      const failure = await refusal(act(h, 'triage', actor('customer'), triageSimple));
      expect(failure.type).toBe(FAILURE_TYPES.forbidden);
      expect(fake.recorded).toHaveLength(before);
    }));

  it('refuse an action outside its stages with the current stage', () =>
    withComplaint(async (h, fake) => {
      const failure = await refusal(act(h, 'rateSatisfaction', actor('customer'), { score: 5 }));
      expect(failure.type).toBe(FAILURE_TYPES.wrongStage);
      expect(failure.details?.[0]).toEqual({ stage: 'acknowledged', action: 'rateSatisfaction' });
      expect(fake.types()).toEqual(['acknowledged']);
    }));

  it('refuse a payload that fails the action’s schema, naming the fields', () =>
    withComplaint(async (h) => {
      const failure = await refusal(act(h, 'triage', actor('agent'), { category: 'weather', severity: 'low', grade: 'simple', departmentId: 'dept-a', extra: 1 }));
      expect(failure.type).toBe(FAILURE_TYPES.invalidInput);
      const paths = (failure.details?.[0] as { fields: { path: string }[] }).fields.map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['category', 'extra']));
    }));

  it('refuse an on-the-spot remedy above the actor’s authority (the action’s own check)', () =>
    withComplaint(async (h) => {
      await act(h, 'triage', actor('agent'), triageSimple);
      const failure = await refusal(act(h, 'resolveOnSpot', actor('agent'), { remedies: [{ type: 'refund', amountMinor: 50_000, currency: 'CNY' }], note: '退款' }));
      expect(failure.type).toBe(FAILURE_TYPES.forbidden);
      expect((await h.query(getComplaintQuery)).stage).toBe('resolving_on_spot');
    }));

  it('refuse an approval by a role whose tier does not cover the amount', () =>
    withComplaint(async (h) => {
      await act(h, 'triage', actor('agent'), triageComplex);
      await act(h, 'recordFindings', actor('handler'), { facts: '加热盘故障', rootCause: '来料缺陷', responsibility: 'company' });
      const proposed = await act(h, 'propose', actor('handler'), { remedies: [{ type: 'compensation', amountMinor: 500_000, currency: 'CNY' }], message: '赔偿', apologyOmittedReason: '已当面致歉' });
      expect(proposed.stage).toBe('awaiting_approval');
      expect(proposed.proposal?.approval?.requiredRole).toBe('manager');
      const failure = await refusal(act(h, 'decideApproval', actor('supervisor'), { decision: 'approve', reason: 'ok' }));
      expect(failure.type).toBe(FAILURE_TYPES.forbidden);
      const approved = await act(h, 'decideApproval', actor('manager'), { decision: 'approve', reason: '同意' });
      expect(approved.stage).toBe('negotiating');
    }));

  it('refuse escalating a complaint that is already with a manager', () =>
    withComplaint(async (h) => {
      await act(h, 'escalate', actor('agent'), { reason: 'customer angry' });
      const top = await act(h, 'escalate', actor('supervisor'), { reason: 'still angry' });
      expect(top.escalationLevel).toBe(2);
      const failure = await refusal(act(h, 'escalate', actor('manager'), { reason: 'again' }));
      expect(failure.type).toBe(FAILURE_TYPES.wrongStage);
    }));

  it('refuse a second pause and a resume of a running clock', () =>
    withComplaint(async (h) => {
      await act(h, 'triage', actor('agent'), triageComplex);
      expect((await refusal(act(h, 'resume', actor('handler'), {}))).type).toBe(FAILURE_TYPES.wrongStage);
      const paused = await act(h, 'pause', actor('handler'), { reason: '等待客户提供凭证' });
      expect(paused.deadlines.every((d) => d.kind !== 'legal' && d.paused)).toBe(true);
      expect((await refusal(act(h, 'pause', actor('handler'), { reason: 'again' }))).type).toBe(FAILURE_TYPES.wrongStage);
    }));
});

describe('update handlers', () => {
  it('walk a simple complaint to closed and record each step once, in order', () =>
    withComplaint(async (h, fake) => {
      const triaged = await act(h, 'triage', actor('agent', 'agent-li'), triageSimple);
      expect(triaged).toMatchObject({ stage: 'resolving_on_spot', assigneeId: 'agent-li', grade: 'simple' });
      // Routing is not an answer: the first response is still owed after triage.
      expect(triaged.deadlines.map((d) => d.kind)).toEqual(['firstResponse', 'onSpotResolution']);
      expect(triaged.firstResponseAt).toBeUndefined();
      const resolved = await act(h, 'resolveOnSpot', actor('agent', 'agent-li'), { remedies: [{ type: 'apology' }, { type: 'coupon', amountMinor: 5_000, currency: 'CNY' }], note: '致歉并补偿优惠券' });
      expect(resolved.stage).toBe('confirming');
      expect(resolved.firstResponseAt).toBeDefined();
      expect(resolved.deadlines.map((d) => d.kind)).not.toContain('firstResponse');
      const closed = await act(h, 'rateSatisfaction', actor('customer'), { score: 5 });
      expect(closed).toMatchObject({ stage: 'closed', outcome: 'resolved' });
      expect(fake.types()).toEqual(['acknowledged', 'triaged', 'resolved_on_spot', 'satisfaction_recorded', 'closed']);
      expect(fake.recorded.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    }));

  it('route a complex complaint to the handler the directory names, with reply and progress clocks', () =>
    withComplaint(async (h, fake) => {
      const triaged = await act(h, 'triage', actor('agent'), triageComplex);
      expect(triaged).toMatchObject({ stage: 'investigating', assigneeId: 'handler-on-duty' });
      expect(triaged.deadlines.map((d) => d.kind)).toEqual(['firstResponse', 'reply', 'progressUpdate']);
      const triageEvent = fake.recorded.find((e) => e.type === 'triaged')!;
      expect(triageEvent.notifications).toEqual([{ kind: 'assignment', to: { type: 'staff', id: 'handler-on-duty' }, data: { number: triaged.number, stage: 'investigating', grade: 'complex', category: 'product_quality' } }]);
      // An internal note is no answer; a note to the customer is.
      const noted = await act(h, 'addNote', actor('handler', 'handler-on-duty'), { kind: 'note', text: '内部备注' });
      expect(noted.deadlines.map((d) => d.kind)).toContain('firstResponse');
      const answered = await act(h, 'addNote', actor('handler', 'handler-on-duty'), { kind: 'note', text: '您好，我们已收到并在调查', toCustomer: true });
      expect(answered.deadlines.map((d) => d.kind)).toEqual(['reply', 'progressUpdate']);
      expect(answered.firstResponseAt).toBeDefined();
    }));

  it('close after the negotiation limit with a no-agreement reason the templates know', () =>
    withComplaint(async (h, fake) => {
      await act(h, 'triage', actor('agent'), triageComplex);
      await act(h, 'recordFindings', actor('handler'), { facts: 'f', rootCause: 'r', responsibility: 'company' });
      for (let round = 1; round <= policy.negotiationMaxRounds + 1; round++) {
        await act(h, 'propose', actor('handler'), { remedies: [{ type: 'apology' }], message: `第 ${round} 轮方案` });
        await act(h, 'respondToProposal', actor('customer'), { accept: false, counterDemand: '全额退款' });
      }
      const state = await h.query(getComplaintQuery);
      expect(state).toMatchObject({ stage: 'closed', outcome: 'unresolved', closeReason: 'no_agreement' });
      const closed = fake.recorded.find((e) => e.type === 'closed')!;
      expect(closed.notifications[0]).toMatchObject({ kind: 'outcome', data: { outcome: 'unresolved', reason: 'no_agreement' } });
      expect(fake.types().filter((t) => t === 'escalated')).toHaveLength(1);
    }));

  const rejectRounds = async (h: WorkflowHandle<typeof complaintWorkflow>, rounds: number) => {
    for (let round = 1; round <= rounds; round++) {
      await act(h, 'propose', actor('handler'), { remedies: [{ type: 'apology' }], message: `第 ${round} 轮方案` });
      await act(h, 'respondToProposal', actor('customer'), { accept: false, counterDemand: '全额退款' });
    }
    return h.query(getComplaintQuery);
  };

  it('owe a new proposal within the reply period after a rejection, and stop that clock when it goes out', () =>
    withComplaint(async (h) => {
      await act(h, 'triage', actor('agent'), triageComplex);
      await act(h, 'recordFindings', actor('handler'), { facts: 'f', rootCause: 'r', responsibility: 'company' });
      const rejectedAt = Date.now();
      const rejected = await rejectRounds(h, 1);
      expect(rejected.stage).toBe('proposing');
      const reply = rejected.deadlines.find((d) => d.kind === 'reply');
      expect(reply).toBeDefined();
      // Counted from the rejection: the policy's 120 s reply period.
      expect(Date.parse(reply!.dueAt!)).toBeGreaterThanOrEqual(rejectedAt + 120_000 - 1_000);
      await act(h, 'propose', actor('handler'), { remedies: [{ type: 'apology' }], message: '第 2 轮方案' });
      expect((await h.query(getComplaintQuery)).deadlines.map((d) => d.kind)).not.toContain('reply');
    }));

  it('give the manager as many rounds as the policy says (two here), then close', () =>
    withComplaint(
      async (h, fake) => {
        await act(h, 'triage', actor('agent'), triageComplex);
        await act(h, 'recordFindings', actor('handler'), { facts: 'f', rootCause: 'r', responsibility: 'company' });
        expect(await rejectRounds(h, policy.negotiationMaxRounds + 1)).toMatchObject({ stage: 'proposing', escalationLevel: 2 });
        expect(await rejectRounds(h, 1)).toMatchObject({ stage: 'closed', outcome: 'unresolved', closeReason: 'no_agreement' });
        expect(fake.types().filter((t) => t === 'escalated')).toHaveLength(1);
      },
      { ...policy, managerRounds: 2 },
    ));

  it('close without a manager round when the policy gives none', () =>
    withComplaint(
      async (h, fake) => {
        await act(h, 'triage', actor('agent'), triageComplex);
        await act(h, 'recordFindings', actor('handler'), { facts: 'f', rootCause: 'r', responsibility: 'company' });
        expect(await rejectRounds(h, policy.negotiationMaxRounds)).toMatchObject({ stage: 'closed', outcome: 'unresolved', closeReason: 'no_agreement' });
        expect(fake.types()).not.toContain('escalated');
      },
      { ...policy, managerRounds: 0 },
    ));
});

describe('a write the database refuses for good', () => {
  it('undoes the action, answers RecordingRefused, tells operators on the timeline, and leaves the complaint working', () =>
    withComplaint(async (h, fake) => {
      await act(h, 'triage', actor('agent'), triageComplex);
      const before = await h.query(getComplaintQuery);
      const failure = await refusal(act(h, 'addNote', actor('handler'), { text: 'REFUSED BY THE DATABASE' }));
      expect(failure.type).toBe(FAILURE_TYPES.recordingRefused);
      const after = await h.query(getComplaintQuery);
      expect(after).toMatchObject({ stage: before.stage, deadlines: before.deadlines });
      expect(after.stateVersion).toBe(before.stateVersion + 1);
      expect(fake.types().slice(-1)).toEqual(['recording_failed']);
      expect(fake.recorded.at(-1)).toMatchObject({ internal: true, data: { action: 'addNote' } });
      // Not locked: the next action (a supervisor's closure) goes through, and the sequence has no gap.
      const closed = await act(h, 'close', actor('supervisor'), { outcome: 'invalid', reason: 'test' });
      expect(closed.stage).toBe('closed');
      expect(fake.recorded.map((e) => e.seq)).toEqual(fake.recorded.map((_, i) => i + 1));
    }));
});
