/**
 * Every path of the process (SPEC §4–§5) end to end on the real dev server and PostgreSQL, driven
 * through the HTTP API with tokens of the right roles, with a seconds-scale policy.
 */
import { and, eq } from 'drizzle-orm';
import { complaints, notifications, timelineEvents } from '../../db/schema';
import type { Role } from '../../domain/model';
import { applyPolicyOverrides, defaultPolicy, type PolicyOverrides } from '../../domain/policy';
import { actionUpdates } from '../../workflows/messages';
import { saveHistoryIfRecording } from '../support/histories';
import { eventually, SECONDS_POLICY, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

function usePolicy(durations: PolicyOverrides['durations']): void {
  stack.policy.current = applyPolicyOverrides(defaultPolicy(stack.policy.current.calendar), { ...SECONDS_POLICY, durations: { ...SECONDS_POLICY.durations, ...durations } });
}

beforeEach(() => usePolicy({}));

async function fileComplaint(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake(overrides) });
  expect(res.status).toBe(201);
  const number = res.body.number as string;
  await eventually(async () => (await state(number)).stage === 'acknowledged');
  return number;
}

async function state(number: string, role: Role = 'supervisor') {
  const res = await stack.request('GET', `/complaints/${number}`, { role, sub: role === 'customer' ? 'cust-1' : undefined });
  return res.body.state;
}

async function act(number: string, action: string, role: Role, body: unknown, sub?: string) {
  return stack.request('POST', `/complaints/${number}/${action}`, { role, sub: sub ?? (role === 'customer' ? 'cust-1' : await stack.caseWorker(number, role)), body });
}

async function ok(number: string, action: string, role: Role, body: unknown, sub?: string) {
  const res = await act(number, action, role, body, sub);
  if (res.status !== 200) throw new Error(`${action} by ${role}: ${res.status} ${JSON.stringify(res.body)}`);
  // A complainant's answer carries their own view; the test follows the staff's state.
  return res.body.view ? (await state(number)) : res.body.state;
}

/**
 * Waits until PostgreSQL holds everything the live state shows: a query can see a transition while
 * the activity recording it is still running.
 */
async function caughtUp(number: string): Promise<void> {
  const live = (await state(number)).stateVersion as number;
  await eventually(async () => {
    const [row] = await stack.database.db.select({ v: complaints.stateVersion }).from(complaints).where(eq(complaints.number, number));
    return row.v >= live;
  });
}

async function timeline(number: string): Promise<string[]> {
  const rows = await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number)).orderBy(timelineEvents.seq);
  return rows.map((r) => r.type);
}

async function notificationKinds(number: string): Promise<string[]> {
  const rows = await stack.database.db.select().from(notifications).where(and(eq(notifications.complaintNumber, number), eq(notifications.channel, 'in_app')));
  return [...new Set(rows.map((r) => r.kind))].sort();
}

const triageComplex = { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality', reason: 'needs a lab check' };
const findings = { facts: '加热元件虚焊', rootCause: '生产批次 B12 焊接不良', responsibility: 'company' };
const refund = (yuan: number) => ({ remedies: [{ type: 'refund', amountMinor: yuan * 100, currency: 'CNY' }, { type: 'apology' }], message: `退款 ${yuan} 元并致歉` });

async function toProposing(number: string) {
  await ok(number, 'triage', 'agent', triageComplex, 'agent-li');
  await ok(number, 'findings', 'handler', findings, 'handler-chen');
}

describe('complaint lifecycle', () => {
  it('simple path: resolved on the spot, rated, closed', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint({ description: '客服态度不好', subject: {} });
      let s = await ok(number, 'triage', 'agent', { category: 'service_attitude', severity: 'low', grade: 'simple', departmentId: 'customer_service' }, 'agent-li');
      expect(s.stage).toBe('resolving_on_spot');
      // Triage routes the case; the first response is met by the answer below (since 1.1).
      expect(s.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['firstResponse', 'onSpotResolution']);
      s = await ok(number, 'on-spot-resolution', 'agent', { remedies: [{ type: 'apology' }, { type: 'coupon', amountMinor: 2000, currency: 'CNY' }], note: '当面致歉并赠送 20 元优惠券' }, 'agent-li');
      expect(s.stage).toBe('confirming');
      expect(s.firstResponseAt).toBeDefined();
      s = await ok(number, 'satisfaction', 'customer', { score: 5, comment: '满意' });
      expect(s.stage).toBe('closed');
      expect(s.outcome).toBe('resolved');
      expect(s.followUp).toBeUndefined();
      expect(await timeline(number)).toEqual(['received', 'acknowledged', 'triaged', 'resolved_on_spot', 'satisfaction_recorded', 'closed']);
      expect(await notificationKinds(number)).toEqual(expect.arrayContaining(['acknowledgement', 'satisfaction_survey', 'outcome']));
      await saveHistoryIfRecording(number, 'simple-on-the-spot');
    });
  });

  it('an on-the-spot remedy above the agent’s authority is refused', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await ok(number, 'triage', 'agent', { category: 'service_attitude', severity: 'low', grade: 'simple', departmentId: 'customer_service' });
      const res = await act(number, 'on-spot-resolution', 'agent', { remedies: [{ type: 'compensation', amountMinor: 50_000, currency: 'CNY' }], note: '赔偿 500 元' });
      expect(res.status).toBe(403);
    });
  });

  it('complex path: findings → proposal within authority → accepted → executed → satisfied → closed', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      let s = await ok(number, 'triage', 'agent', triageComplex, 'agent-li');
      expect(s.stage).toBe('investigating');
      expect(s.assigneeId).toBe('handler-chen');
      expect(s.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual(['firstResponse', 'progressUpdate', 'reply']);
      s = await ok(number, 'progress-updates', 'handler', { message: '已送检，预计两天出结果' }, 'handler-chen');
      // The progress update is the first answer to the customer.
      expect(s.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual(['progressUpdate', 'reply']);
      expect(s.firstResponseAt).toBeDefined();
      s = await ok(number, 'evidence', 'handler', { uri: 'https://files.example.com/lab-report.pdf', note: '检测报告' }, 'handler-chen');
      s = await ok(number, 'findings', 'handler', findings, 'handler-chen');
      expect(s.stage).toBe('proposing');
      s = await ok(number, 'proposal', 'handler', refund(150), 'handler-chen');
      expect(s.stage).toBe('negotiating');
      expect(s.proposal.approval).toBeUndefined();
      s = await ok(number, 'customer-response', 'customer', { accept: true, comment: '同意' });
      expect(s.stage).toBe('executing');
      s = await ok(number, 'execution', 'handler', { proof: '退款流水号 R-7781', evidenceUri: 'https://files.example.com/refund-7781.png' }, 'handler-chen');
      expect(s.stage).toBe('confirming');
      s = await ok(number, 'satisfaction', 'customer', { score: 4 });
      expect(s.stage).toBe('closed');
      expect(s.outcome).toBe('resolved');
      expect(await timeline(number)).toEqual([
        'received', 'acknowledged', 'triaged', 'progress_update_sent', 'evidence_added', 'findings_recorded', 'proposal_sent',
        'proposal_accepted', 'execution_completed', 'satisfaction_recorded', 'closed',
      ]);
      expect(await notificationKinds(number)).toEqual(expect.arrayContaining(['acknowledgement', 'assignment', 'progress_update', 'proposal', 'satisfaction_survey', 'outcome']));
      const customerView = await stack.request('GET', `/complaints/${number}`, { role: 'customer', sub: 'cust-1' });
      expect(customerView.status).toBe(200);
      // The complainant's view is an allowlist: no staff state at all, their own (intake) evidence but not staff's proof.
      expect(customerView.body.state).toBeUndefined();
      expect(customerView.body).toMatchObject({ stage: { code: 'closed' }, outcome: { code: 'resolved' }, satisfaction: { score: 4 } });
      expect(customerView.body.evidence.map((e: { uri: string }) => e.uri)).toEqual(['https://files.example.com/receipt-77.jpg']);
    });
  });

  it('a proposal above the handler’s authority waits for a supervisor’s approval', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      let s = await ok(number, 'proposal', 'handler', refund(1000), 'handler-chen');
      expect(s.stage).toBe('awaiting_approval');
      expect(s.proposal.approval).toMatchObject({ requiredRole: 'supervisor', status: 'pending' });
      expect((await act(number, 'approval', 'handler', { decision: 'approve', reason: 'ok' })).status).toBe(403);
      s = await ok(number, 'approval', 'supervisor', { decision: 'approve', reason: '符合政策' }, 'sup-sun');
      expect(s.stage).toBe('negotiating');
      expect(s.proposal.approval).toMatchObject({ status: 'approved', decidedBy: { id: 'sup-sun', role: 'supervisor' } });
      expect(await notificationKinds(number)).toEqual(expect.arrayContaining(['approval_request', 'approval_decision', 'proposal']));
      await ok(number, 'customer-response', 'customer', { accept: true });
      await ok(number, 'execution', 'handler', { proof: '已退款' }, 'handler-chen');
      await ok(number, 'satisfaction', 'customer', { score: 5 });
      await saveHistoryIfRecording(number, 'complex-with-approval');
    });
  });

  it('a supervisor may not approve above the supervisor tier; a rejected approval returns to proposing', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      const s = await ok(number, 'proposal', 'handler', refund(5000), 'handler-chen');
      expect(s.proposal.approval.requiredRole).toBe('manager');
      const refused = await act(number, 'approval', 'supervisor', { decision: 'approve', reason: 'ok' }, 'sup-sun');
      expect(refused.status).toBe(403);
      const back = await ok(number, 'approval', 'manager', { decision: 'reject', reason: '金额过高，请重新协商' }, 'mgr-zhang');
      expect(back.stage).toBe('proposing');
    });
  });

  it('an overdue approval goes one level up to a manager', async () => {
    usePolicy({ approval: { amount: 3, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      await ok(number, 'proposal', 'handler', refund(1000), 'handler-chen');
      const s = await eventually(async () => {
        const current = await state(number);
        return current.proposal.approval.requiredRole === 'manager' ? current : undefined;
      });
      expect(s.slaBreached).toBe(true);
      await caughtUp(number);
      expect(await timeline(number)).toContain('approval_overdue');
      const approved = await ok(number, 'approval', 'manager', { decision: 'approve', reason: '同意' }, 'mgr-zhang');
      expect(approved.stage).toBe('negotiating');
    });
  });

  it('three rejected rounds go to a manager; a fourth rejection closes as unresolved with the external routes', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      for (let round = 1; round <= 3; round += 1) {
        await ok(number, 'proposal', 'handler', refund(50 * round), 'handler-chen');
        const s = await ok(number, 'customer-response', 'customer', { accept: false, counterDemand: '要求三倍赔偿' });
        expect(s.stage).toBe('proposing');
        // A new proposal is owed within the reply period (since 1.1).
        expect(s.deadlines.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['reply', 'progressUpdate']));
      }
      let s = await state(number);
      expect(s.escalationLevel).toBe(2);
      expect(s.assigneeId).toBe('mgr-zhang');
      await ok(number, 'proposal', 'manager', refund(1500), 'mgr-zhang');
      s = await ok(number, 'customer-response', 'customer', { accept: false, counterDemand: '仍不接受' });
      expect(s.stage).toBe('closed');
      expect(s.outcome).toBe('unresolved');
      expect(s.closeReason).toBe('no_agreement');
      const [outcome] = await stack.database.db.select().from(notifications).where(and(eq(notifications.complaintNumber, number), eq(notifications.kind, 'outcome'), eq(notifications.channel, 'in_app')));
      expect(outcome.bodyText).toContain('12315');
      await saveHistoryIfRecording(number, 'rejected-rounds-unresolved');
    });
  });

  it('a missed first response escalates to level 1 and then 2, telling the new owner and the customer', async () => {
    usePolicy({ firstResponse: { amount: 3, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const s1 = await eventually(async () => {
        const s = await state(number);
        return s.escalationLevel === 1 ? s : undefined;
      });
      expect(s1.slaBreached).toBe(true);
      // Before triage the escalation goes to the receiving agent's own supervisor (agent-li → sup-wang → mgr-zhang).
      expect(s1.assigneeId).toBe('sup-wang');
      const s2 = await eventually(async () => {
        const s = await state(number);
        return s.escalationLevel === 2 ? s : undefined;
      });
      expect(s2.assigneeId).toBe('mgr-zhang');
      await caughtUp(number);
      const events = await timeline(number);
      expect(events.filter((t) => t === 'sla_breached').length).toBeGreaterThanOrEqual(2);
      expect(events.filter((t) => t === 'escalated')).toHaveLength(2);
      expect(await notificationKinds(number)).toEqual(expect.arrayContaining(['deadline_reminder', 'sla_breach', 'escalation', 'escalation_notice']));
      await eventually(async () => (await stack.client.workflow.count(`WorkflowId = "${number}" AND ExecutionStatus = "Running" AND SlaBreached = true AND EscalationLevel = 2`)).count === 1);
      await saveHistoryIfRecording(number, 'first-response-breach-escalation');
    });
  });

  it('pausing the SLA stops the clocks and resuming shifts them by the paused span', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const before = await ok(number, 'triage', 'agent', triageComplex);
      const due = (s: { deadlines: { kind: string; dueAt: string; paused: boolean }[] }, kind: string) => s.deadlines.find((d) => d.kind === kind)!;
      const paused = await ok(number, 'pause', 'handler', { reason: '等待顾客提供发票' });
      expect(paused.paused).toBe(true);
      expect(due(paused, 'reply').paused).toBe(true);
      expect((await act(number, 'pause', 'handler', { reason: 'again' })).status).toBe(409);
      await new Promise((r) => setTimeout(r, 2_000));
      const resumed = await ok(number, 'notes', 'customer', { text: '发票已上传' });
      expect(resumed.paused).toBe(false);
      const shift = Date.parse(due(resumed, 'reply').dueAt) - Date.parse(due(before, 'reply').dueAt);
      expect(shift).toBeGreaterThanOrEqual(2_000);
      expect(shift).toBeLessThan(10_000);
      expect(await timeline(number)).toEqual(expect.arrayContaining(['sla_paused', 'customer_information', 'sla_resumed']));
      await saveHistoryIfRecording(number, 'pause-and-resume');
    });
  });

  it('a hotline agent asks to reopen on the complainant’s behalf, within the complainant’s window', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      expect((await ok(number, 'withdrawal', 'customer', { reason: '以为已经解决了' })).stage).toBe('closed');
      // The complainant phones the hotline: another agent takes the call and asks for them.
      const reopened = await ok(number, 'reopening', 'agent', { reason: '顾客来电：问题仍未解决，请重新处理' }, 'agent-zhao');
      expect(reopened.stage).not.toBe('closed');
      expect(reopened.reopenCount).toBe(1);
      const events = (await stack.request('GET', `/complaints/${number}/timeline`, { role: 'supervisor' })).body.events as { type: string; actor: { id: string } }[];
      expect(events.find((e) => e.type === 'reopened')?.actor.id).toBe('agent-zhao');
      await saveHistoryIfRecording(number, 'reopened-by-agent');
    });
  });

  it('the customer may withdraw', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const s = await ok(number, 'withdrawal', 'customer', { reason: '已自行解决' });
      expect(s.stage).toBe('closed');
      expect(s.outcome).toBe('withdrawn');
      const again = await act(number, 'withdrawal', 'customer', { reason: 'twice' });
      expect(again.status).toBe(409);
      expect(again.body.error.stage).toBe('closed');
      await saveHistoryIfRecording(number, 'withdrawn');
    });
  });

  it('no customer answer to a proposal: a reminder, then closed as no response', async () => {
    usePolicy({ customerResponse: { amount: 4, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      await ok(number, 'proposal', 'handler', refund(100), 'handler-chen');
      const s = await eventually(async () => {
        const current = await state(number);
        return current.stage === 'closed' ? current : undefined;
      });
      expect(s.outcome).toBe('unresolved');
      expect(s.closeReason).toBe('no_response');
      await caughtUp(number);
      const events = await timeline(number);
      expect(events.indexOf('deadline_reminder')).toBeLessThan(events.indexOf('customer_no_response'));
      expect(await notificationKinds(number)).toEqual(expect.arrayContaining(['response_reminder', 'outcome']));
      await saveHistoryIfRecording(number, 'customer-no-response');
    });
  });

  it('no satisfaction answer closes as resolved without feedback', async () => {
    usePolicy({ satisfaction: { amount: 2, unit: 'seconds' } });
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await ok(number, 'triage', 'agent', { category: 'service_attitude', severity: 'low', grade: 'simple', departmentId: 'customer_service' });
      await ok(number, 'on-spot-resolution', 'agent', { remedies: [{ type: 'apology' }], note: '致歉' });
      const s = await eventually(async () => {
        const current = await state(number);
        return current.stage === 'closed' ? current : undefined;
      });
      expect(s).toMatchObject({ outcome: 'resolved', closeReason: 'resolved_without_feedback' });
      await saveHistoryIfRecording(number, 'satisfaction-not-given');
    });
  });

  it('satisfaction 2 → follow-up visit → still dissatisfied → reopened for review', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await toProposing(number);
      await ok(number, 'proposal', 'handler', refund(100), 'handler-chen');
      await ok(number, 'customer-response', 'customer', { accept: true });
      await ok(number, 'execution', 'handler', { proof: '已退款' }, 'handler-chen');
      let s = await ok(number, 'satisfaction', 'customer', { score: 2, comment: '处理太慢' });
      expect(s.stage).toBe('closed');
      expect(s.followUp).toEqual({ status: 'scheduled' });
      s = await eventually(async () => {
        const current = await state(number);
        return current.stage === 'follow_up' ? current : undefined;
      });
      // The quality department has no agents: the visit goes to its supervisor, and the timeline says so.
      expect(s.followUp.assigneeId).toBe('sup-sun');
      await caughtUp(number);
      const [due] = await stack.database.db.select().from(timelineEvents).where(and(eq(timelineEvents.complaintNumber, number), eq(timelineEvents.type, 'follow_up_due')));
      expect(due.data).toMatchObject({ assigneeId: 'sup-sun', assignedVia: 'department_supervisor' });
      s = await ok(number, 'follow-up', 'supervisor', { reached: true, satisfied: false, note: '顾客仍不满意' }, 'sup-sun');
      expect(s.stage).toBe('investigating');
      expect(s.reopenCount).toBe(1);
      expect(await notificationKinds(number)).toEqual(expect.arrayContaining(['follow_up_task', 'follow_up']));
      expect(await timeline(number)).toEqual(expect.arrayContaining(['follow_up_due', 'follow_up_recorded', 'reopened']));
      await saveHistoryIfRecording(number, 'follow-up-reopen');
    });
  });

  it('the customer may ask to reopen a closed complaint within the window', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      await ok(number, 'withdrawal', 'customer', { reason: '先撤回' });
      const s = await ok(number, 'reopening', 'customer', { reason: '问题再次出现' });
      expect(s.stage).toBe('investigating');
      expect(s.reopenCount).toBe(1);
    });
  });

  it('continues as new when the engine suggests it, carrying state and deadlines over', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const triaged = await ok(number, 'triage', 'agent', triageComplex, 'agent-li');
      const firstRun = (await stack.client.workflow.getHandle(number).describe()).runId;
      // The test server suggests continue-as-new after 120 history events; each note adds several.
      for (let i = 0; i < 25; i += 1) await ok(number, 'notes', 'handler', { text: `记录 ${i}` }, 'handler-chen');
      await eventually(async () => (await stack.client.workflow.getHandle(number).describe()).runId !== firstRun);
      const s = await state(number);
      expect(s.stage).toBe('investigating');
      expect(s.assigneeId).toBe('handler-chen');
      expect(s.deadlines.find((d: { kind: string }) => d.kind === 'reply').dueAt).toBe(triaged.deadlines.find((d: { kind: string }) => d.kind === 'reply').dueAt);
      const next = await ok(number, 'findings', 'handler', findings, 'handler-chen');
      expect(next.stage).toBe('proposing');
      const rows = await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number)).orderBy(timelineEvents.seq);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
      expect(rows.at(-1)!.type).toBe('findings_recorded');
    });
  });

  it('wrong stage (409) and wrong role (403) are refused by the validators and write nothing', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const before = await timeline(number);
      const wrongStage = await act(number, 'approval', 'supervisor', { decision: 'approve', reason: 'x' });
      expect(wrongStage.status).toBe(409);
      expect(wrongStage.body.error.stage).toBe('acknowledged');
      const wrongRole = await act(number, 'triage', 'handler', triageComplex);
      expect(wrongRole.status).toBe(403);
      const badInput = await act(number, 'triage', 'agent', { ...triageComplex, grade: 'urgent' });
      expect(badInput.status).toBe(400);
      expect(badInput.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.grade');
      expect(await timeline(number)).toEqual(before);

      // The workflow's own validators refuse the same, for a client that bypasses the API.
      const handle = stack.client.workflow.getHandle(number);
      await expect(handle.executeUpdate(actionUpdates.triage, { args: [{ actor: { id: 'c', role: 'customer' }, payload: triageComplex as never }] })).rejects.toMatchObject({ cause: { type: 'Forbidden' } });
      await expect(handle.executeUpdate(actionUpdates.rateSatisfaction, { args: [{ actor: { id: 'a', role: 'agent' }, payload: { score: 5 } }] })).rejects.toMatchObject({ cause: { type: 'WrongStage' } });
      await expect(handle.executeUpdate(actionUpdates.triage, { args: [{ actor: { id: 'a', role: 'agent' }, payload: { ...triageComplex, severity: 'apocalyptic' } as never }] })).rejects.toMatchObject({ cause: { type: 'InvalidInput' } });
      expect(await timeline(number)).toEqual(before);
    });
  });
});
