/**
 * The transitions that actions and clocks share — close, reopen, offer to the customer, escalate,
 * book a breach, start the follow-up visit — and the small services they need (recording, staffing,
 * authority). This is the `ProcessContext` handed to action handlers and due clocks; the mutex, the
 * validator and the main loop stay in `process.ts`.
 */
import { assessProposal } from '../domain/authority';
import { invalidInput } from '../domain/errors';
import type { Remedy } from '../domain/actions';
import { ESCALATION_ROLES, MAX_ESCALATION_LEVEL, SYSTEM_ACTOR, type Actor, type DeadlineKind, type EscalationLevel, type Outcome, type Stage } from '../domain/model';
import type { CloseReasonCode, NotificationAudience, NotificationDataByKind, NotificationKind, NotificationRequestOf } from '../domain/notification-kinds';
import type { Policy } from '../domain/policy';
import type { AssignmentDecision } from '../domain/staffing';
import type { TimelineEventType } from '../domain/timeline';
import { patched } from '@temporalio/workflow';
import { databaseStep } from './activity-proxies';
import { PATCHES, type PatchId } from './patches';
import type { BreachPlan, EmitOptions, ProcessContext } from './context';
import type { Clocks } from './clocks';
import type { LegalClocks } from './legal';
import { DEADLINE_RULES } from './deadline-rules';
import { iso } from './format';
import type { Recorder } from './recorder';
import { DEFAULT_MAJOR_REVIEW, MAJOR_REVIEW_CLOCKS, reviewsNeeded } from '../domain/major-review';
import type { ComplaintState, Deadline, EvidenceRow, MajorReview, Proposal } from './types';

/** External routes named when a complaint cannot be agreed [002 §二(四).4]. */
const EXTERNAL_ROUTES = '消费者协会调解 / consumer association mediation; 12315 市场监管投诉热线 / regulator hotline 12315';

/** What the timeline says of the apology in a proposal, when the findings owed one (service recovery). */
export function apologyFacts(state: ComplaintState, proposal: Proposal): Record<string, unknown> {
  if (!state.findings?.apologyOwed) return {};
  if (proposal.remedies.some((r) => r.type === 'apology')) return { apology: 'included' };
  return { apology: 'omitted', apologyOmittedReason: proposal.apologyOmittedReason ?? null };
}

export class ComplaintTransitions implements ProcessContext {
  constructor(
    readonly state: ComplaintState,
    readonly policy: Policy,
    readonly clocks: Clocks,
    readonly legal: LegalClocks,
    private readonly recorder: Recorder,
  ) {}

  emit(type: TimelineEventType, actor: Actor, options?: EmitOptions): string {
    return this.recorder.emit(type, actor, options);
  }

  notice<K extends NotificationKind>(kind: K, to: NotificationAudience, data: NotificationDataByKind[K]): NotificationRequestOf<K> {
    return this.recorder.notice(kind, to, data);
  }

  addEvidence(row: EvidenceRow): void {
    this.recorder.addEvidence(row);
  }

  enterStage(stage: Stage): void {
    this.state.stage = stage;
  }

  // ── People ─────────────────────────────────────────────────────────────────────────────────────

  /** The key of a staffing decision: the same step of the same complaint decides once, however often the activity runs. */
  answeredCustomer(actor: Actor): void {
    if (actor.role === 'customer' || actor.id === SYSTEM_ACTOR.id) return;
    // A legal clock that asks for a reply (12315 ODR, a regulator's transfer) is met by any answer.
    this.legal.end(['reply_sent'], actor, Date.now());
    if (this.state.firstResponseAt !== undefined && !this.clocks.get('firstResponse')) return;
    if (!patched(PATCHES.firstResponseByAnswer)) return;
    this.state.firstResponseAt ??= Date.now();
    this.clocks.clear('firstResponse');
  }

  isPatched(patch: PatchId): boolean {
    return patched(patch);
  }

  private decisionKey(purpose: string): string {
    return `${this.state.number}:${purpose}:${this.state.eventSeq + 1}`;
  }

  /**
   * The least loaded available person of the role in the department, else the department's
   * supervisor, else the role anywhere — decided by an activity and recorded, so replays see the same
   * person. `via` says which rule found them (the timeline shows it).
   */
  assign(role: 'agent' | 'handler', departmentId: string | undefined, purpose: string): Promise<AssignmentDecision> {
    return databaseStep(`assign ${role} (${purpose})`).assignStaff({ key: this.decisionKey(purpose), complaintNumber: this.state.number, role, departmentId });
  }

  clockOwner(kind: DeadlineKind): { to: NotificationAudience; staffId?: string } {
    return DEADLINE_RULES[kind].owner.of(this.state);
  }

  // ── Money ──────────────────────────────────────────────────────────────────────────────────────

  assess(actor: Actor, remedies: Remedy[]) {
    return assessProposal(actor.role, remedies, remedies.find((r) => r.currency)?.currency, this.policy.authority);
  }

  /** Every priced remedy must be in the policy's currency: amounts in two currencies cannot be added up or compared with the tiers. */
  checkCurrencies(remedies: Remedy[]): void {
    const currency = this.policy.authority.currency;
    const foreign = remedies.flatMap((r, i) => (r.currency !== undefined && r.currency !== currency ? [{ path: `remedies.${i}.currency`, message: `must be ${currency}, the currency of the authority tiers` }] : []));
    if (foreign.length > 0) throw invalidInput(foreign);
  }

  approvalRequest(overdue?: { deadline: DeadlineKind; dueAt: string }) {
    const proposal = this.state.proposal!;
    const role = proposal.approval?.requiredRole ?? 'supervisor';
    return this.notice('approval_request', { type: 'role', role, departmentId: this.state.departmentId }, { ...overdue, totalMinor: proposal.totalMinor, currency: proposal.currency });
  }

  // ── Shared transitions ─────────────────────────────────────────────────────────────────────────

  async close(outcome: Outcome, reason: CloseReasonCode | (string & {}), actor: Actor, duplicateOf?: string): Promise<void> {
    const state = this.state;
    // A member of staff closing the case tells the customer the outcome: an answer, and a decision.
    this.answeredCustomer(actor);
    if (actor.role !== 'customer' && actor.id !== SYSTEM_ACTOR.id) this.legal.end(['decision_told', 'request_answered'], actor, Date.now());
    // Whatever is left of the legal clocks ends with the case (a withdrawal, a closure by the process).
    this.legal.end([outcome === 'withdrawn' ? 'withdrawn' : 'closed'], actor, Date.now());
    state.outcome = outcome;
    state.closeReason = reason;
    if (duplicateOf !== undefined) state.duplicateOf = duplicateOf;
    state.closedAt = Date.now();
    state.paused = false;
    this.clocks.clearAll();
    // A review still open ends with the case (its clock is gone with the others).
    for (const review of state.majorReviews ?? []) if (review.status === 'open') review.status = 'ended';
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

  offerToCustomer(actor: Actor): void {
    const proposal = this.state.proposal!;
    this.answeredCustomer(actor);
    // A proposal is the company's decision on the complaint, told to the customer.
    this.legal.end(['decision_told', 'request_answered'], actor, Date.now());
    // The progress clock keeps running: the customer is still owed news while the proposal is discussed and carried out [000 §二.5].
    this.clocks.clear('reply', 'approval');
    this.enterStage('negotiating');
    this.clocks.start('customerResponse');
    this.emit('proposal_sent', actor, {
      data: { round: proposal.round, remedies: proposal.remedies, totalMinor: proposal.totalMinor, ...apologyFacts(this.state, proposal) },
      notify: [
        this.notice('proposal', { type: 'customer' }, { message: proposal.message, totalMinor: proposal.totalMinor, currency: proposal.currency, round: proposal.round, dueAt: iso(this.clocks.get('customerResponse')?.dueAt) }),
      ],
    });
  }

  escalateOneLevel(actor: Actor, reason: string, fromStaffId?: string): Promise<void> {
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
    const role = ESCALATION_ROLES[level] as 'supervisor' | 'manager';
    const decision = await databaseStep(`find the ${role} to escalate to`).assignEscalationOwner({
      key: this.decisionKey('escalation'),
      complaintNumber: state.number,
      role,
      fromStaffId: fromStaffId ?? state.assigneeId ?? state.receivedBy,
      departmentId: state.departmentId,
    });
    const owner = decision.staffId;
    state.escalationLevel = level;
    state.escalatedAt = Date.now();
    if (owner) state.assigneeId = owner;
    const data = { fromLevel: from, toLevel: level, ownerRole: role, assigneeId: owner ?? null };
    this.emit('escalated', actor, {
      reason,
      data: { ...data, via: decision.via },
      notify: [
        this.notice('escalation', owner ? { type: 'staff', id: owner } : { type: 'role', role, departmentId: state.departmentId }, { ...data, reason }),
        this.notice('escalation_notice', { type: 'customer' }, { ownerRole: role }),
      ],
    });
  }

  async breach(deadline: Deadline, plan: BreachPlan): Promise<void> {
    const state = this.state;
    const owner = this.clockOwner(deadline.kind);
    deadline.breachCount += 1;
    if (plan.markCase !== false) state.slaBreached = true;
    const facts = { deadline: deadline.kind, dueAt: iso(deadline.dueAt)!, level: state.escalationLevel };
    this.emit(plan.event ?? 'sla_breached', SYSTEM_ACTOR, {
      internal: plan.internal,
      data: { ...facts, ...plan.data },
      notify: plan.notify ? plan.notify(facts) : [this.notice('sla_breach', owner.to, facts)],
    });
    // At the top of the ladder there is no one left to hand it to: it stays visibly breached.
    const then = plan.then === 'escalate' && state.escalationLevel >= MAX_ESCALATION_LEVEL ? 'stay' : plan.then;
    if (then === 'stay') {
      deadline.breached = true;
      return;
    }
    // The escalation goes to the superior of whoever owned the missed clock.
    if (then === 'escalate') await this.escalateOneLevel(SYSTEM_ACTOR, `${deadline.kind} deadline missed`, owner.staffId);
    // The next owner gets a fresh clock of the same length; missing that one climbs again.
    this.clocks.start(deadline.kind);
  }

  async startFollowUpVisit(): Promise<void> {
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

  async openMajorReviews(actor: Actor): Promise<void> {
    const state = this.state;
    const policy = this.policy.majorReview ?? DEFAULT_MAJOR_REVIEW;
    const riskKinds = state.triageSuggestion?.riskKinds ?? [];
    const already = new Set((state.majorReviews ?? []).filter((r) => r.status !== 'ended').map((r) => r.kind));
    for (const kind of reviewsNeeded(state.grade, state.severity, riskKinds, policy)) {
      if (already.has(kind)) continue;
      const rule = policy[kind];
      const decision = await this.assign('handler', rule.departmentId, `${kind}-review`);
      const triggers = [...rule.riskKinds.filter((k) => riskKinds.includes(k)), ...(rule.critical && state.severity === 'critical' ? ['critical'] : [])];
      const review: MajorReview = { kind, departmentId: rule.departmentId, ownerId: decision.staffId ?? undefined, blocksProposal: rule.blocksProposal, status: 'open', openedAt: Date.now(), triggers };
      state.majorReviews = [...(state.majorReviews ?? []).filter((r) => r.kind !== kind), review];
      const clock = MAJOR_REVIEW_CLOCKS[kind];
      this.clocks.start(clock);
      const dueAt = iso(this.clocks.get(clock)?.dueAt);
      this.emit('major_review_opened', actor, {
        internal: true,
        data: { review: kind, ownerId: decision.staffId ?? null, departmentId: rule.departmentId, dueAt: dueAt ?? null, blocksProposal: rule.blocksProposal, triggers, ...(decision.via !== 'department' ? { assignedVia: decision.via } : {}) },
        notify: [this.notice('major_review', this.clockOwner(clock).to, { review: kind, event: 'opened', dueAt })],
      });
    }
  }

  resumeIfCustomerAnswered(actor: Actor): void {
    if (actor.role === 'customer' && this.state.paused) {
      this.clocks.resume();
      this.emit('sla_resumed', actor, { reason: 'customer provided information' });
    }
  }
}
