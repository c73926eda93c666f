/**
 * What each action does to a complaint, one entry per action of the table in `domain/actions.ts`
 * (which says who may take it, in which stages, with what payload). The mapped type makes the
 * compiler demand an entry for every action.
 *
 * `check` runs in the update validator, after role, stage and schema: it may refuse with a typed
 * failure but must not change anything. `run` applies the action under the process's mutex; the
 * process records what it emitted right after.
 */
import { PATCHES } from './patches';
import { COMPLAINT_NUMBER, type ActionPayload, type ComplaintActionName } from '../domain/actions';
import { canGrant } from '../domain/authority';
import { forbidden, invalidInput, wrongStage } from '../domain/errors';
import { MAX_ESCALATION_LEVEL, SYSTEM_ACTOR, type Actor } from '../domain/model';
import { applyTriageDecision } from '../domain/triage-decision';
import { localDateOf, localDateTimeToEpoch, parseIsoDate } from '../domain/calendar';
import { legalIntakeIssues } from '../domain/legal-clocks';
import type { LegalClockRule } from '../domain/legal-regimes';
import { MAJOR_REVIEW_CLOCKS } from '../domain/major-review';
import type { LegalState } from './types';
import type { ProcessContext } from './context';
import { apologyFacts } from './transitions';
import { iso } from './format';
import type { Proposal } from './types';

export interface ActionHandler<A extends ComplaintActionName> {
  /** Checks of the input alone (no state): run by the validator only, since they cannot change before the handler runs. */
  inputCheck?: (p: ProcessContext, actor: Actor, payload: ActionPayload<A>) => void;
  /** Checks against the current state: run by the validator and again by the handler under the mutex. */
  check?: (p: ProcessContext, actor: Actor, payload: ActionPayload<A>) => void;
  run: (p: ProcessContext, actor: Actor, payload: ActionPayload<A>) => Promise<void>;
}

export const ACTION_HANDLERS: { [A in ComplaintActionName]: ActionHandler<A> } = {
  triage: {
    check(p, _actor, input) {
      const state = p.state;
      const regulatorGiven = input.regulatorReference !== undefined || input.regulatorOffice !== undefined || input.regulatorDueDate !== undefined;
      if (input.regime === undefined) {
        if (regulatorGiven && !state.legal) throw invalidInput([{ path: 'regime', message: "a regulator's reference or date needs the regime it belongs to" }]);
        return;
      }
      if (state.legal) throw invalidInput([{ path: 'regime', message: `the complaint is already under ${state.legal.regime}` }]);
      if (input.regulatorDueDate !== undefined && parseIsoDate(input.regulatorDueDate) === undefined) throw invalidInput([{ path: 'regulatorDueDate', message: 'not a calendar date' }]);
      const receivedAt = state.companyReceivedAt ?? state.receivedAt;
      // Counted from when the company received it, checked at intake; here only what the regime needs.
      const issues = legalIntakeIssues({ ...input, receivedAt: new Date(receivedAt).toISOString() }, receivedAt, p.policy.calendar.utcOffsetMinutes, {
        receivedAt: 'receivedAt',
        regime: 'regime',
        regulatorReference: 'regulatorReference',
        regulatorDueDate: 'regulatorDueDate',
      });
      if (issues.length > 0) throw invalidInput(issues);
    },
    async run(p, actor, input) {
      const state = p.state;
      const suggestion = state.triageSuggestion;
      const decision = suggestion
        ? applyTriageDecision(suggestion, { category: input.category, severity: input.severity, grade: input.grade, departmentId: input.departmentId, assigneeId: input.assigneeId, possiblySystemic: input.possiblySystemic })
        : { final: { ...input, possiblySystemic: input.possiblySystemic ?? false }, overridden: [] };
      const final = decision.final;
      state.category = final.category;
      state.severity = final.severity;
      state.grade = final.grade;
      state.departmentId = final.departmentId;
      state.possiblySystemic = final.possiblySystemic;
      state.triageDecision = { category: final.category, severity: final.severity, grade: final.grade, departmentId: final.departmentId, overridden: decision.overridden, decidedBy: actor };
      // Routing is not an answer: since patch `first-response-by-answer` the clock runs on until
      // someone answers the customer (answeredCustomer); before it, triage met it.
      if (!p.isPatched(PATCHES.firstResponseByAnswer)) {
        state.firstResponseAt = Date.now();
        p.clocks.clear('firstResponse');
      }
      if (input.regime !== undefined && !state.legal && p.isPatched(PATCHES.legalClocks)) {
        p.legal.begin(
          {
            regime: input.regime,
            receivedAt: new Date(state.companyReceivedAt ?? state.receivedAt).toISOString(),
            regulatorReference: input.regulatorReference,
            regulatorOffice: input.regulatorOffice,
            regulatorDueDate: input.regulatorDueDate,
          },
          actor,
        );
      }
      const simple = final.grade === 'simple';
      const assignment = input.assigneeId || simple ? undefined : await p.assign('handler', final.departmentId, 'triage');
      const assignee = input.assigneeId ?? (simple ? actor.id : (assignment?.staffId ?? actor.id));
      state.assigneeId = assignee;
      p.enterStage(simple ? 'resolving_on_spot' : 'investigating');
      if (simple) {
        p.clocks.start('onSpotResolution');
      } else {
        // The reply deadline runs from receipt [003 第一部分], not from triage.
        p.clocks.start('reply', state.receivedAt);
        p.clocks.start('progressUpdate');
      }
      p.emit('triaged', actor, {
        reason: input.reason,
        data: {
          suggestion: suggestion ?? null,
          decision: state.triageDecision,
          assigneeId: assignee,
          path: simple ? 'simple' : 'investigation',
          // Said on the timeline when nobody of the role was free in the department.
          ...(assignment && assignment.via !== 'department' ? { assignedVia: assignment.via } : {}),
        },
        notify: assignee !== actor.id ? [p.notice('assignment', { type: 'staff', id: assignee }, { grade: final.grade, category: final.category })] : [],
      });
      if (final.grade === 'major' && p.isPatched(PATCHES.majorCaseReview)) await p.openMajorReviews(actor);
    },
  },

  regrade: {
    check(p, _actor, input) {
      const s = p.state;
      if (input.grade === 'simple' && s.grade !== 'simple') {
        throw invalidInput([{ path: 'grade', message: 'a complaint that needs investigation is not regraded to simple' }]);
      }
      const unchanged =
        input.grade === s.grade && (input.severity ?? s.severity) === s.severity && (input.departmentId ?? s.departmentId) === s.departmentId && (input.category ?? s.category) === s.category;
      if (unchanged) throw invalidInput([{ path: 'grade', message: 'nothing would change: give another grade, severity, department or category' }]);
    },
    async run(p, actor, input) {
      const s = p.state;
      const from = { grade: s.grade ?? null, severity: s.severity ?? null, departmentId: s.departmentId ?? null, assigneeId: s.assigneeId ?? null, category: s.category ?? null };
      s.grade = input.grade;
      if (input.severity) s.severity = input.severity;
      // A corrected category moves the case in every hot-spot report (they follow the projection).
      if (input.category) s.category = input.category;
      if (input.departmentId) s.departmentId = input.departmentId;
      // A simple case that needs investigating starts the investigation path, its reply clock counted from receipt.
      const toInvestigation = from.grade === 'simple' && input.grade !== 'simple';
      if (toInvestigation) {
        p.clocks.clear('onSpotResolution');
        p.enterStage('investigating');
        p.clocks.start('reply', s.receivedAt);
        p.clocks.start('progressUpdate');
      }
      // A new department, or an investigation, needs a handler of that department.
      if (toInvestigation || s.departmentId !== from.departmentId) s.assigneeId = (await p.assign('handler', s.departmentId, 'regrade')).staffId ?? s.assigneeId;
      p.emit('regraded', actor, {
        reason: input.reason,
        data: {
          from,
          to: { grade: s.grade, severity: s.severity ?? null, departmentId: s.departmentId ?? null, assigneeId: s.assigneeId ?? null, category: s.category ?? null },
          path: toInvestigation ? 'investigation' : 'unchanged',
          ...(input.category && input.category !== from.category ? { categoryCorrected: true } : {}),
        },
        notify: s.assigneeId && s.assigneeId !== from.assigneeId ? [p.notice('assignment', { type: 'staff', id: s.assigneeId }, { grade: s.grade, category: s.category, reason: input.reason })] : [],
      });
      // A case that became major (or critical) may now need its legal or PR review.
      if (s.grade === 'major' && p.isPatched(PATCHES.majorCaseReview)) await p.openMajorReviews(actor);
    },
  },

  resolveOnSpot: {
    inputCheck: (p, _actor, input) => p.checkCurrencies(input.remedies),
    check(p, actor, input) {
      const assessed = p.assess(actor, input.remedies);
      if (!assessed.ok) throw invalidInput([{ path: 'remedies', message: assessed.error }]);
      if (assessed.approverRole !== null) throw forbidden(`${assessed.totalMinor} exceeds the ${actor.role}'s authority: investigate and propose instead`);
    },
    async run(p, actor, input) {
      const assessed = p.assess(actor, input.remedies);
      p.answeredCustomer(actor);
      p.legal.end(['decision_told', 'request_answered'], actor, Date.now());
      p.clocks.clear('onSpotResolution');
      p.state.proposal = {
        round: 0,
        remedies: input.remedies,
        totalMinor: assessed.ok ? assessed.totalMinor : 0,
        currency: p.policy.authority.currency,
        message: input.note,
        proposedBy: actor,
        proposedAt: Date.now(),
      };
      p.state.execution = { ownerId: actor.id, proof: input.note, completedAt: Date.now() };
      p.enterStage('confirming');
      p.clocks.start('satisfaction');
      p.emit('resolved_on_spot', actor, {
        reason: input.note,
        data: { remedies: input.remedies },
        notify: [p.notice('satisfaction_survey', { type: 'customer' }, { message: input.note, dueAt: iso(p.clocks.get('satisfaction')?.dueAt) })],
      });
    },
  },

  addEvidence: {
    async run(p, actor, input) {
      const evidenceId = `${p.state.number}:evidence:${p.state.eventSeq + 1}`;
      p.addEvidence({ id: evidenceId, uri: input.uri, note: input.note, addedBy: actor.id, addedAt: new Date(Date.now()).toISOString() });
      p.emit('evidence_added', actor, { data: { evidenceId, uri: input.uri, note: input.note ?? null } });
      p.resumeIfCustomerAnswered(actor);
    },
  },

  recordFindings: {
    async run(p, actor, input) {
      // Service recovery [000 §三: 真诚道歉 first]: the company at fault owes the customer an apology.
      const apologyOwed = COMPANY_AT_FAULT.includes(input.responsibility) && p.isPatched(PATCHES.serviceRecovery);
      p.state.findings = { facts: input.facts, rootCause: input.rootCause, responsibility: input.responsibility, evidenceIds: input.evidenceIds ?? [], recordedBy: actor, ...(apologyOwed ? { apologyOwed } : {}) };
      p.enterStage('proposing');
      p.emit('findings_recorded', actor, { data: { responsibility: input.responsibility, rootCause: input.rootCause, evidenceIds: input.evidenceIds ?? [], ...(apologyOwed ? { apologyOwed } : {}) } });
    },
  },

  sendProgressUpdate: {
    async run(p, actor, input) {
      p.answeredCustomer(actor);
      p.clocks.start('progressUpdate');
      // The customer hears when the formal reply is due (SPEC §4.5).
      const replyBy = iso(p.clocks.get('reply')?.dueAt);
      p.emit('progress_update_sent', actor, { reason: input.message, notify: [p.notice('progress_update', { type: 'customer' }, { message: input.message, dueAt: replyBy })] });
    },
  },

  propose: {
    inputCheck: (p, _actor, input) => p.checkCurrencies(input.remedies),
    check(p, actor, input) {
      waitForSignOff(p, 'propose');
      const apologised = input.remedies.some((r) => r.type === 'apology');
      if (p.state.findings?.apologyOwed && !apologised && input.apologyOmittedReason === undefined) {
        throw invalidInput([{ path: 'remedies', message: 'the findings make the company responsible: include an apology, or say why not in apologyOmittedReason' }]);
      }
      if (apologised && input.apologyOmittedReason !== undefined) throw invalidInput([{ path: 'apologyOmittedReason', message: 'the proposal includes an apology' }]);
      const assessed = p.assess(actor, input.remedies);
      if (!assessed.ok) throw invalidInput([{ path: 'remedies', message: assessed.error }]);
    },
    async run(p, actor, input) {
      const assessed = p.assess(actor, input.remedies);
      if (!assessed.ok) throw invalidInput([{ path: 'remedies', message: assessed.error }]);
      const currency = p.policy.authority.currency;
      const proposal: Proposal = (p.state.proposal = {
        round: p.state.rejectedRounds + 1,
        remedies: input.remedies,
        totalMinor: assessed.totalMinor,
        currency,
        message: input.message,
        proposedBy: actor,
        proposedAt: Date.now(),
        ...(input.apologyOmittedReason !== undefined ? { apologyOmittedReason: input.apologyOmittedReason } : {}),
      });
      if (!assessed.approverRole) return p.offerToCustomer(actor);
      proposal.approval = { requiredRole: assessed.approverRole, status: 'pending' };
      p.enterStage('awaiting_approval');
      p.clocks.start('approval');
      p.emit('proposal_submitted_for_approval', actor, {
        data: { round: proposal.round, remedies: input.remedies, totalMinor: assessed.totalMinor, approverRole: assessed.approverRole, ...apologyFacts(p.state, proposal) },
        notify: [p.notice('approval_request', { type: 'role', role: assessed.approverRole, departmentId: p.state.departmentId }, { totalMinor: assessed.totalMinor, currency })],
      });
    },
  },

  decideApproval: {
    check(p, actor, input) {
      const proposal = p.state.proposal;
      if (!proposal?.approval) throw wrongStage(p.state.stage, 'decideApproval', 'there is no proposal awaiting approval');
      if (!canGrant(actor.role, proposal.totalMinor, p.policy.authority)) {
        throw forbidden(`a ${actor.role} may not approve ${proposal.totalMinor} ${proposal.currency} (needs ${proposal.approval.requiredRole})`);
      }
      if (input.decision === 'approve') waitForSignOff(p, 'decideApproval');
    },
    async run(p, actor, input) {
      const proposal = p.state.proposal!;
      proposal.approval = { ...proposal.approval!, status: input.decision === 'approve' ? 'approved' : 'rejected', decidedBy: actor, reason: input.reason };
      p.emit(input.decision === 'approve' ? 'proposal_approved' : 'proposal_rejected_by_approver', actor, {
        reason: input.reason,
        notify: [p.notice('approval_decision', { type: 'staff', id: proposal.proposedBy.id }, { decision: input.decision, reason: input.reason })],
      });
      if (input.decision === 'approve') return p.offerToCustomer(actor);
      p.clocks.clear('approval');
      p.enterStage('proposing');
      p.clocks.start('progressUpdate');
    },
  },

  respondToProposal: {
    async run(p, actor, input) {
      const state = p.state;
      p.clocks.clear('customerResponse');
      if (input.accept) {
        p.enterStage('executing');
        state.execution = { ownerId: state.assigneeId };
        p.clocks.start('execution');
        p.emit('proposal_accepted', actor, {
          reason: input.comment,
          notify: state.assigneeId ? [p.notice('assignment', { type: 'staff', id: state.assigneeId }, { task: 'execute_remedy' })] : [],
        });
        return;
      }
      state.rejectedRounds += 1;
      p.emit('proposal_rejected', actor, { reason: input.comment, data: { round: state.rejectedRounds, counterDemand: input.counterDemand ?? null } });
      // After the handler's rounds the case goes to a manager for `managerRounds` more (policy; a
      // complaint started before 1.1 carries no such field and keeps the one round it had).
      const managerRounds = p.policy.managerRounds ?? 1;
      if (state.rejectedRounds >= p.policy.negotiationMaxRounds + managerRounds) return p.close('unresolved', 'no_agreement', SYSTEM_ACTOR);
      p.enterStage('proposing');
      p.clocks.start('progressUpdate');
      // A new proposal is owed within the reply period, as the first one was.
      if (p.isPatched(PATCHES.replyClockAfterRejection)) p.clocks.start('reply');
      if (managerRounds > 0 && state.rejectedRounds === p.policy.negotiationMaxRounds && state.escalationLevel < MAX_ESCALATION_LEVEL) {
        await p.escalateTo(MAX_ESCALATION_LEVEL, SYSTEM_ACTOR, `${state.rejectedRounds} proposals rejected`);
      }
    },
  },

  completeExecution: {
    async run(p, actor, input) {
      // The progress clock runs while the remedy is carried out (see offerToCustomer); the customer now rates instead.
      p.clocks.clear('execution', 'progressUpdate');
      p.state.execution = { ownerId: p.state.execution?.ownerId ?? actor.id, proof: input.proof, completedAt: Date.now() };
      if (input.evidenceUri) {
        p.addEvidence({ id: `${p.state.number}:evidence:${p.state.eventSeq + 1}`, uri: input.evidenceUri, note: 'proof of execution', addedBy: actor.id, addedAt: new Date(Date.now()).toISOString() });
      }
      p.enterStage('confirming');
      p.clocks.start('satisfaction');
      p.emit('execution_completed', actor, { reason: input.proof, notify: [p.notice('satisfaction_survey', { type: 'customer' }, { dueAt: iso(p.clocks.get('satisfaction')?.dueAt) })] });
    },
  },

  reportRemedyUnexecutable: {
    async run(p, actor, input) {
      const state = p.state;
      p.clocks.clear('execution');
      state.execution = undefined;
      p.enterStage('proposing');
      // A new proposal is owed within the reply period, as after a rejection; news meanwhile as before.
      p.clocks.start('reply');
      p.clocks.start('progressUpdate');
      p.answeredCustomer(actor);
      // The customer reads the message on their page; the staff's own reason stays in the data.
      p.emit('remedy_unexecutable', actor, {
        reason: input.customerMessage,
        data: { round: state.proposal?.round ?? null, staffReason: input.reason },
        notify: [p.notice('remedy_unexecutable', { type: 'customer' }, { message: input.customerMessage, dueAt: iso(p.clocks.get('reply')?.dueAt) })],
      });
    },
  },

  rateSatisfaction: {
    async run(p, actor, input) {
      p.state.satisfaction = { score: input.score, comment: input.comment };
      p.emit('satisfaction_recorded', actor, { reason: input.comment, data: { score: input.score } });
      await p.close('resolved', 'resolved', actor);
    },
  },

  recordFollowUp: {
    async run(p, actor, input) {
      p.clocks.clear('followUpVisit');
      p.state.followUp = { ...p.state.followUp!, status: 'done', reached: input.reached, satisfied: input.satisfied, ...(input.retained !== undefined ? { retained: input.retained } : {}) };
      p.emit('follow_up_recorded', actor, { reason: input.note, data: { reached: input.reached, satisfied: input.satisfied, ...(input.retained !== undefined ? { retained: input.retained } : {}) } });
      if (input.reached && !input.satisfied) p.reopen(actor, 'dissatisfied at the follow-up visit');
      else p.enterStage('closed');
    },
  },

  escalate: {
    check(p) {
      if (p.state.escalationLevel >= MAX_ESCALATION_LEVEL) throw wrongStage(p.state.stage, 'escalate', 'the complaint is already with a manager');
    },
    run: (p, actor, input) => p.escalateOneLevel(actor, input.reason),
  },

  reassign: {
    async run(p, actor, input) {
      const state = p.state;
      state.assigneeId = input.assigneeId;
      if (input.departmentId) state.departmentId = input.departmentId;
      if (input.taskForce) state.taskForce = input.taskForce;
      p.emit('reassigned', actor, {
        reason: input.reason,
        data: { assigneeId: input.assigneeId, departmentId: state.departmentId ?? null, taskForce: input.taskForce ?? null },
        notify: [input.assigneeId, ...(input.taskForce?.memberIds ?? [])]
          .filter((id, i, all) => all.indexOf(id) === i)
          .map((id) => p.notice('assignment', { type: 'staff', id }, { reason: input.reason })),
      });
    },
  },

  addNote: {
    check(p, actor, input) {
      if (input.kind === 'review' && actor.role === 'customer') throw forbidden('case reviews are written by staff');
      if (input.kind === 'review' && p.state.stage !== 'closed') throw wrongStage(p.state.stage, 'addNote', 'a case review is attached after closing');
    },
    async run(p, actor, input) {
      // Staff notes are internal unless their author addresses them to the customer.
      const toCustomer = actor.role !== 'customer' && input.kind === 'note' && input.toCustomer && !input.internal;
      const internal = actor.role !== 'customer' && !toCustomer;
      p.emit(input.kind === 'review' ? 'case_review' : actor.role === 'customer' ? 'customer_information' : 'note', actor, { reason: input.text, internal, ...(toCustomer ? { data: { toCustomer: true } } : {}) });
      if (toCustomer) p.answeredCustomer(actor);
      p.resumeIfCustomerAnswered(actor);
    },
  },

  revealContact: {
    async run(p, actor, input) {
      p.emit('contact_revealed', actor, { reason: input.reason, internal: true });
    },
  },

  withdraw: {
    async run(p, actor, input) {
      p.emit('withdrawn', actor, { reason: input.reason });
      await p.close('withdrawn', input.reason, actor);
    },
  },

  reopen: {
    check(p, actor) {
      // A complainant asks within the window, themselves or through a hotline agent; leads may reopen later.
      if ((actor.role === 'customer' || actor.role === 'agent') && !p.clocks.get('reopenWindow')) throw wrongStage(p.state.stage, 'reopen', 'the period for asking to reopen has ended');
    },
    run: async (p, actor, input) => p.reopen(actor, input.reason),
  },

  pause: {
    check(p) {
      if (p.state.paused) throw wrongStage(p.state.stage, 'pause', 'the SLA clock is already paused');
    },
    async run(p, actor, input) {
      p.clocks.pause();
      p.emit('sla_paused', actor, { reason: input.reason });
    },
  },

  resume: {
    check(p) {
      if (!p.state.paused) throw wrongStage(p.state.stage, 'resume', 'the SLA clock is not paused');
    },
    async run(p, actor, input) {
      p.clocks.resume();
      p.emit('sla_resumed', actor, { reason: input.reason });
    },
  },

  close: {
    inputCheck(p, _actor, input) {
      if (input.outcome !== 'duplicate' && input.duplicateOf !== undefined) throw invalidInput([{ path: 'duplicateOf', message: 'only a duplicate names the complaint it repeats' }]);
      if (input.outcome !== 'duplicate') return;
      if (input.duplicateOf === undefined) throw invalidInput([{ path: 'duplicateOf', message: 'a duplicate names the complaint it repeats' }]);
      if (!COMPLAINT_NUMBER.test(input.duplicateOf)) throw invalidInput([{ path: 'duplicateOf', message: 'not a complaint number (CMP-YYYYMMDD-NNNNNN)' }]);
      if (input.duplicateOf === p.state.number) throw invalidInput([{ path: 'duplicateOf', message: 'a complaint is not a duplicate of itself' }]);
    },
    run: (p, actor, input) => p.close(input.outcome, input.reason, actor, input.outcome === 'duplicate' ? input.duplicateOf : undefined),
  },

  signOffMajorReview: {
    check(p, actor, input) {
      const review = p.state.majorReviews?.find((r) => r.kind === input.review && r.status === 'open');
      if (!review) throw wrongStage(p.state.stage, 'signOffMajorReview', `there is no open ${input.review} review`);
      const mayDecide = actor.id === review.ownerId || actor.departmentId === review.departmentId || actor.role === 'manager';
      if (!mayDecide) throw forbidden(`the ${input.review} review is signed off by its owner, the ${review.departmentId} department or a manager`);
    },
    async run(p, actor, input) {
      const review = p.state.majorReviews!.find((r) => r.kind === input.review && r.status === 'open')!;
      Object.assign(review, { status: 'signed_off', decision: input.decision, note: input.note, signedOffBy: actor, signedOffAt: Date.now() });
      p.clocks.clear(MAJOR_REVIEW_CLOCKS[input.review]);
      const owner = p.state.assigneeId;
      p.emit('major_review_signed_off', actor, {
        internal: true,
        reason: input.note,
        data: { review: input.review, decision: input.decision, blocksProposal: review.blocksProposal },
        notify: owner && owner !== actor.id ? [p.notice('major_review', { type: 'staff', id: owner }, { review: input.review, event: 'signed_off', decision: input.decision })] : [],
      });
    },
  },

  stopLegalClock: {
    check(p, _actor, input) {
      const { rule } = legalClockOf(p, input.clock);
      if (!rule.stoppableFor.includes(input.reason)) {
        throw invalidInput([{ path: 'reason', message: rule.stoppableFor.length > 0 ? `${input.clock} may be stopped only for: ${rule.stoppableFor.join(', ')}` : `${input.clock} may not be stopped` }]);
      }
      if (p.state.legal!.stops.some((s) => s.clockId === input.clock && s.toMs === undefined)) throw invalidInput([{ path: 'clock', message: `${input.clock} is stopped already` }]);
    },
    async run(p, actor, input) {
      const legal = p.state.legal!;
      legal.stops.push({ clockId: input.clock, reason: input.reason, note: input.note, by: actor.id, fromMs: Date.now() });
      p.emit('legal_clock_stopped', actor, { internal: true, reason: input.note, data: { regime: legal.regime, clockId: input.clock, stopReason: input.reason } });
    },
  },

  resumeLegalClock: {
    check(p, _actor, input) {
      legalClockOf(p, input.clock);
      if (!p.state.legal!.stops.some((s) => s.clockId === input.clock && s.toMs === undefined)) throw invalidInput([{ path: 'clock', message: `${input.clock} is not stopped` }]);
    },
    async run(p, actor, input) {
      const legal = p.state.legal!;
      const stop = legal.stops.find((s) => s.clockId === input.clock && s.toMs === undefined)!;
      stop.toMs = Date.now();
      const dueAt = p.legal.planned().find((c) => c.id === input.clock)?.dueAtMs;
      p.emit('legal_clock_resumed', actor, {
        internal: true,
        reason: input.note,
        data: { regime: legal.regime, clockId: input.clock, stoppedFrom: iso(stop.fromMs)!, dueAt: iso(dueAt) ?? null },
      });
    },
  },

  extendLegalClock: {
    check(p, actor, input) {
      const { rule, legal } = legalClockOf(p, input.clock);
      const extension = rule.extensions.find((e) => e.id === input.extension);
      if (!extension) {
        throw invalidInput([{ path: 'extension', message: rule.extensions.length > 0 ? `${input.clock} may be extended by: ${rule.extensions.map((e) => e.id).join(', ')}` : `${input.clock} cannot be extended` }]);
      }
      const granted = legal.extensions.filter((e) => e.clockId === input.clock).map((e) => e.extensionId);
      if (granted.includes(extension.id)) throw invalidInput([{ path: 'extension', message: `${extension.id} was granted already` }]);
      const missing = (extension.after ?? []).filter((id) => !granted.includes(id));
      if (missing.length > 0) throw invalidInput([{ path: 'extension', message: `${extension.id} comes after: ${missing.join(', ')}` }]);
      if (legal.progress[input.clock]?.missed) throw invalidInput([{ path: 'clock', message: `${input.clock} has run out: a period is extended before it ends` }]);
      const approvers = extension.approvedBy === 'senior' ? ['manager'] : extension.approvedBy === 'supervisor' ? ['supervisor', 'manager'] : ['agent', 'handler', 'supervisor', 'manager'];
      if (!approvers.includes(actor.role)) throw forbidden(`the ${extension.id} extension of ${input.clock} is approved by a ${approvers[0]}${approvers.length > 1 ? ' or above' : ''}`);
      if (extension.customerMustBeTold && input.customerMessage === undefined) {
        throw invalidInput([{ path: 'customerMessage', message: 'the customer must be told of this extension and why' }]);
      }
    },
    async run(p, actor, input) {
      const legal = p.state.legal!;
      legal.extensions.push({ clockId: input.clock, extensionId: input.extension, at: Date.now(), by: actor.id, reason: input.reason });
      const dueAt = iso(p.legal.planned().find((c) => c.id === input.clock)?.dueAtMs)!;
      const extension = legalClockOf(p, input.clock).rule.extensions.find((e) => e.id === input.extension)!;
      p.emit('legal_clock_extended', actor, {
        reason: input.reason,
        internal: !extension.customerMustBeTold,
        data: { regime: legal.regime, clockId: input.clock, extension: input.extension, dueAt, approvedBy: actor.role },
        notify: extension.customerMustBeTold ? [p.notice('legal_extension', { type: 'customer' }, { clock: `${legal.regime}:${input.clock}`, dueAt, message: input.customerMessage! })] : [],
      });
    },
  },

  recordRegulatorAcceptance: {
    check(p, _actor, input) {
      const legal = p.state.legal;
      if (!legal || !p.legal.version()?.clocks.some((c) => c.startsAt === 'regulator_acceptance')) {
        throw invalidInput([{ path: 'acceptedOn', message: "this complaint's regime has no regulator acceptance" }]);
      }
      if (legal.regulatorAcceptedAt !== undefined) throw invalidInput([{ path: 'acceptedOn', message: 'recorded already' }]);
      const cal = p.policy.calendar;
      if (parseIsoDate(input.acceptedOn) === undefined) throw invalidInput([{ path: 'acceptedOn', message: 'not a calendar date' }]);
      if (input.acceptedOn > localDateOf(cal, Date.now())) throw invalidInput([{ path: 'acceptedOn', message: 'must not be in the future' }]);
      if (input.acceptedOn < localDateOf(cal, legal.receivedAt)) throw invalidInput([{ path: 'acceptedOn', message: 'must not be before the complaint was received' }]);
    },
    async run(p, actor, input) {
      const legal = p.state.legal!;
      legal.regulatorAcceptedAt = localDateTimeToEpoch(p.policy.calendar, input.acceptedOn, '12:00');
      const started = p.legal.planned().filter((c) => c.startedAtMs === legal.regulatorAcceptedAt);
      p.emit('regulator_accepted', actor, {
        internal: true,
        reason: input.note,
        data: { regime: legal.regime, acceptedOn: input.acceptedOn, clocks: started.map((c) => ({ clock: c.id, dueAt: iso(c.dueAtMs) ?? null })) },
      });
    },
  },
};

/** Responsibilities that make the company owe an apology. */
const COMPANY_AT_FAULT: readonly string[] = ['company', 'shared'];

/** A proposal may not reach the customer while a review that holds it back is open: 409 naming it. */
function waitForSignOff(p: ProcessContext, action: 'propose' | 'decideApproval'): void {
  const waiting = p.state.majorReviews?.find((r) => r.status === 'open' && r.blocksProposal);
  if (!waiting) return;
  const dueAt = iso(p.clocks.get(MAJOR_REVIEW_CLOCKS[waiting.kind])?.dueAt);
  throw wrongStage(p.state.stage, action, `the proposal waits for the ${waiting.kind} review's sign-off (${waiting.ownerId ? `owner ${waiting.ownerId}` : `department ${waiting.departmentId}`}${dueAt ? `, due ${dueAt}` : ''})`);
}

/** The legal clock an action names, or a 400 naming `clock`: the complaint must be under a regime that has it, and it must still run. */
function legalClockOf(p: ProcessContext, clockId: string): { legal: LegalState; rule: LegalClockRule } {
  const legal = p.state.legal;
  if (!legal) throw invalidInput([{ path: 'clock', message: 'this complaint is under no legal regime' }]);
  const rule = p.legal.rule(clockId);
  if (!rule) throw invalidInput([{ path: 'clock', message: `${legal.regime} has no clock ${clockId}: ${p.legal.version()!.clocks.map((c) => c.id).join(', ')}` }]);
  if (legal.progress[clockId]?.ended) throw invalidInput([{ path: 'clock', message: `${clockId} has ended` }]);
  if (!p.legal.planned().some((c) => c.id === clockId)) throw invalidInput([{ path: 'clock', message: `${clockId} has not started` }]);
  return { legal, rule };
}

