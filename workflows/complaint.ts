/**
 * One complaint, from receipt to the end of its reopen window, as one durable workflow (SPEC §4–§5).
 *
 * Shape: update handlers validate and apply people's actions; a main loop sleeps on durable timers
 * until the next reminder or deadline; both change state only under one lock, and every change is
 * written to the timeline (with the projection row and the notifications) by one idempotent activity.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';
import { actionSchemas, type ActionPayload, type ComplaintActionName, type Remedy } from '../domain/actions';
import { assessProposal, canGrant } from '../domain/authority';
import { pauseClock, resumeClock, resumeClockInWorkingTime, startClock } from '../domain/deadlines';
import { forbidden, invalidInput, wrongStage } from '../domain/errors';
import { ESCALATION_ROLES, MAX_ESCALATION_LEVEL, SYSTEM_ACTOR, type Actor, type EscalationLevel, type Outcome, type Stage } from '../domain/model';
import type { NotificationData, NotificationRequest } from '../domain/notification-kinds';
import { isAllowed } from '../domain/permissions';
import { ACTION_STAGES } from '../domain/stages';
import { applyTriageDecision } from '../domain/triage';
import { DEADLINE_RULES } from './deadline-rules';
import { actionUpdates, getComplaintQuery, type ActionRequest } from './messages';
import {
  AssigneeId,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintGrade,
  ComplaintSeverity,
  ComplaintStage,
  DepartmentId,
  EscalationLevel as EscalationLevelAttr,
  NextDeadline,
  SlaBreached,
} from './search-attributes';
import {
  DEADLINE_KINDS,
  type ComplaintProjection,
  type ComplaintResult,
  type ComplaintState,
  type ComplaintView,
  type ComplaintWorkflowInput,
  type Deadline,
  type DeadlineKind,
  type RecordTransitionInput,
  type TimelineEventInput,
} from './types';

/**
 * Changes to the process after histories were recorded, each behind `patched()` so that complaints
 * started before it replay unchanged. Never rename or remove an entry while such complaints may run.
 */
const PATCHES = {
  /** 2026-11: skip clocks that an earlier transition in the same pass replaced or removed. */
  skipReplacedDeadlines: 'skip-replaced-deadlines',
} as const;

/** Database work: retried until it succeeds, because a lost timeline event is worse than a late one. */
const db = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** External routes named when a complaint cannot be agreed [002 §二(四).4]. */
const EXTERNAL_ROUTES = '消费者协会调解 / consumer association mediation; 12315 市场监管投诉热线 / regulator hotline 12315';

/** Runs state changes one at a time, so an action and a timer never interleave between their awaits. */
class Lock {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintResult> {
  const policy = input.policy;
  const state: ComplaintState = input.continued ?? {
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
  /** E-mail and webhooks: retried with backoff up to the policy's limit, then recorded as failed. */
  const delivery = proxyActivities<ComplaintActivities>({
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: policy.notificationRetry.maxAttempts,
      initialInterval: `${policy.notificationRetry.initialIntervalSeconds} seconds`,
      backoffCoefficient: 2,
    },
  });
  const lock = new Lock();
  const deliveries = new Set<Promise<unknown>>();
  let pending: { events: TimelineEventInput[]; evidence: NonNullable<RecordTransitionInput['evidence']> } = { events: [], evidence: [] };
  let wakeCounter = 0;

  // ── Recording ──────────────────────────────────────────────────────────────────────────────────

  function emit(type: string, actor: Actor, options: { reason?: string; data?: Record<string, unknown>; internal?: boolean; notify?: NotificationRequest[] } = {}): string {
    state.eventSeq += 1;
    const id = `${state.number}:${state.eventSeq}`;
    pending.events.push({
      id,
      seq: state.eventSeq,
      type,
      stage: state.stage,
      actor,
      reason: options.reason,
      data: options.data ?? {},
      internal: options.internal ?? false,
      occurredAt: new Date(Date.now()).toISOString(),
      notifications: options.notify ?? [],
    });
    return id;
  }

  /** Writes what was emitted (timeline, projection, outbox) in one transaction, then starts delivery. */
  async function flush(): Promise<void> {
    if (pending.events.length === 0) return;
    state.stateVersion += 1;
    state.lastTransitionAt = Date.now();
    const batch = pending;
    pending = { events: [], evidence: [] };
    const { deliveries: ids } = await db.recordTransition({
      complaintNumber: state.number,
      events: batch.events,
      evidence: batch.evidence.length > 0 ? batch.evidence : undefined,
      projection: projection(),
    });
    for (const id of ids) trackDelivery(id);
    upsertOperatorAttributes();
    wakeCounter += 1;
  }

  /**
   * E-mail and webhooks go out in the background with their own retry limit: an SMTP outage must not
   * hold up the complaint. The activity records the final failure itself.
   */
  function trackDelivery(notificationId: string): void {
    const p = delivery
      .deliverNotification({ notificationId, maxAttempts: policy.notificationRetry.maxAttempts })
      .catch((err: unknown) => log.warn('notification delivery gave up', { notificationId, error: String(err) }))
      .finally(() => deliveries.delete(p));
    deliveries.add(p);
  }

  function projection(): ComplaintProjection {
    return {
      stage: state.stage,
      category: state.category,
      severity: state.severity,
      grade: state.grade,
      departmentId: state.departmentId,
      assigneeId: state.assigneeId,
      escalationLevel: state.escalationLevel,
      slaBreached: state.slaBreached,
      possiblySystemic: state.possiblySystemic,
      nextDeadlineAt: iso(nextDeadlineAt()),
      outcome: state.outcome,
      satisfaction: state.satisfaction?.score,
      reopenCount: state.reopenCount,
      firstResponseAt: iso(state.firstResponseAt),
      closedAt: iso(state.closedAt),
      lastTransitionAt: new Date(state.lastTransitionAt).toISOString(),
      stateVersion: state.stateVersion,
    };
  }

  function upsertOperatorAttributes(): void {
    const next = nextDeadlineAt();
    upsertSearchAttributes([
      { key: ComplaintStage, value: state.stage },
      { key: ComplaintChannel, value: state.channel },
      { key: ComplaintCategory, value: state.category ?? null },
      { key: ComplaintSeverity, value: state.severity ?? null },
      { key: ComplaintGrade, value: state.grade ?? null },
      { key: EscalationLevelAttr, value: state.escalationLevel },
      { key: SlaBreached, value: state.slaBreached },
      { key: AssigneeId, value: state.assigneeId ?? null },
      { key: DepartmentId, value: state.departmentId ?? null },
      { key: NextDeadline, value: next === undefined ? null : new Date(next) },
    ]);
  }

  // ── Deadlines ──────────────────────────────────────────────────────────────────────────────────

  function startDeadline(kind: DeadlineKind, from = Date.now()): void {
    const rule = DEADLINE_RULES[kind];
    const { clock, missingYears } = startClock(policy.calendar, from, policy.durations[rule.duration], policy.reminderFraction);
    state.deadlines[kind] = { kind, ...clock, reminded: false, breachCount: state.deadlines[kind]?.breachCount ?? 0, breached: false };
    if (state.paused && rule.pausable) state.deadlines[kind] = { ...state.deadlines[kind]!, ...pauseClock(state.deadlines[kind]!, Date.now()) };
    if (missingYears.length > 0) {
      // Never silently assume a year: say so on the timeline, and the weekends-only fallback applies.
      log.warn('calendar data missing; weekends-only fallback', { complaint: state.number, kind, missingYears });
      emit('calendar_data_missing', SYSTEM_ACTOR, { internal: true, data: { deadline: kind, missingYears, calendar: policy.calendar.id } });
    }
  }

  function clearDeadlines(...kinds: DeadlineKind[]): void {
    for (const kind of kinds) delete state.deadlines[kind];
  }

  function openDeadlines(): Deadline[] {
    return DEADLINE_KINDS.map((k) => state.deadlines[k]).filter((d): d is Deadline => d !== undefined);
  }

  function nextDeadlineAt(): number | undefined {
    const dues = openDeadlines()
      .filter((d) => d.pausedAt === undefined && !d.breached && DEADLINE_RULES[d.kind].remind !== 'none')
      .map((d) => d.dueAt);
    return dues.length > 0 ? Math.min(...dues) : undefined;
  }

  function nextWakeAt(): number | undefined {
    const times = openDeadlines()
      .filter((d) => d.pausedAt === undefined && !d.breached)
      .flatMap((d) => (d.reminded || DEADLINE_RULES[d.kind].remind === 'none' ? [d.dueAt] : [d.remindAt, d.dueAt]));
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  async function processDueDeadlines(): Promise<void> {
    const now = Date.now();
    for (const deadline of openDeadlines()) {
      // A transition earlier in this pass (a close, a re-armed clock) may have replaced or removed
      // this clock; acting on the stale copy would escalate or close twice.
      if (patched(PATCHES.skipReplacedDeadlines) && state.deadlines[deadline.kind] !== deadline) continue;
      if (deadline.pausedAt !== undefined || deadline.breached) continue;
      const rule = DEADLINE_RULES[deadline.kind];
      if (!deadline.reminded && rule.remind !== 'none' && now >= deadline.remindAt && now < deadline.dueAt) {
        deadline.reminded = true;
        const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)! };
        emit('deadline_reminder', SYSTEM_ACTOR, {
          internal: rule.remind === 'owner',
          data,
          notify: [rule.remind === 'customer' ? { kind: 'response_reminder', to: { type: 'customer' }, data: notice(data) } : ownerNotice('deadline_reminder', data)],
        });
      }
      if (now >= deadline.dueAt) await onDeadlineDue(deadline);
    }
    await flush();
  }

  async function onDeadlineDue(deadline: Deadline): Promise<void> {
    const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)! };
    switch (DEADLINE_RULES[deadline.kind].onDue) {
      case 'escalate':
        return breachAndEscalate(deadline);
      case 'escalateApprover': {
        const approval = state.proposal?.approval;
        if (approval && approval.requiredRole === 'supervisor') {
          approval.requiredRole = 'manager';
          emit('approval_overdue', SYSTEM_ACTOR, {
            data: { ...data, approverRole: 'manager' },
            notify: [{ kind: 'approval_request', to: { type: 'role', role: 'manager', departmentId: state.departmentId }, data: notice({ ...data, totalMinor: state.proposal!.totalMinor, currency: state.proposal!.currency }) }],
          });
          deadline.breachCount += 1;
          state.slaBreached = true;
          startDeadline('approval');
          return;
        }
        return breachAndEscalate(deadline);
      }
      case 'closeNoResponse':
        emit('customer_no_response', SYSTEM_ACTOR, { data });
        return close('unresolved', 'no_response', SYSTEM_ACTOR);
      case 'closeWithoutFeedback':
        emit('satisfaction_not_given', SYSTEM_ACTOR, { data });
        return close('resolved', 'resolved_without_feedback', SYSTEM_ACTOR);
      case 'startFollowUp':
        return startFollowUpVisit();
      case 'endReopenWindow':
        clearDeadlines('reopenWindow');
        emit('reopen_window_ended', SYSTEM_ACTOR, { internal: true, data });
        return;
    }
  }

  async function breachAndEscalate(deadline: Deadline): Promise<void> {
    deadline.breachCount += 1;
    state.slaBreached = true;
    const data = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)!, level: state.escalationLevel };
    emit('sla_breached', SYSTEM_ACTOR, { data, notify: [ownerNotice('sla_breach', data)] });
    if (state.escalationLevel < MAX_ESCALATION_LEVEL) {
      await escalateOneLevel(SYSTEM_ACTOR, `${deadline.kind} deadline missed`);
      // The next owner gets a fresh clock of the same length; breaching that one climbs again.
      startDeadline(deadline.kind);
    } else {
      // At the top of the ladder there is no one left to hand it to: it stays visibly breached.
      deadline.breached = true;
    }
  }

  async function escalateOneLevel(actor: Actor, reason: string): Promise<void> {
    const level = Math.min(state.escalationLevel + 1, MAX_ESCALATION_LEVEL) as EscalationLevel;
    return escalateTo(level, actor, reason);
  }

  async function escalateTo(level: EscalationLevel, actor: Actor, reason: string): Promise<void> {
    const from = state.escalationLevel;
    const role = ESCALATION_ROLES[level];
    const owner = await db.findStaff({ departmentId: state.departmentId, role });
    state.escalationLevel = level;
    if (owner) state.assigneeId = owner;
    const data = { fromLevel: from, toLevel: level, ownerRole: role, assigneeId: owner ?? null };
    emit('escalated', actor, {
      reason,
      data,
      notify: [
        owner ? { kind: 'escalation', to: { type: 'staff', id: owner }, data: notice({ ...data, reason }) } : { kind: 'escalation', to: { type: 'role', role, departmentId: state.departmentId }, data: notice({ ...data, reason }) },
        { kind: 'escalation_notice', to: { type: 'customer' }, data: notice({ ownerRole: role }) },
      ],
    });
  }

  // ── Transitions shared by several actions ──────────────────────────────────────────────────────

  function enterStage(stage: Stage): void {
    state.stage = stage;
  }

  async function close(outcome: Outcome, reason: string, actor: Actor): Promise<void> {
    state.outcome = outcome;
    state.closeReason = reason;
    state.closedAt = Date.now();
    state.paused = false;
    clearDeadlines(...DEADLINE_KINDS);
    enterStage('closed');
    const followUpDue =
      (outcome === 'resolved' || outcome === 'unresolved') &&
      (state.grade === 'major' || (state.satisfaction !== undefined && state.satisfaction.score <= policy.followUpSatisfactionThreshold));
    const data: NotificationData = { outcome, reason };
    if (outcome === 'unresolved') data.externalRoutes = EXTERNAL_ROUTES;
    emit('closed', actor, { reason, data: { outcome, followUp: followUpDue }, notify: [{ kind: 'outcome', to: { type: 'customer' }, data: notice(data) }] });
    if (outcome !== 'invalid' && outcome !== 'duplicate') startDeadline('reopenWindow');
    if (followUpDue) {
      state.followUp = { status: 'scheduled' };
      startDeadline('followUpStart');
    }
  }

  async function startFollowUpVisit(): Promise<void> {
    clearDeadlines('followUpStart');
    const agent = (await db.findStaff({ departmentId: state.departmentId, role: 'agent' })) ?? state.assigneeId;
    state.followUp = { status: 'due', assigneeId: agent };
    enterStage('follow_up');
    startDeadline('followUpVisit');
    emit('follow_up_due', SYSTEM_ACTOR, {
      data: { assigneeId: agent ?? null },
      notify: [
        agent ? { kind: 'follow_up_task', to: { type: 'staff', id: agent }, data: notice({}) } : { kind: 'follow_up_task', to: { type: 'role', role: 'agent', departmentId: state.departmentId }, data: notice({}) },
        { kind: 'follow_up', to: { type: 'customer' }, data: notice({}) },
      ],
    });
  }

  function reopen(actor: Actor, reason: string): void {
    state.reopenCount += 1;
    state.outcome = undefined;
    state.closeReason = undefined;
    state.closedAt = undefined;
    state.satisfaction = undefined;
    state.proposal = undefined;
    state.rejectedRounds = 0;
    state.followUp = undefined;
    clearDeadlines(...DEADLINE_KINDS);
    // A reopened case is reviewed (复查) as a complex one, whatever its first grade.
    if (state.grade === 'simple') state.grade = 'complex';
    enterStage('investigating');
    startDeadline('reply');
    startDeadline('progressUpdate');
    emit('reopened', actor, {
      reason,
      data: { reopenCount: state.reopenCount },
      notify: [
        ...(state.assigneeId ? [{ kind: 'assignment' as const, to: { type: 'staff' as const, id: state.assigneeId }, data: notice({ reason }) }] : []),
        { kind: 'progress_update', to: { type: 'customer' }, data: notice({ message: 'reopened for review' }) },
      ],
    });
  }

  function pauseSla(): void {
    state.paused = true;
    for (const d of openDeadlines()) {
      if (DEADLINE_RULES[d.kind].pausable) state.deadlines[d.kind] = { ...d, ...pauseClock(d, Date.now()) };
    }
  }

  function resumeSla(): void {
    state.paused = false;
    for (const d of openDeadlines()) {
      if (d.pausedAt === undefined) continue;
      const duration = policy.durations[DEADLINE_RULES[d.kind].duration];
      const working = duration.unit === 'workingHours' || duration.unit === 'workingDays';
      // Working-time clocks move by the working time lost, calendar clocks by the wall-clock span.
      const clock = working ? resumeClockInWorkingTime(policy.calendar, d, Date.now()).clock : resumeClock(d, Date.now());
      const { pausedAt: _pausedAt, ...running } = { ...d, ...clock };
      state.deadlines[d.kind] = running;
    }
  }

  function ownerNotice(kind: 'deadline_reminder' | 'sla_breach', data: NotificationData): NotificationRequest {
    return state.assigneeId
      ? { kind, to: { type: 'staff', id: state.assigneeId }, data: notice(data) }
      : { kind, to: { type: 'role', role: ESCALATION_ROLES[state.escalationLevel], departmentId: state.departmentId }, data: notice(data) };
  }

  /** Template values every notification shows: the number and stage, never contact data. */
  function notice(data: Record<string, unknown>): NotificationData {
    const out: NotificationData = { number: state.number, stage: state.stage };
    for (const [k, v] of Object.entries(data)) {
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    }
    return out;
  }

  // ── Actions ────────────────────────────────────────────────────────────────────────────────────

  function assess(actor: Actor, remedies: Remedy[]) {
    return assessProposal(actor.role, remedies, remedies.find((r) => r.currency)?.currency, policy.authority);
  }

  type Handler<A extends ComplaintActionName> = (actor: Actor, payload: ActionPayload<A>) => Promise<void>;

  /**
   * Registers an action: the validator answers synchronously (role, stage, input, authority); the
   * handler re-checks the stage under the lock, because a timer may have moved the complaint on.
   */
  function action<A extends ComplaintActionName>(name: A, handler: Handler<A>, check?: (actor: Actor, payload: ActionPayload<A>) => void): void {
    const validate = (request: ActionRequest<A>): ActionPayload<A> => {
      const actor = request?.actor;
      if (!actor || typeof actor.id !== 'string' || !isAllowed(actor.role, name)) {
        throw forbidden(`role ${actor?.role ?? '(none)'} may not ${name}`);
      }
      if (!ACTION_STAGES[name].includes(state.stage)) throw wrongStage(state.stage, name);
      const parsed = actionSchemas[name].safeParse(request.payload);
      if (!parsed.success) throw invalidInput(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
      const payload = parsed.data as ActionPayload<A>;
      check?.(actor, payload);
      return payload;
    };
    setHandler(
      actionUpdates[name] as never,
      ((request: ActionRequest<A>) =>
        lock.run(async () => {
          const payload = validate(request);
          await handler(request.actor, payload);
          await flush();
          return view();
        })) as never,
      { validator: ((request: ActionRequest<A>) => void validate(request)) as never, description: `complaint action: ${name}` },
    );
  }

  action('triage', async (actor, p) => {
    const suggestion = state.triageSuggestion;
    const decision = suggestion
      ? applyTriageDecision(suggestion, { category: p.category, severity: p.severity, grade: p.grade, departmentId: p.departmentId, assigneeId: p.assigneeId })
      : { final: { ...p, possiblySystemic: false }, overridden: [] };
    const final = decision.final;
    state.category = final.category;
    state.severity = final.severity;
    state.grade = final.grade;
    state.departmentId = final.departmentId;
    state.possiblySystemic = final.possiblySystemic;
    state.triageDecision = { category: final.category, severity: final.severity, grade: final.grade, departmentId: final.departmentId, overridden: decision.overridden, decidedBy: actor };
    state.firstResponseAt = Date.now();
    clearDeadlines('firstResponse');
    const simple = final.grade === 'simple';
    const assignee = p.assigneeId ?? (simple ? actor.id : ((await db.findStaff({ departmentId: final.departmentId, role: 'handler' })) ?? actor.id));
    state.assigneeId = assignee;
    enterStage(simple ? 'resolving_on_spot' : 'investigating');
    if (simple) {
      startDeadline('onSpotResolution');
    } else {
      // The reply deadline runs from receipt [003 第一部分], not from triage.
      startDeadline('reply', state.receivedAt);
      startDeadline('progressUpdate');
    }
    emit('triaged', actor, {
      reason: p.reason,
      data: { suggestion: suggestion ?? null, decision: state.triageDecision, assigneeId: assignee, path: simple ? 'simple' : 'investigation' },
      notify: assignee !== actor.id ? [{ kind: 'assignment', to: { type: 'staff', id: assignee }, data: notice({ grade: final.grade, category: final.category }) }] : [],
    });
  });

  action(
    'resolveOnSpot',
    async (actor, p) => {
      const assessed = assess(actor, p.remedies);
      clearDeadlines('onSpotResolution');
      state.proposal = {
        round: 0,
        remedies: p.remedies,
        totalMinor: assessed.ok ? assessed.totalMinor : 0,
        currency: policy.authority.currency,
        message: p.note,
        proposedBy: actor,
        proposedAt: Date.now(),
      };
      state.execution = { ownerId: actor.id, proof: p.note, completedAt: Date.now() };
      enterStage('confirming');
      startDeadline('satisfaction');
      emit('resolved_on_spot', actor, {
        reason: p.note,
        data: { remedies: p.remedies },
        notify: [{ kind: 'satisfaction_survey', to: { type: 'customer' }, data: notice({ message: p.note }) }],
      });
    },
    (actor, p) => {
      const assessed = assess(actor, p.remedies);
      if (!assessed.ok) throw invalidInput([{ path: 'remedies', message: assessed.error }]);
      if (assessed.approverRole !== null) throw forbidden(`${assessed.totalMinor} exceeds the ${actor.role}'s authority: investigate and propose instead`);
    },
  );

  action('addEvidence', async (actor, p) => {
    const evidenceId = `${state.number}:evidence:${state.eventSeq + 1}`;
    pending.evidence.push({ id: evidenceId, uri: p.uri, note: p.note, addedBy: actor.id, addedAt: new Date(Date.now()).toISOString() });
    emit('evidence_added', actor, { data: { evidenceId, uri: p.uri, note: p.note ?? null } });
    if (actor.role === 'customer' && state.paused) {
      resumeSla();
      emit('sla_resumed', actor, { reason: 'customer provided information' });
    }
  });

  action('recordFindings', async (actor, p) => {
    state.findings = { facts: p.facts, rootCause: p.rootCause, responsibility: p.responsibility, evidenceIds: p.evidenceIds ?? [], recordedBy: actor };
    enterStage('proposing');
    emit('findings_recorded', actor, { data: { responsibility: p.responsibility, rootCause: p.rootCause, evidenceIds: p.evidenceIds ?? [] } });
  });

  action('sendProgressUpdate', async (actor, p) => {
    startDeadline('progressUpdate');
    emit('progress_update_sent', actor, { reason: p.message, notify: [{ kind: 'progress_update', to: { type: 'customer' }, data: notice({ message: p.message }) }] });
  });

  action(
    'propose',
    async (actor, p) => {
      const assessed = assess(actor, p.remedies);
      if (!assessed.ok) throw invalidInput([{ path: 'remedies', message: assessed.error }]);
      state.proposal = {
        round: state.rejectedRounds + 1,
        remedies: p.remedies,
        totalMinor: assessed.totalMinor,
        currency: policy.authority.currency,
        message: p.message,
        proposedBy: actor,
        proposedAt: Date.now(),
      };
      if (assessed.approverRole) {
        state.proposal.approval = { requiredRole: assessed.approverRole, status: 'pending' };
        enterStage('awaiting_approval');
        startDeadline('approval');
        emit('proposal_submitted_for_approval', actor, {
          data: { round: state.proposal.round, remedies: p.remedies, totalMinor: assessed.totalMinor, approverRole: assessed.approverRole },
          notify: [{ kind: 'approval_request', to: { type: 'role', role: assessed.approverRole, departmentId: state.departmentId }, data: notice({ totalMinor: assessed.totalMinor, currency: policy.authority.currency }) }],
        });
      } else {
        offerToCustomer(actor);
      }
    },
    (actor, p) => {
      const assessed = assess(actor, p.remedies);
      if (!assessed.ok) throw invalidInput([{ path: 'remedies', message: assessed.error }]);
    },
  );

  function offerToCustomer(actor: Actor): void {
    const proposal = state.proposal!;
    clearDeadlines('reply', 'progressUpdate', 'approval');
    enterStage('negotiating');
    startDeadline('customerResponse');
    emit('proposal_sent', actor, {
      data: { round: proposal.round, remedies: proposal.remedies, totalMinor: proposal.totalMinor },
      notify: [{ kind: 'proposal', to: { type: 'customer' }, data: notice({ message: proposal.message, totalMinor: proposal.totalMinor, currency: proposal.currency, round: proposal.round }) }],
    });
  }

  action(
    'decideApproval',
    async (actor, p) => {
      const proposal = state.proposal!;
      proposal.approval = { ...proposal.approval!, status: p.decision === 'approve' ? 'approved' : 'rejected', decidedBy: actor, reason: p.reason };
      emit(p.decision === 'approve' ? 'proposal_approved' : 'proposal_rejected_by_approver', actor, {
        reason: p.reason,
        notify: [{ kind: 'approval_decision', to: { type: 'staff', id: proposal.proposedBy.id }, data: notice({ decision: p.decision, reason: p.reason }) }],
      });
      if (p.decision === 'approve') {
        offerToCustomer(actor);
      } else {
        clearDeadlines('approval');
        enterStage('proposing');
        startDeadline('progressUpdate');
      }
    },
    (actor) => {
      const proposal = state.proposal;
      if (!proposal?.approval) throw wrongStage(state.stage, 'decideApproval', 'there is no proposal awaiting approval');
      if (!canGrant(actor.role, proposal.totalMinor, policy.authority)) {
        throw forbidden(`a ${actor.role} may not approve ${proposal.totalMinor} ${proposal.currency} (needs ${proposal.approval.requiredRole})`);
      }
    },
  );

  action('respondToProposal', async (actor, p) => {
    clearDeadlines('customerResponse');
    if (p.accept) {
      enterStage('executing');
      state.execution = { ownerId: state.assigneeId };
      startDeadline('execution');
      emit('proposal_accepted', actor, {
        reason: p.comment,
        notify: state.assigneeId ? [{ kind: 'assignment', to: { type: 'staff', id: state.assigneeId }, data: notice({ task: 'execute the agreed remedy' }) }] : [],
      });
      return;
    }
    state.rejectedRounds += 1;
    emit('proposal_rejected', actor, { reason: p.comment, data: { round: state.rejectedRounds, counterDemand: p.counterDemand ?? null } });
    if (state.rejectedRounds > policy.negotiationMaxRounds) {
      return close('unresolved', 'no_agreement', SYSTEM_ACTOR);
    }
    enterStage('proposing');
    startDeadline('progressUpdate');
    if (state.rejectedRounds === policy.negotiationMaxRounds && state.escalationLevel < MAX_ESCALATION_LEVEL) {
      await escalateTo(MAX_ESCALATION_LEVEL, SYSTEM_ACTOR, `${state.rejectedRounds} proposals rejected`);
    }
  });

  action('completeExecution', async (actor, p) => {
    clearDeadlines('execution');
    state.execution = { ownerId: state.execution?.ownerId ?? actor.id, proof: p.proof, completedAt: Date.now() };
    if (p.evidenceUri) {
      pending.evidence.push({ id: `${state.number}:evidence:${state.eventSeq + 1}`, uri: p.evidenceUri, note: 'proof of execution', addedBy: actor.id, addedAt: new Date(Date.now()).toISOString() });
    }
    enterStage('confirming');
    startDeadline('satisfaction');
    emit('execution_completed', actor, { reason: p.proof, notify: [{ kind: 'satisfaction_survey', to: { type: 'customer' }, data: notice({}) }] });
  });

  action('rateSatisfaction', async (actor, p) => {
    state.satisfaction = { score: p.score, comment: p.comment };
    emit('satisfaction_recorded', actor, { reason: p.comment, data: { score: p.score } });
    await close('resolved', 'resolved', actor);
  });

  action('recordFollowUp', async (actor, p) => {
    clearDeadlines('followUpVisit');
    state.followUp = { ...state.followUp!, status: 'done', reached: p.reached, satisfied: p.satisfied };
    emit('follow_up_recorded', actor, { reason: p.note, data: { reached: p.reached, satisfied: p.satisfied } });
    if (p.reached && !p.satisfied) {
      reopen(actor, 'dissatisfied at the follow-up visit');
    } else {
      enterStage('closed');
    }
  });

  action(
    'escalate',
    async (actor, p) => escalateOneLevel(actor, p.reason),
    () => {
      if (state.escalationLevel >= MAX_ESCALATION_LEVEL) throw wrongStage(state.stage, 'escalate', 'the complaint is already with a manager');
    },
  );

  action('reassign', async (actor, p) => {
    state.assigneeId = p.assigneeId;
    if (p.departmentId) state.departmentId = p.departmentId;
    if (p.taskForce) state.taskForce = p.taskForce;
    emit('reassigned', actor, {
      reason: p.reason,
      data: { assigneeId: p.assigneeId, departmentId: state.departmentId ?? null, taskForce: p.taskForce ?? null },
      notify: [p.assigneeId, ...(p.taskForce?.memberIds ?? [])]
        .filter((id, i, all) => all.indexOf(id) === i)
        .map((id) => ({ kind: 'assignment' as const, to: { type: 'staff' as const, id }, data: notice({ reason: p.reason }) })),
    });
  });

  action(
    'addNote',
    async (actor, p) => {
      const internal = actor.role !== 'customer' && p.internal;
      emit(p.kind === 'review' ? 'case_review' : actor.role === 'customer' ? 'customer_information' : 'note', actor, { reason: p.text, internal });
      if (actor.role === 'customer' && state.paused) {
        resumeSla();
        emit('sla_resumed', actor, { reason: 'customer provided information' });
      }
    },
    (actor, p) => {
      if (p.kind === 'review' && actor.role === 'customer') throw forbidden('case reviews are written by staff');
      if (p.kind === 'review' && state.stage !== 'closed') throw wrongStage(state.stage, 'addNote', 'a case review is attached after closing');
    },
  );

  action('withdraw', async (actor, p) => {
    emit('withdrawn', actor, { reason: p.reason });
    await close('withdrawn', p.reason, actor);
  });

  action(
    'reopen',
    async (actor, p) => reopen(actor, p.reason),
    (actor) => {
      if (actor.role === 'customer' && !state.deadlines.reopenWindow) {
        throw wrongStage(state.stage, 'reopen', 'the period for asking to reopen has ended');
      }
    },
  );

  action(
    'pause',
    async (actor, p) => {
      pauseSla();
      emit('sla_paused', actor, { reason: p.reason });
    },
    () => {
      if (state.paused) throw wrongStage(state.stage, 'pause', 'the SLA clock is already paused');
    },
  );

  action(
    'resume',
    async (actor, p) => {
      resumeSla();
      emit('sla_resumed', actor, { reason: p.reason });
    },
    () => {
      if (!state.paused) throw wrongStage(state.stage, 'resume', 'the SLA clock is not paused');
    },
  );

  action('close', async (actor, p) => close(p.outcome, p.reason, actor));

  setHandler(getComplaintQuery, view);

  function view(): ComplaintView {
    const { deadlines: _d, receivedAt, closedAt, firstResponseAt, lastTransitionAt, eventSeq: _e, execution, ...rest } = state;
    return {
      ...rest,
      receivedAt: new Date(receivedAt).toISOString(),
      closedAt: iso(closedAt),
      firstResponseAt: iso(firstResponseAt),
      lastTransitionAt: new Date(lastTransitionAt).toISOString(),
      execution: execution && { ownerId: execution.ownerId, proof: execution.proof, completedAt: iso(execution.completedAt) },
      deadlines: openDeadlines().map((d) => ({
        kind: d.kind,
        dueAt: new Date(d.dueAt).toISOString(),
        remindAt: new Date(d.remindAt).toISOString(),
        paused: d.pausedAt !== undefined,
        breached: d.breached,
        breachCount: d.breachCount,
        reminded: d.reminded,
      })),
      nextDeadlineAt: iso(nextDeadlineAt()),
      policyVersion: policy.version,
    };
  }

  // ── The process ────────────────────────────────────────────────────────────────────────────────

  if (!input.continued) {
    await lock.run(async () => {
      await db.recordComplaintStarted({ complaintNumber: state.number });
      state.triageSuggestion = await db.suggestTriage({ complaintNumber: state.number });
      state.possiblySystemic = state.triageSuggestion.possiblySystemic;
      enterStage('acknowledged');
      startDeadline('firstResponse', state.receivedAt);
      const firstResponseDue = iso(state.deadlines.firstResponse!.dueAt)!;
      emit('acknowledged', SYSTEM_ACTOR, {
        data: { firstResponseDue, policyVersion: policy.version, suggestion: state.triageSuggestion },
        notify: [
          { kind: 'acknowledgement', to: { type: 'customer' }, data: notice({ promisedBy: firstResponseDue }) },
          { kind: 'assignment', to: { type: 'role', role: 'agent', departmentId: state.triageSuggestion.departmentId }, data: notice({ task: 'triage' }) },
        ],
      });
      await flush();
    });
  }

  for (;;) {
    await lock.run(processDueDeadlines);
    if (state.stage === 'closed' && !state.deadlines.reopenWindow && state.followUp?.status !== 'scheduled') break;
    if (workflowInfo().continueAsNewSuggested) {
      // Deliveries first: while waiting for them an action may arrive, and it must finish in this run.
      await Promise.all([...deliveries]);
      await condition(allHandlersFinished);
      await continueAsNew<typeof complaintWorkflow>({ ...input, continued: state });
    }
    const seen = wakeCounter;
    const wakeAt = nextWakeAt();
    if (wakeAt === undefined) await condition(() => wakeCounter !== seen);
    else await condition(() => wakeCounter !== seen, Math.max(wakeAt - Date.now(), 1));
  }

  await Promise.all([...deliveries]);
  await condition(allHandlersFinished);
  return { number: state.number, outcome: state.outcome, reopenCount: state.reopenCount };
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
