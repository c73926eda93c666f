/**
 * One complaint's process: its state, the action entry point with its validator, the start, and the
 * pass over due clocks. The workflow function (complaint.ts) only wires this class to the engine;
 * what each action does is its entry in actions.ts, what each clock does its entry in
 * deadline-rules.ts, and the transitions they share live in transitions.ts.
 *
 * Every change happens under one mutex, so an action and a timer never interleave between their
 * awaits, and ends with one `flush` that writes the timeline.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { condition, log } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { ACTION_RULES, actionFitsStage, type ActionPayload, type ComplaintActionName } from '../domain/actions';
import { computeDueAt } from '../domain/deadlines';
import { FAILURE_TYPES, forbidden, invalidInput, recordingRefused, wrongStage } from '../domain/errors';
import { SYSTEM_ACTOR, type Actor, type DeadlineKind } from '../domain/model';
import type { NotificationRequest } from '../domain/notification-kinds';
import { isAllowed } from '../domain/permissions';
import type { Policy } from '../domain/policy';
import { checkShape, withDefaults } from '../domain/shapes';
import { ACTION_HANDLERS } from './actions';
import { databaseStep } from './activity-proxies';
import { Clocks } from './clocks';
import { LegalClocks } from './legal';
import { PATCHES } from './patches';
import { DEADLINE_RULES } from './deadline-rules';
import { iso, localTime } from './format';
import type { ActionRequest } from './messages';
import { viewOf } from './projection';
import { Recorder } from './recorder';
import { ComplaintTransitions } from './transitions';
import type { LegalIntake } from '../domain/legal-clocks';
import { planReplan, policyAfter } from './replan';
import type { ComplaintState, ComplaintView, ComplaintWorkflowInput, ReplanRequest, ReplanResult } from './types';

export class ComplaintProcess {
  readonly state: ComplaintState;
  readonly policy: Policy;
  readonly recorder: Recorder;
  readonly clocks: Clocks;
  readonly legal: LegalClocks;
  /** The regime given at intake, applied at acknowledgement. */
  private readonly legalIntake?: LegalIntake;
  /** What action handlers and due clocks may do (the narrow `ProcessContext`). */
  private readonly transitions: ComplaintTransitions;
  private readonly mutex = new Mutex();

  constructor(input: ComplaintWorkflowInput) {
    this.policy = input.policy;
    this.state = input.continued ?? {
      number: input.complaintNumber,
      channel: input.channel,
      receivedAt: Date.parse(input.receivedAt),
      receivedBy: input.receivedBy,
      ...(input.companyReceivedAt !== undefined ? { companyReceivedAt: Date.parse(input.companyReceivedAt) } : {}),
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
    this.legalIntake = input.legal;
    this.recorder = new Recorder(this.state, this.policy, () => this.clocks.nextDueAt(), () => this.clocks.open(), () => this.legal.nextDueAt());
    this.clocks = new Clocks(this.state, this.policy, this.recorder);
    this.legal = new LegalClocks(this.state, this.policy, this.recorder);
    this.transitions = new ComplaintTransitions(this.state, this.policy, this.clocks, this.legal, this.recorder);
  }

  // ── Actions ────────────────────────────────────────────────────────────────────────────────────

  /**
   * The update validator: role, stage, the payload's shape, then the action's own checks (authority,
   * preconditions). Answers synchronously, before anything is written. The API has parsed the payload
   * with the same shape (trimmed, defaults filled); this check guards what the workflow relies on
   * without a schema library in the sandbox. The handler validates again under the mutex
   * (`phase: 'handler'`), skipping the checks on the input alone, which cannot have changed since.
   */
  validate<A extends ComplaintActionName>(name: A, request: ActionRequest<A>, phase: 'validator' | 'handler' = 'validator'): ActionPayload<A> {
    const actor = request?.actor;
    if (!actor || typeof actor.id !== 'string' || !isAllowed(actor.role, name)) {
      throw forbidden(`role ${actor?.role ?? '(none)'} may not ${name}`);
    }
    if (!actionFitsStage(name, this.state.stage)) throw wrongStage(this.state.stage, name);
    const shape = ACTION_RULES[name].payload;
    const issues = checkShape(shape, request.payload);
    if (issues.length > 0) throw invalidInput(issues);
    const payload = withDefaults(shape, request.payload as Record<string, unknown>) as ActionPayload<A>;
    const handler = ACTION_HANDLERS[name];
    if (phase === 'validator') handler.inputCheck?.(this.transitions, actor, payload);
    handler.check?.(this.transitions, actor, payload);
    return payload;
  }

  /** The update handler: validates again under the mutex (a timer may have moved the complaint on), applies, records. */
  act<A extends ComplaintActionName>(name: A, request: ActionRequest<A>): Promise<ComplaintView> {
    return this.mutex.runExclusive(async () => {
      const payload = this.validate(name, request, 'handler');
      const before = JSON.stringify(this.state);
      try {
        await ACTION_HANDLERS[name].run(this.transitions, request.actor, payload);
        await this.recorder.flush();
      } catch (err) {
        if (!isRecordingRefused(err)) throw err;
        // The database refused the data for good: undo the action, tell operators on the timeline,
        // answer the caller — and release the mutex, so the complaint's clocks and other actions go on.
        this.restore(before);
        log.warn('action not stored: the database refused its data', { complaint: this.state.number, action: name });
        this.recorder.emit('recording_failed', SYSTEM_ACTOR, { internal: true, data: { action: name } });
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
    return viewOf(this.state, this.policy, this.clocks.open(), this.clocks.nextDueAt(), this.legal);
  }

  // ── Re-planning on purpose ─────────────────────────────────────────────────────────────────────

  /** Which deadlines would move, and to when; changes nothing (the administrator's dry run). */
  previewReplan(request: ReplanRequest): ReplanResult {
    const next = policyAfter(this.policy, request);
    const plan = planReplan(this.state, this.policy, next, Date.now(), this.clocks.open(), (policy) => this.legal.planned(policy));
    return { number: this.state.number, policyVersion: { from: this.policy.version, to: next.version }, moves: plan.moves, applied: false };
  }

  /** Only an administrator re-plans, and only with a reason and one thing to apply. */
  validateReplan(request: ReplanRequest & { actor: Actor }): void {
    if (request?.actor?.role !== 'admin') throw forbidden('only an administrator re-plans a complaint');
    if (typeof request.reason !== 'string' || request.reason.trim() === '') throw invalidInput([{ path: 'reason', message: 'required' }]);
    if ((request.policy === undefined) === (request.calendarYear === undefined)) throw invalidInput([{ path: 'policy', message: 'give a policy or a calendar year' }]);
  }

  /** Applies a re-plan: the moved clocks, the new policy, one timeline event with every move and why. */
  replan(request: ReplanRequest & { actor: Actor }): Promise<ReplanResult> {
    return this.mutex.runExclusive(async () => {
      this.validateReplan(request);
      const next = policyAfter(this.policy, request);
      const plan = planReplan(this.state, this.policy, next, Date.now(), this.clocks.open(), (policy) => this.legal.planned(policy));
      const policyVersion = { from: this.policy.version, to: next.version };
      const result: ReplanResult = { number: this.state.number, policyVersion, moves: plan.moves, applied: false };
      // One policy object is shared by the clocks, the transitions and the recorder: replace its contents.
      // A calendar year that moves nothing yet is still taken, for the clocks that start later.
      if (next !== this.policy) Object.assign(this.policy, next);
      if (plan.moves.length === 0 && policyVersion.from === policyVersion.to) return result;
      for (const clock of plan.clocks) this.state.deadlines[clock.kind] = clock;
      this.recorder.emit('deadlines_replanned', request.actor, {
        internal: true,
        reason: request.reason,
        data: {
          policyVersion,
          cause: request.calendarYear ? `calendar ${request.calendarYear.calendarId} ${request.calendarYear.year}` : 'policy',
          moves: plan.moves.map((m) => ({ ...m })),
        },
      });
      await this.recorder.flush();
      return { ...result, applied: true };
    });
  }

  /** A holiday notice (a signal): applied like a re-plan; a notice it cannot take is logged, never fails the complaint. */
  async takeCalendarYear(notice: ReplanRequest & { actor: Actor }): Promise<void> {
    try {
      await this.replan(notice);
    } catch (err) {
      log.warn('holiday notice not applied', { complaint: this.state.number, error: String(err) });
    }
  }

  // ── The start, the clocks and the end ──────────────────────────────────────────────────────────

  /** Receipt → acknowledged: mark the intake picked up and suggest a triage (one step), start the first-response clock. */
  acknowledge(): Promise<void> {
    return this.mutex.runExclusive(async () => {
      const state = this.state;
      const p = this.transitions;
      state.triageSuggestion = await databaseStep('pick up the intake and suggest triage').pickUpComplaint({ complaintNumber: state.number, simpleMaxAmountMinor: this.policy.authority.agentMaxMinor });
      state.possiblySystemic = state.triageSuggestion.possiblySystemic;
      p.enterStage('acknowledged');
      // Legal clocks (patch `legal-clocks`) count from when the company received the complaint.
      if (this.legalIntake && p.isPatched(PATCHES.legalClocks)) this.legal.begin(this.legalIntake, SYSTEM_ACTOR);
      this.clocks.start('firstResponse', state.receivedAt);
      const firstResponseDue = iso(this.clocks.get('firstResponse')!.dueAt)!;
      // The reply-by date the customer is promised: the reply clock counts from receipt (it starts at triage).
      const replyBy = iso(computeDueAt(this.policy.calendar, state.receivedAt, this.policy.durations.reply).dueAt)!;
      p.emit('acknowledged', SYSTEM_ACTOR, {
        data: { firstResponseDue, replyBy, policyVersion: this.policy.version, suggestion: state.triageSuggestion },
        notify: [
          p.notice('acknowledgement', { type: 'customer' }, { promisedBy: firstResponseDue, replyBy }),
          p.notice('assignment', { type: 'role', role: 'agent', departmentId: state.triageSuggestion.departmentId }, { task: 'triage' }),
        ],
      });
      await this.recorder.flush();
    });
  }

  /** Sends the reminders and acts on the clocks that are due (each clock's `onDue`), then records. */
  runDueClocks(): Promise<void> {
    return this.mutex.runExclusive(async () => {
      const now = Date.now();
      for (const deadline of this.clocks.open()) {
        // A transition earlier in this pass (a close, a re-armed clock) may have replaced or removed
        // this clock; acting on the stale copy would escalate or close twice.
        if (this.clocks.get(deadline.kind) !== deadline) continue;
        if (deadline.pausedAt !== undefined || deadline.breached) continue;
        const rule = DEADLINE_RULES[deadline.kind];
        if (!deadline.reminded && rule.remind !== 'none' && now >= deadline.remindAt && now < deadline.dueAt) {
          deadline.reminded = true;
          const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)! };
          this.recorder.emit('deadline_reminder', SYSTEM_ACTOR, { internal: rule.remind === 'owner', data, notify: this.reminderNotices(deadline.kind, data) });
        }
        if (now >= deadline.dueAt) await rule.onDue.run(this.transitions, deadline);
      }
      this.legal.runDue(now);
      await this.recorder.flush();
    });
  }

  /** A due-soon reminder: the clock's owner, and the customer too for the customer's own clocks. */
  private reminderNotices(kind: DeadlineKind, data: { deadline: DeadlineKind; dueAt: string }): NotificationRequest[] {
    const p = this.transitions;
    return [
      ...(DEADLINE_RULES[kind].remind === 'customer' ? [p.notice('response_reminder', { type: 'customer' }, data)] : []),
      p.notice('deadline_reminder', p.clockOwner(kind).to, data),
    ];
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
    const internal = this.clocks.nextWake();
    const legalAt = this.legal.nextWakeAt();
    const wake =
      legalAt !== undefined && (internal === undefined || legalAt < internal.at)
        ? { at: legalAt, label: `legal ${this.state.legal!.regime}` }
        : internal && { at: internal.at, label: `${internal.kind} ${internal.reminder ? 'reminder' : 'due'}` };
    if (wake === undefined) {
      await condition(() => this.recorder.flushes !== seen);
      return;
    }
    const summary = `${wake.label} ${localTime(wake.at, this.policy.calendar.utcOffsetMinutes)}`;
    await condition(() => this.recorder.flushes !== seen, Math.max(wake.at - Date.now(), 1), { summary });
  }
}

/** An activity failed because the database refused the data for good (not an outage). */
function isRecordingRefused(err: unknown): boolean {
  // A remote activity's failure wraps the activity's ApplicationFailure in an ActivityFailure; a local
  // activity's may arrive as the ApplicationFailure itself.
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.type === FAILURE_TYPES.invalidData;
}
