/**
 * One complaint's process: its state, the transitions several actions and clocks share (close,
 * reopen, escalate, offer to the customer, start the follow-up visit), what each clock does when it
 * runs out, and the action entry point with its validator. The workflow function (complaint.ts) only
 * wires this class to the engine; what each action does is its entry in actions.ts.
 *
 * Every change happens under one mutex, so an action and a timer never interleave between their
 * awaits, and ends with one `flush` that writes the timeline.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { condition, log, patched } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { actionFitsStage, parseActionPayload, type ActionPayload, type ComplaintActionName, type Remedy } from '../domain/actions';
import { assessProposal, nextApproverOnOverdue } from '../domain/authority';
import { computeDueAt } from '../domain/deadlines';
import { FAILURE_TYPES, forbidden, invalidInput, recordingRefused, wrongStage } from '../domain/errors';
import { ESCALATION_ROLES, MAX_ESCALATION_LEVEL, SYSTEM_ACTOR, type Actor, type DeadlineKind, type EscalationLevel, type Outcome, type Stage } from '../domain/model';
import type { CloseReasonCode, NotificationAudience, NotificationDataByKind, NotificationKind, NotificationRequest, NotificationRequestOf } from '../domain/notification-kinds';
import type { AssignmentDecision, AssignmentVia } from '../domain/staffing';
import { isAllowed } from '../domain/permissions';
import type { Policy } from '../domain/policy';
import { ACTION_HANDLERS } from './actions';
import { databaseStep } from './activity-proxies';
import { Clocks } from './clocks';
import { DEADLINE_RULES } from './deadline-rules';
import type { ActionRequest } from './messages';
import { iso, localTime, viewOf } from './projection';
import { PATCHES } from './patches';
import { Recorder } from './recorder';
import type { ComplaintState, ComplaintView, ComplaintWorkflowInput, Deadline, Proposal } from './types';

/** External routes named when a complaint cannot be agreed [002 §二(四).4]. */
const EXTERNAL_ROUTES = '消费者协会调解 / consumer association mediation; 12315 市场监管投诉热线 / regulator hotline 12315';

export class ComplaintProcess {
  readonly state: ComplaintState;
  readonly policy: Policy;
  readonly recorder: Recorder;
  readonly clocks: Clocks;
  private readonly mutex = new Mutex();

  constructor(input: ComplaintWorkflowInput) {
    this.policy = input.policy;
    this.state = input.continued ?? {
      number: input.complaintNumber,
      channel: input.channel,
      receivedAt: Date.parse(input.receivedAt),
      receivedBy: input.receivedBy,
      stage: 'received',
      escalationLevel: 0,
      slaBreached: false,
      possiblySystemic: false,
      paused: false,
      rejectedRounds: 0,
      reopenCount: 0,
      deadlines: {},
      // 0 is the 'received' event the API writes with the intake row.
      eventSeq: 0,
      stateVersion: 0,
      lastTransitionAt: Date.parse(input.receivedAt),
    };
    this.recorder = new Recorder(this.state, this.policy, () => this.clocks.nextDueAt(), () => this.clocks.open());
    this.clocks = new Clocks(this.state, this.policy, this.recorder);
  }

  // ── Actions ────────────────────────────────────────────────────────────────────────────────────

  /**
   * The update validator: role, stage, payload schema, then the action's own checks (authority,
   * preconditions). Answers synchronously, before anything is written. The handler validates again
   * under the mutex (`phase: 'handler'`), skipping the checks on the input alone, which cannot have
   * changed since (and which complaints accepted by an earlier version must not fail on replay).
   */
  validate<A extends ComplaintActionName>(name: A, request: ActionRequest<A>, phase: 'validator' | 'handler' = 'validator'): ActionPayload<A> {
    const actor = request?.actor;
    if (!actor || typeof actor.id !== 'string' || !isAllowed(actor.role, name)) {
      throw forbidden(`role ${actor?.role ?? '(none)'} may not ${name}`);
    }
    if (!actionFitsStage(name, this.state.stage)) throw wrongStage(this.state.stage, name);
    const parsed = parseActionPayload(name, request.payload);
    if (!parsed.success) throw invalidInput(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
    const handler = ACTION_HANDLERS[name];
    if (phase === 'validator') handler.inputCheck?.(this, actor, parsed.data);
    handler.check?.(this, actor, parsed.data);
    return parsed.data;
  }

  /** The update handler: validates again under the mutex (a timer may have moved the complaint on), applies, records. */
  act<A extends ComplaintActionName>(name: A, request: ActionRequest<A>): Promise<ComplaintView> {
    return this.mutex.runExclusive(async () => {
      const payload = this.validate(name, request, 'handler');
      const before = JSON.stringify(this.state);
      try {
        await ACTION_HANDLERS[name].run(this, request.actor, payload);
        await this.recorder.flush();
      } catch (err) {
        if (!isRecordingRefused(err)) throw err;
        // The database refused the data for good: undo the action, tell operators on the timeline,
        // answer the caller — and release the mutex, so the complaint's clocks and other actions go on.
        this.restore(before);
        log.warn('action not stored: the database refused its data', { complaint: this.state.number, action: name });
        this.emit('recording_failed', SYSTEM_ACTOR, { internal: true, data: { action: name } });
        await this.recorder.flush();
        throw recordingRefused(name);
      }
      return this.view();
    });
  }

  /** Puts the state back as it was (a JSON snapshot: the state is plain data). */
  private restore(snapshot: string): void {
    const state = this.state as unknown as Record<string, unknown>;
    for (const key of Object.keys(state)) delete state[key];
    Object.assign(state, JSON.parse(snapshot));
    this.recorder.discardPending();
  }

  view(): ComplaintView {
    return viewOf(this.state, this.policy, this.clocks.open(), this.clocks.nextDueAt());
  }

  // ── The start, the clocks and the end ──────────────────────────────────────────────────────────

  /** Receipt → acknowledged: mark the intake picked up, suggest a triage, start the first-response clock. */
  acknowledge(): Promise<void> {
    return this.mutex.runExclusive(async () => {
      const state = this.state;
      if (patched(PATCHES.onePickupStep)) {
        state.triageSuggestion = await databaseStep('pick up the intake and suggest triage').pickUpComplaint({ complaintNumber: state.number });
      } else {
        await databaseStep('mark the intake picked up').recordComplaintStarted({ complaintNumber: state.number });
        state.triageSuggestion = await databaseStep('suggest triage').suggestTriage({ complaintNumber: state.number });
      }
      state.possiblySystemic = state.triageSuggestion.possiblySystemic;
      this.enterStage('acknowledged');
      this.clocks.start('firstResponse', state.receivedAt);
      const firstResponseDue = iso(this.clocks.get('firstResponse')!.dueAt)!;
      // The reply-by date the customer is promised: the reply clock counts from receipt (it starts at triage).
      const replyBy = iso(computeDueAt(this.policy.calendar, state.receivedAt, this.policy.durations.reply).dueAt)!;
      this.emit('acknowledged', SYSTEM_ACTOR, {
        data: { firstResponseDue, replyBy, policyVersion: this.policy.version, suggestion: state.triageSuggestion },
        notify: [
          this.notice('acknowledgement', { type: 'customer' }, { promisedBy: firstResponseDue, replyBy }),
          this.notice('assignment', { type: 'role', role: 'agent', departmentId: state.triageSuggestion.departmentId }, { task: 'triage' }),
        ],
      });
      await this.recorder.flush();
    });
  }

  /** Sends the reminders and acts on the clocks that are due, then records. */
  runDueClocks(): Promise<void> {
    return this.mutex.runExclusive(async () => {
      const now = Date.now();
      for (const deadline of this.clocks.open()) {
        // A transition earlier in this pass (a close, a re-armed clock) may have replaced or removed
        // this clock; acting on the stale copy would escalate or close twice.
        if (patched(PATCHES.skipReplacedDeadlines) && this.clocks.get(deadline.kind) !== deadline) continue;
        if (deadline.pausedAt !== undefined || deadline.breached) continue;
        const rule = DEADLINE_RULES[deadline.kind];
        if (!deadline.reminded && rule.remind !== 'none' && now >= deadline.remindAt && now < deadline.dueAt) {
          deadline.reminded = true;
          const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)! };
          this.emit('deadline_reminder', SYSTEM_ACTOR, {
            internal: rule.remind === 'owner',
            data,
            notify: this.reminderNotices(deadline.kind, data),
          });
        }
        if (now >= deadline.dueAt) await this.onDeadlineDue(deadline);
      }
      await this.recorder.flush();
    });
  }

  /** Closed with nothing left to wait for: no reopen window, no follow-up visit ahead. */
  isFinished(): boolean {
    return this.state.stage === 'closed' && !this.clocks.get('reopenWindow') && this.state.followUp?.status !== 'scheduled';
  }

  /**
   * Sleeps on a durable timer until the next reminder or due time, or until a transition changes the
   * plan. The timer is named after its clock in the UI ("reply due 2026-10-15 18:00 (UTC+8)").
   */
  async sleepUntilNextWake(): Promise<void> {
    const seen = this.recorder.flushes;
    const wake = this.clocks.nextWake();
    if (wake === undefined) {
      await condition(() => this.recorder.flushes !== seen);
      return;
    }
    const summary = `${wake.kind} ${wake.reminder ? 'reminder' : 'due'} ${localTime(wake.at, this.policy.calendar.utcOffsetMinutes)}`;
    await condition(() => this.recorder.flushes !== seen, Math.max(wake.at - Date.now(), 1), { summary });
  }

  /** What a clock does when it runs out: its `onDue` in deadline-rules.ts. */
  private async onDeadlineDue(deadline: Deadline): Promise<void> {
    const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)! };
    switch (DEADLINE_RULES[deadline.kind].onDue) {
      case 'escalate':
        return this.breachAndEscalate(deadline);
      case 'escalateApprover':
        return this.escalateApproval(deadline);
      case 'closeNoResponse':
        this.emit('customer_no_response', SYSTEM_ACTOR, { data });
        return this.close('unresolved', 'no_response', SYSTEM_ACTOR);
      case 'closeWithoutFeedback':
        this.emit('satisfaction_not_given', SYSTEM_ACTOR, { data });
        return this.close('resolved', 'resolved_without_feedback', SYSTEM_ACTOR);
      case 'followUpOverdue':
        if (!patched(PATCHES.followUpVisitBreach)) return this.breachAndEscalate(deadline);
        return this.followUpVisitOverdue(deadline);
      case 'startFollowUp':
        return this.startFollowUpVisit();
      case 'endReopenWindow':
        this.clocks.clear('reopenWindow');
        this.emit('reopen_window_ended', SYSTEM_ACTOR, { internal: true, data });
        return;
    }
  }

  // ── Transitions shared by actions and clocks ───────────────────────────────────────────────────

  emit(...args: Parameters<Recorder['emit']>): string {
    return this.recorder.emit(...args);
  }

  notice<K extends NotificationKind>(kind: K, to: NotificationAudience, data: NotificationDataByKind[K]): NotificationRequestOf<K> {
    return this.recorder.notice(kind, to, data);
  }

  /** Who of a role takes over in a department, as complaints started before `org-chart-assignment` chose. */
  findStaff(departmentId: string | undefined, role: 'agent' | 'handler' | 'supervisor' | 'manager'): Promise<string | null> {
    return databaseStep(`find ${role}`).findStaff({ departmentId, role });
  }

  /** The key of a staffing decision: the same step of the same complaint decides once, however often the activity runs. */
  private decisionKey(purpose: string): string {
    return `${this.state.number}:${purpose}:${this.state.eventSeq + 1}`;
  }

  /**
   * Who takes a piece of work in a department: the least loaded available person of the role, else the
   * department's supervisor, else the role anywhere — decided by an activity and recorded, so replays
   * see the same person. `via` says which rule found them (the timeline shows it).
   */
  async assign(role: 'agent' | 'handler', departmentId: string | undefined, purpose: string): Promise<AssignmentDecision> {
    if (!patched(PATCHES.orgChartAssignment)) {
      const staffId = await this.findStaff(departmentId, role);
      return { staffId, via: staffId ? 'department' : 'none' };
    }
    return databaseStep(`assign ${role} (${purpose})`).assignStaff({ key: this.decisionKey(purpose), complaintNumber: this.state.number, role, departmentId });
  }

  /** Whose clock `kind` is now: the audience of its reminders and breach notices, and the staff id when one person owns it. */
  clockOwner(kind: DeadlineKind): { to: NotificationAudience; staffId?: string } {
    const state = this.state;
    const department = state.departmentId;
    const person = (id: string | undefined, role: 'agent' | 'handler' | 'supervisor' | 'manager') =>
      id ? { to: { type: 'staff', id } as const, staffId: id } : { to: { type: 'role', role, departmentId: department } as const };
    switch (DEADLINE_RULES[kind].owner) {
      case 'triagePool':
        return { to: { type: 'role', role: 'agent', departmentId: state.triageSuggestion?.departmentId ?? department } };
      case 'caseOwner':
        return person(state.assigneeId, ESCALATION_ROLES[state.escalationLevel]);
      case 'approvers':
        return { to: { type: 'role', role: state.proposal?.approval?.requiredRole ?? 'supervisor', departmentId: department } };
      case 'executionOwner':
        return person(state.execution?.ownerId ?? state.assigneeId, 'handler');
      case 'visitingAgent':
        return person(state.followUp?.assigneeId, 'agent');
    }
  }

  /** A due-soon reminder: the clock's owner, and the customer too for the customer's own clocks. */
  private reminderNotices(kind: DeadlineKind, data: { deadline: DeadlineKind; dueAt: string }): NotificationRequest[] {
    const rule = DEADLINE_RULES[kind];
    if (!patched(PATCHES.clockOwners)) {
      return [rule.remind === 'customer' ? this.notice('response_reminder', { type: 'customer' }, data) : this.ownerNotice('deadline_reminder', data)];
    }
    return [
      ...(rule.remind === 'customer' ? [this.notice('response_reminder', { type: 'customer' }, data)] : []),
      this.notice('deadline_reminder', this.clockOwner(kind).to, data),
    ];
  }

  enterStage(stage: Stage): void {
    this.state.stage = stage;
  }

  /** Every priced remedy must be in the policy's currency: amounts in two currencies cannot be added up or compared with the tiers. */
  checkCurrencies(remedies: Remedy[]): void {
    const currency = this.policy.authority.currency;
    const foreign = remedies.flatMap((r, i) => (r.currency !== undefined && r.currency !== currency ? [{ path: `remedies.${i}.currency`, message: `must be ${currency}, the currency of the authority tiers` }] : []));
    if (foreign.length > 0) throw invalidInput(foreign);
  }

  /** Checks a proposal's remedies against the actor's authority (SPEC §4.6). */
  assess(actor: Actor, remedies: Remedy[]) {
    return assessProposal(actor.role, remedies, remedies.find((r) => r.currency)?.currency, this.policy.authority);
  }

  /** A reminder or breach notice for whoever owns the complaint now (the role's pool when nobody does). */
  ownerNotice<K extends 'deadline_reminder' | 'sla_breach'>(kind: K, data: NotificationDataByKind[K]): NotificationRequestOf<K> {
    const state = this.state;
    const to: NotificationAudience = state.assigneeId
      ? { type: 'staff', id: state.assigneeId }
      : { type: 'role', role: ESCALATION_ROLES[state.escalationLevel], departmentId: state.departmentId };
    return this.notice(kind, to, data);
  }

  async close(outcome: Outcome, reason: CloseReasonCode | (string & {}), actor: Actor, duplicateOf?: string): Promise<void> {
    const state = this.state;
    state.outcome = outcome;
    state.closeReason = reason;
    if (duplicateOf !== undefined) state.duplicateOf = duplicateOf;
    state.closedAt = Date.now();
    state.paused = false;
    this.clocks.clearAll();
    this.enterStage('closed');
    const followUpDue =
      (outcome === 'resolved' || outcome === 'unresolved') &&
      (state.grade === 'major' || (state.satisfaction !== undefined && state.satisfaction.score <= this.policy.followUpSatisfactionThreshold));
    this.emit('closed', actor, {
      reason,
      data: { outcome, followUp: followUpDue, ...(duplicateOf !== undefined ? { duplicateOf } : {}) },
      notify: [this.notice('outcome', { type: 'customer' }, { outcome, reason, ...(outcome === 'unresolved' ? { externalRoutes: EXTERNAL_ROUTES } : {}) })],
    });
    if (outcome !== 'invalid' && outcome !== 'duplicate') this.clocks.start('reopenWindow');
    if (followUpDue) {
      state.followUp = { status: 'scheduled' };
      this.clocks.start('followUpStart');
    }
  }

  reopen(actor: Actor, reason: string): void {
    const state = this.state;
    state.reopenCount += 1;
    state.outcome = undefined;
    state.closeReason = undefined;
    state.duplicateOf = undefined;
    state.closedAt = undefined;
    state.satisfaction = undefined;
    state.proposal = undefined;
    state.rejectedRounds = 0;
    state.followUp = undefined;
    this.clocks.clearAll();
    // A reopened case is reviewed (复查) as a complex one, whatever its first grade.
    if (state.grade === 'simple') state.grade = 'complex';
    this.enterStage('investigating');
    this.clocks.start('reply');
    this.clocks.start('progressUpdate');
    this.emit('reopened', actor, {
      reason,
      data: { reopenCount: state.reopenCount },
      notify: [
        ...(state.assigneeId ? [this.notice('assignment', { type: 'staff', id: state.assigneeId }, { reason })] : []),
        this.notice('progress_update', { type: 'customer' }, { event: 'reopened' }),
      ],
    });
  }

  /** The proposal goes to the customer: negotiating, with the customer-response clock. */
  offerToCustomer(actor: Actor): void {
    const proposal = this.state.proposal!;
    // The customer is still owed news while the proposal is discussed and carried out [000 §二.5].
    if (patched(PATCHES.progressClockWhileOpen)) this.clocks.clear('reply', 'approval');
    else this.clocks.clear('reply', 'progressUpdate', 'approval');
    this.enterStage('negotiating');
    this.clocks.start('customerResponse');
    this.emit('proposal_sent', actor, {
      data: { round: proposal.round, remedies: proposal.remedies, totalMinor: proposal.totalMinor },
      notify: [
        this.notice('proposal', { type: 'customer' }, { message: proposal.message, totalMinor: proposal.totalMinor, currency: proposal.currency, round: proposal.round, dueAt: iso(this.clocks.get('customerResponse')?.dueAt) }),
      ],
    });
  }

  async escalateOneLevel(actor: Actor, reason: string, fromStaffId?: string): Promise<void> {
    const level = Math.min(this.state.escalationLevel + 1, MAX_ESCALATION_LEVEL) as EscalationLevel;
    return this.escalateTo(level, actor, reason, fromStaffId);
  }

  /**
   * Hands the complaint to the role of `level` (SPEC §4.10) — up the org chart from whoever had it
   * (`fromStaffId`, else the owner, else before triage the receiving agent) — and tells the customer.
   */
  async escalateTo(level: EscalationLevel, actor: Actor, reason: string, fromStaffId?: string): Promise<void> {
    const state = this.state;
    const from = state.escalationLevel;
    const role = ESCALATION_ROLES[level];
    let owner: string | null;
    let via: AssignmentVia | undefined;
    if (role !== 'agent' && patched(PATCHES.orgChartAssignment)) {
      const decision = await databaseStep(`find the ${role} to escalate to`).assignEscalationOwner({
        key: this.decisionKey('escalation'),
        complaintNumber: state.number,
        role,
        fromStaffId: fromStaffId ?? state.assigneeId ?? state.receivedBy,
        departmentId: state.departmentId,
      });
      owner = decision.staffId;
      via = decision.via;
    } else {
      owner = await this.findStaff(state.departmentId, role);
    }
    state.escalationLevel = level;
    state.escalatedAt = Date.now();
    if (owner) state.assigneeId = owner;
    const data = { fromLevel: from, toLevel: level, ownerRole: role, assigneeId: owner ?? null, ...(via ? { via } : {}) };
    this.emit('escalated', actor, {
      reason,
      data,
      notify: [
        this.notice('escalation', owner ? { type: 'staff', id: owner } : { type: 'role', role, departmentId: state.departmentId }, { fromLevel: from, toLevel: level, ownerRole: role, assigneeId: owner ?? null, reason }),
        this.notice('escalation_notice', { type: 'customer' }, { ownerRole: role }),
      ],
    });
  }

  private async breachAndEscalate(deadline: Deadline): Promise<void> {
    deadline.breachCount += 1;
    this.state.slaBreached = true;
    const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)!, level: this.state.escalationLevel };
    const owner = patched(PATCHES.clockOwners) ? this.clockOwner(deadline.kind) : undefined;
    this.emit('sla_breached', SYSTEM_ACTOR, { data, notify: [owner ? this.notice('sla_breach', owner.to, data) : this.ownerNotice('sla_breach', data)] });
    if (this.state.escalationLevel < MAX_ESCALATION_LEVEL) {
      // The escalation goes to the superior of whoever owned the missed clock.
      await this.escalateOneLevel(SYSTEM_ACTOR, `${deadline.kind} deadline missed`, owner?.staffId);
      // The next owner gets a fresh clock of the same length; breaching that one climbs again.
      this.clocks.start(deadline.kind);
    } else {
      // At the top of the ladder there is no one left to hand it to: it stays visibly breached.
      deadline.breached = true;
    }
  }

  /**
   * An overdue approval is a breach of the approval clock. It moves up the approvers' ladder
   * (supervisor → manager); overdue again at manager level it stays with the managers, reminded and
   * marked breached — it never falls onto the general ladder, where a supervisor who cannot grant the
   * amount would receive it.
   */
  private async escalateApproval(deadline: Deadline): Promise<void> {
    const proposal = this.state.proposal;
    const approval = proposal?.approval;
    const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)! };
    if (proposal && approval && approval.requiredRole === 'supervisor') {
      approval.requiredRole = nextApproverOnOverdue(approval.requiredRole);
      if (patched(PATCHES.approvalLadder)) {
        this.emit('sla_breached', SYSTEM_ACTOR, { data: { ...data, level: this.state.escalationLevel, approverRole: 'supervisor' } });
      }
      this.emit('approval_overdue', SYSTEM_ACTOR, {
        data: { ...data, approverRole: approval.requiredRole },
        notify: [this.approvalRequest(proposal, data)],
      });
      deadline.breachCount += 1;
      this.state.slaBreached = true;
      this.clocks.start('approval');
      return;
    }
    if (proposal && approval?.status === 'pending' && patched(PATCHES.approvalLadder)) {
      deadline.breachCount += 1;
      deadline.breached = true;
      this.state.slaBreached = true;
      this.emit('sla_breached', SYSTEM_ACTOR, {
        data: { ...data, level: this.state.escalationLevel, approverRole: approval.requiredRole },
        notify: [this.approvalRequest(proposal, data)],
      });
      return;
    }
    return this.breachAndEscalate(deadline);
  }

  /** Asks the approvers who may grant the proposal (role and department) to decide it. */
  private approvalRequest(proposal: Proposal, overdue?: { deadline: DeadlineKind; dueAt: string }) {
    const role = proposal.approval?.requiredRole ?? 'supervisor';
    return this.notice('approval_request', { type: 'role', role, departmentId: this.state.departmentId }, { ...overdue, totalMinor: proposal.totalMinor, currency: proposal.currency });
  }

  /**
   * The visiting agent missed the follow-up visit: their breach, told to them and the department's
   * supervisors. The complaint was closed and stays so — no SLA breach on it, no escalation, and
   * nothing to the customer. The visit can still be recorded.
   */
  private followUpVisitOverdue(deadline: Deadline): void {
    const state = this.state;
    deadline.breachCount += 1;
    deadline.breached = true;
    const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)!, level: state.escalationLevel };
    const agent = state.followUp?.assigneeId;
    this.emit('follow_up_overdue', SYSTEM_ACTOR, {
      internal: true,
      data: { ...data, assigneeId: agent ?? null },
      notify: [
        ...(agent ? [this.notice('sla_breach', { type: 'staff', id: agent }, data)] : []),
        this.notice('sla_breach', { type: 'role', role: 'supervisor', departmentId: state.departmentId }, data),
      ],
    });
  }

  private async startFollowUpVisit(): Promise<void> {
    const state = this.state;
    this.clocks.clear('followUpStart');
    const decision = await this.assign('agent', state.departmentId, 'follow-up-visit');
    const agent = decision.staffId ?? state.assigneeId;
    state.followUp = { status: 'due', assigneeId: agent };
    this.enterStage('follow_up');
    this.clocks.start('followUpVisit');
    this.emit('follow_up_due', SYSTEM_ACTOR, {
      data: { assigneeId: agent ?? null, ...(decision.via !== 'department' ? { assignedVia: decision.via } : {}) },
      notify: [
        this.notice('follow_up_task', agent ? { type: 'staff', id: agent } : { type: 'role', role: 'agent', departmentId: state.departmentId }, {}),
        this.notice('follow_up', { type: 'customer' }, {}),
      ],
    });
  }

  /** A customer's information answers what a paused complaint was waiting for. */
  resumeIfCustomerAnswered(actor: Actor): void {
    if (actor.role === 'customer' && this.state.paused) {
      this.clocks.resume();
      this.emit('sla_resumed', actor, { reason: 'customer provided information' });
    }
  }
}

/** An activity failed because the database refused the data for good (not an outage). */
function isRecordingRefused(err: unknown): boolean {
  // A remote activity's failure wraps the activity's ApplicationFailure in an ActivityFailure; a local
  // activity's may arrive as the ApplicationFailure itself.
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.type === FAILURE_TYPES.invalidData;
}
