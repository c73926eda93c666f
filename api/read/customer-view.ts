/**
 * What a complainant may see of their complaint, built by allowlist: every field is chosen here, so
 * anything the process adds later stays internal until someone decides to show it. Used by the API
 * for customers' tokens and by the tracking page for complainants without an account.
 *
 * Shown: the stage in plain words, the promised dates, the proposal sent to them, their own evidence
 * and messages, staff replies addressed to them, the outcome and their rating — and the actions open
 * to them now. Never: staff ids (staff appear as a role), internal notes, reasons of triage,
 * escalation, reassignment or approval, approval internals, findings, anyone's contact data.
 */
import type { ComplaintRow, EvidenceRow, TimelineEventRow } from '../../db/schema';
import { ACTION_RULES, actionFitsStage, CUSTOMER_ACTIONS, type CustomerAction } from '../../domain/actions';
import type { Outcome, RemedyType, Role, Stage } from '../../domain/model';
import type { TimelineEventType } from '../../domain/timeline';
import { CLOSE_REASON_CODES } from '../../domain/notification-kinds';
import { normalizeLocale, outcomeLabel, stageLabel, type TemplateLocale } from '../../notifications/templates';
import type { ComplaintStateView } from '../../workflows/types';
import { REMEDY_LABELS } from '../../domain/labels';

type Words = Record<TemplateLocale, string>;


const ROLE_WORDS: { readonly [K in Role]: Words } = {
  customer: { 'zh-CN': '您', en: 'you' },
  agent: { 'zh-CN': '客服专员', en: 'customer service' },
  handler: { 'zh-CN': '处理专员', en: 'complaint handler' },
  supervisor: { 'zh-CN': '主管', en: 'supervisor' },
  manager: { 'zh-CN': '经理', en: 'manager' },
  quality: { 'zh-CN': '质检专员', en: 'quality team' },
  admin: { 'zh-CN': '客服中心', en: 'customer service' },
};

/**
 * The timeline events a complainant sees, each in plain words. `text` says whether the event's own
 * text (`reason`) is for them: a message written to them, or words they wrote themselves.
 */
const CUSTOMER_EVENTS: { readonly [K in TimelineEventType]?: { words: Words; text?: 'always' | 'own' } } = {
  received: { words: { 'zh-CN': '投诉已提交', en: 'complaint submitted' } },
  acknowledged: { words: { 'zh-CN': '投诉已受理', en: 'complaint acknowledged' } },
  triaged: { words: { 'zh-CN': '已安排专人处理', en: 'assigned for handling' } },
  regraded: { words: { 'zh-CN': '处理方式已调整，将进一步调查', en: 'handling adjusted for a closer look' } },
  legal_clock_extended: { words: { 'zh-CN': '处理期限依法延长', en: 'the period to decide was extended as the rules allow' } },
  progress_update_sent: { words: { 'zh-CN': '处理进展', en: 'progress update' }, text: 'always' },
  proposal_sent: { words: { 'zh-CN': '收到处理方案', en: 'proposal sent to you' } },
  proposal_accepted: { words: { 'zh-CN': '已接受处理方案', en: 'proposal accepted' }, text: 'own' },
  proposal_rejected: { words: { 'zh-CN': '未接受处理方案', en: 'proposal not accepted' }, text: 'own' },
  resolved_on_spot: { words: { 'zh-CN': '已当场处理', en: 'resolved on the spot' } },
  execution_completed: { words: { 'zh-CN': '处理方案已执行', en: 'the remedy was carried out' } },
  remedy_unexecutable: { words: { 'zh-CN': '处理方案无法执行，将为您提出新方案', en: 'the remedy could not be carried out; a new proposal follows' }, text: 'always' },
  satisfaction_recorded: { words: { 'zh-CN': '已评价', en: 'rated' }, text: 'own' },
  escalated: { words: { 'zh-CN': '已升级处理', en: 'escalated' } },
  evidence_added: { words: { 'zh-CN': '补充了材料', en: 'information added' } },
  customer_information: { words: { 'zh-CN': '您补充了信息', en: 'you added information' }, text: 'own' },
  note: { words: { 'zh-CN': '客服回复', en: 'reply from customer service' }, text: 'always' },
  withdrawn: { words: { 'zh-CN': '投诉已撤回', en: 'complaint withdrawn' }, text: 'own' },
  closed: { words: { 'zh-CN': '投诉已结案', en: 'complaint closed' } },
  follow_up_due: { words: { 'zh-CN': '安排回访', en: 'follow-up visit planned' } },
  reopened: { words: { 'zh-CN': '投诉已重新处理', en: 'complaint reopened' } },
  sla_paused: { words: { 'zh-CN': '等待您补充信息', en: 'waiting for information from you' } },
  sla_resumed: { words: { 'zh-CN': '继续处理', en: 'handling resumed' } },
};

/** Actions a complainant may take on the page, in the order the page offers them. */
export { CUSTOMER_ACTIONS, type CustomerAction };

export interface CustomerView {
  number: string;
  channel: ComplaintRow['channel'];
  receivedAt: string;
  locale: TemplateLocale;
  product: string | null;
  description: string;
  stage: { code: Stage; label: string };
  promised: { firstContactBy?: string; replyBy?: string; answerProposalBy?: string; rateBy?: string; reopenUntil?: string; legalAnswerBy?: { by: string; lastDay?: string; regime: string } };
  proposal?: { round: number; message: string; remedies: { type: RemedyType; label: string; amountMinor?: number; currency?: string; description?: string }[]; totalMinor: number; currency: string };
  outcome?: { code: Outcome; label: string; reason?: string };
  satisfaction?: { score: number };
  evidence: { uri: string; note?: string; addedAt: string; byYou: boolean }[];
  history: { at: string; what: string; by: string; text?: string }[];
  actions: CustomerAction[];
}

const dueOf = (state: ComplaintStateView, kind: string) => state.deadlines?.find((d) => d.kind === kind && d.kind !== 'legal' && !d.breached)?.dueAt;

/**
 * The date the law (or the regulator's transfer) sets for the company's answer, while it is owed:
 * the nearest binding legal clock still running ("依法应于 … 前答复").
 */
function legalAnswerBy(state: ComplaintStateView): { by: string; lastDay?: string; regime: string } | undefined {
  const owed = (state.deadlines ?? []).flatMap((d) => (d.kind === 'legal' && d.binding && !d.ended && !d.missed && d.dueAt ? [d] : []));
  const next = owed.sort((a, b) => a.dueAt!.localeCompare(b.dueAt!))[0];
  return next && { by: next.dueAt!, ...(next.lastDay ? { lastDay: next.lastDay } : {}), regime: next.regime };
}

/**
 * The complainant's view. `self` is how the caller is recorded as an actor (customer id, or the
 * tracking link's actor): their own words and evidence are shown as theirs.
 */
export function customerView(input: {
  row: ComplaintRow;
  state: ComplaintStateView;
  events: TimelineEventRow[];
  evidence: EvidenceRow[];
  selfIds: string[];
  locale?: string;
}): CustomerView {
  const { row, state, events, evidence, selfIds } = input;
  const locale = normalizeLocale(input.locale ?? row.preferredLocale);
  const own = (actorId: string) => selfIds.includes(actorId);
  const history: CustomerView['history'] = [];
  for (const e of events) {
    if (e.internal) continue;
    const shown = CUSTOMER_EVENTS[e.type];
    if (!shown) continue;
    // A staff note is for the complainant only when its author addressed it to them.
    if (e.type === 'note' && (e.data as { toCustomer?: boolean }).toCustomer !== true) continue;
    if (e.type === 'evidence_added' && !own(e.actorId)) continue;
    const text = e.reason && (shown.text === 'always' || (shown.text === 'own' && own(e.actorId))) ? e.reason : undefined;
    history.push({ at: e.occurredAt.toISOString(), what: shown.words[locale], by: own(e.actorId) ? ROLE_WORDS.customer[locale] : ROLE_WORDS[e.actorRole][locale], ...(text ? { text } : {}) });
  }
  const proposal = state.proposal;
  // A proposal is the complainant's once it was sent to them (not while it waits for approval).
  const sent = proposal && (proposal.approval === undefined || proposal.approval.status === 'approved') && state.stage !== 'awaiting_approval' && state.stage !== 'proposing';
  const outcome = state.outcome ?? row.outcome ?? undefined;
  const reasonCode = state.closeReason && (CLOSE_REASON_CODES as readonly string[]).includes(state.closeReason) ? state.closeReason : undefined;
  const stage = state.stage;
  return {
    number: row.number,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    locale,
    product: row.subject.productName ?? null,
    description: row.description,
    stage: { code: stage, label: stageLabel(stage, locale) },
    promised: {
      firstContactBy: dueOf(state, 'firstResponse'),
      // Promised at acknowledgement (7 working days from receipt); the reply clock itself starts at triage.
      // Until triage starts the reply clock, the date promised in the acknowledgement; once the clock stops, none.
      replyBy: dueOf(state, 'reply') ?? (stage === 'acknowledged' ? promisedAtAcknowledgement(events, 'replyBy') : undefined),
      answerProposalBy: dueOf(state, 'customerResponse'),
      rateBy: dueOf(state, 'satisfaction'),
      reopenUntil: dueOf(state, 'reopenWindow'),
      // Under a legal regime: the date the law or the regulator's transfer sets ("依法应于 … 前答复").
      ...(legalAnswerBy(state) ? { legalAnswerBy: legalAnswerBy(state) } : {}),
    },
    ...(sent && proposal
      ? {
          proposal: {
            round: proposal.round,
            message: proposal.message,
            remedies: proposal.remedies.map((r) => ({ type: r.type, label: REMEDY_LABELS[r.type][locale], amountMinor: r.amountMinor, currency: r.currency, description: r.description })),
            totalMinor: proposal.totalMinor,
            currency: proposal.currency,
          },
        }
      : {}),
    ...(outcome ? { outcome: { code: outcome, label: outcomeLabel(outcome, locale), ...(reasonCode ? { reason: reasonCode } : {}) } } : {}),
    ...(state.satisfaction ? { satisfaction: { score: state.satisfaction.score } } : {}),
    evidence: evidence
      .filter((e) => own(e.addedBy) || e.id.includes(':evidence:intake-'))
      .map((e) => ({ uri: e.uri, ...(e.note ? { note: e.note } : {}), addedAt: e.addedAt.toISOString(), byYou: own(e.addedBy) })),
    history,
    actions: CUSTOMER_ACTIONS.filter((a) => actionFitsStage(a, stage) && ACTION_RULES[a].roles.includes('customer') && (a !== 'reopen' || dueOf(state, 'reopenWindow') !== undefined)),
  };
}

/** A date the acknowledgement promised (kept in the `acknowledged` event's data). */
function promisedAtAcknowledgement(events: TimelineEventRow[], key: 'replyBy'): string | undefined {
  const value = (events.find((e) => e.type === 'acknowledged')?.data as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}
