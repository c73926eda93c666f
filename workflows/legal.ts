/**
 * A complaint's legal clocks (issue "clocks the law sets"): the periods its regime sets
 * (domain/legal-regimes.ts), beside the company's own clocks (clocks.ts) and independent of them. The
 * internal pause does not stop them; only a stop the regime allows, recorded with its reason, does.
 * Binding clocks warn early (the policy's shares of the period) and are recorded as missed when due;
 * the regulator's own periods are shown for context only. Due times are planned from the recorded
 * facts on the policy's calendar each time (domain/legal-clocks.ts), never stored.
 */
import { legalDueAt } from '../domain/legal-periods';
import { DEFAULT_LEGAL_CLOCK_POLICY, planLegalClocks, type LegalIntake, type PlannedLegalClock } from '../domain/legal-clocks';
import { LEGAL_REGIMES, regimeVersionFor, type LegalClockEnd, type LegalClockRule, type LegalRegimeVersion } from '../domain/legal-regimes';
import { localDateOf, localDateTimeToEpoch } from '../domain/calendar';
import { SYSTEM_ACTOR, type Actor } from '../domain/model';
import type { NotificationAudience, NotificationRequest } from '../domain/notification-kinds';
import type { Policy } from '../domain/policy';
import type { LegalControl } from './context';
import { iso } from './format';
import type { Recorder } from './recorder';
import type { ComplaintState, ComplaintView, LegalDeadlineView, LegalState } from './types';

/** The end of a local day 'YYYY-MM-DD' (a regulator's reply date) on the policy's calendar. */
function endOfDay(policy: Policy, day: string): number {
  return legalDueAt(policy.calendar, localDateTimeToEpoch(policy.calendar, day, '12:00'), { length: 0, unit: 'calendarDays' }).dueAtMs;
}

export class LegalClocks implements LegalControl {
  constructor(
    private readonly state: ComplaintState,
    private readonly policy: Policy,
    private readonly recorder: Recorder,
  ) {}

  get legal(): LegalState | undefined {
    return this.state.legal;
  }

  private get warnings(): readonly number[] {
    return (this.policy.legal ?? DEFAULT_LEGAL_CLOCK_POLICY).warnings;
  }

  version(): LegalRegimeVersion | undefined {
    const legal = this.state.legal;
    return legal && LEGAL_REGIMES[legal.regime].versions.find((v) => v.effectiveFrom === legal.version);
  }

  rule(clockId: string): LegalClockRule | undefined {
    return this.version()?.clocks.find((c) => c.id === clockId);
  }

  /** Puts the complaint under its regime (at acknowledgement, or when triage names the regime). */
  begin(intake: LegalIntake, actor: Actor): void {
    const receivedAt = Date.parse(intake.receivedAt);
    const version = regimeVersionFor(intake.regime, localDateOf(this.policy.calendar, receivedAt));
    // The API and the triage validator refuse a regime not in effect; nothing to count otherwise.
    if (!version) return;
    this.state.legal = {
      regime: intake.regime,
      version: version.effectiveFrom,
      receivedAt,
      ...(intake.regulatorReference !== undefined ? { regulatorReference: intake.regulatorReference } : {}),
      ...(intake.regulatorOffice !== undefined ? { regulatorOffice: intake.regulatorOffice } : {}),
      ...(intake.regulatorDueDate !== undefined ? { regulatorDueAt: endOfDay(this.policy, intake.regulatorDueDate) } : {}),
      stops: [],
      extensions: [],
      progress: Object.fromEntries(version.clocks.map((c) => [c.id, { warned: 0, missed: false }])),
    };
    this.recorder.emit('legal_clocks_started', actor, {
      internal: true,
      data: {
        regime: intake.regime,
        version: version.effectiveFrom,
        receivedAt: intake.receivedAt,
        clocks: this.planned().map((c) => ({ clock: c.id, kind: c.kind, dueAt: iso(c.dueAtMs) ?? null })),
        ...(intake.regulatorReference !== undefined ? { regulatorReference: intake.regulatorReference } : {}),
      },
    });
  }

  /** Every clock of the regime as it stands now. */
  planned(policy: Policy = this.policy): PlannedLegalClock[] {
    const legal = this.state.legal;
    const version = this.version();
    if (!legal || !version) return [];
    return planLegalClocks(
      policy.calendar,
      version,
      { receivedAtMs: legal.receivedAt, regulatorDueAtMs: legal.regulatorDueAt, regulatorAcceptedAtMs: legal.regulatorAcceptedAt, stops: legal.stops, extensions: legal.extensions },
      (policy.legal ?? DEFAULT_LEGAL_CLOCK_POLICY).warnings,
    );
  }

  /** Binding clocks still owed: not ended, not missed, not stopped, with a due time. */
  private owed(): (PlannedLegalClock & { dueAtMs: number })[] {
    const progress = this.state.legal?.progress ?? {};
    return this.planned().filter((c): c is PlannedLegalClock & { dueAtMs: number } => c.kind === 'binding' && c.dueAtMs !== undefined && !c.stopped && !progress[c.id]?.ended && !progress[c.id]?.missed);
  }

  /** The nearest binding legal due time still owed (projection, `LegalDueAt`, queues). */
  nextDueAt(): number | undefined {
    const dues = this.owed().map((c) => c.dueAtMs);
    return dues.length > 0 ? Math.min(...dues) : undefined;
  }

  /** When the process must wake for a legal clock: its next warning or its due time. */
  nextWakeAt(): number | undefined {
    let next: number | undefined;
    for (const c of this.owed()) {
      const warned = this.state.legal!.progress[c.id]?.warned ?? 0;
      const at = c.warnAtMs[warned] !== undefined ? Math.min(c.warnAtMs[warned]!, c.dueAtMs) : c.dueAtMs;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** Who hears of a legal clock: the case owner, the department's supervisors and the compliance contacts. */
  private audiences(): NotificationAudience[] {
    const state = this.state;
    const contacts = (this.policy.legal ?? DEFAULT_LEGAL_CLOCK_POLICY).complianceContacts;
    return [
      state.assigneeId ? { type: 'staff', id: state.assigneeId } : { type: 'role', role: 'agent', departmentId: state.departmentId ?? state.triageSuggestion?.departmentId },
      { type: 'role', role: 'supervisor', departmentId: state.departmentId ?? state.triageSuggestion?.departmentId },
      ...(contacts.length > 0 ? contacts.map((id): NotificationAudience => ({ type: 'staff', id })) : [{ type: 'role', role: 'manager' } as const]),
    ];
  }

  private clockKey(id: string): string {
    return `${this.state.legal!.regime}:${id}`;
  }

  /** Sends the warnings that are due and records the misses (no escalation: a miss is a fact to report and act on). */
  runDue(now: number): void {
    const legal = this.state.legal;
    if (!legal) return;
    for (const c of this.owed()) {
      const progress = legal.progress[c.id]!;
      if (now >= c.dueAtMs) {
        progress.missed = true;
        const data = { clock: this.clockKey(c.id), dueAt: iso(c.dueAtMs)! };
        this.recorder.emit('legal_deadline_missed', SYSTEM_ACTOR, {
          internal: true,
          data: { ...data, regime: legal.regime, clockId: c.id },
          notify: this.audiences().map((to) => this.recorder.notice('legal_deadline_missed', to, data)),
        });
        continue;
      }
      // Several warnings passed at once (the worker was down): one notice, for the latest.
      let reached = progress.warned;
      while (c.warnAtMs[reached] !== undefined && now >= c.warnAtMs[reached]!) reached += 1;
      if (reached === progress.warned) continue;
      progress.warned = reached;
      const percent = Math.round(this.warnings[reached - 1]! * 100);
      const data = { clock: this.clockKey(c.id), dueAt: iso(c.dueAtMs)!, percent };
      this.recorder.emit('legal_deadline_warning', SYSTEM_ACTOR, {
        internal: true,
        data: { ...data, regime: legal.regime, clockId: c.id },
        notify: this.audiences().map((to): NotificationRequest => this.recorder.notice('legal_deadline_warning', to, data)),
      });
    }
  }

  /**
   * The obligation a clock ends on was met (a decision told, a reply sent), or there is none left
   * (withdrawn, closed): each open clock that ends on one of `ends` stops, on time or not, recorded
   * for the binding ones (the on-time rate per regime reads these events).
   */
  end(ends: readonly LegalClockEnd[], actor: Actor, now: number): void {
    const legal = this.state.legal;
    if (!legal) return;
    for (const c of this.planned()) {
      const rule = this.rule(c.id)!;
      const progress = legal.progress[c.id]!;
      if (progress.ended) continue;
      const by = ends.find((e) => rule.endsOn.includes(e));
      if (!by) continue;
      const onTime = !progress.missed && (c.dueAtMs === undefined || now < c.dueAtMs);
      progress.ended = { by, at: now, onTime };
      if (c.kind !== 'binding') continue;
      this.recorder.emit('legal_clock_ended', actor, {
        internal: true,
        data: { regime: legal.regime, clockId: c.id, clock: this.clockKey(c.id), by, onTime, dueAt: iso(c.dueAtMs) ?? null },
      });
    }
  }

  /** The clocks as the case page and the API show them, beside the internal ones. */
  views(): LegalDeadlineView[] {
    const legal = this.state.legal;
    if (!legal) return [];
    return this.planned().map((c) => {
      const progress = legal.progress[c.id] ?? { warned: 0, missed: false };
      return {
        kind: 'legal',
        regime: legal.regime,
        clock: c.id,
        binding: c.kind === 'binding',
        label: c.label,
        startedAt: new Date(c.startedAtMs).toISOString(),
        ...(c.dueAtMs !== undefined ? { dueAt: new Date(c.dueAtMs).toISOString() } : {}),
        ...(c.lastDay !== undefined ? { lastDay: c.lastDay } : {}),
        warnAt: c.warnAtMs.map((ms) => new Date(ms).toISOString()),
        stopped: c.stopped,
        missed: progress.missed,
        extensions: c.extensionsGranted,
        ...(progress.ended ? { ended: { ...progress.ended, at: new Date(progress.ended.at).toISOString() } } : {}),
      };
    });
  }

  /** The regime's facts for the view. */
  factsView(): ComplaintView['legal'] {
    const legal = this.state.legal;
    if (!legal) return undefined;
    return {
      regime: legal.regime,
      version: legal.version,
      receivedAt: new Date(legal.receivedAt).toISOString(),
      regulatorReference: legal.regulatorReference,
      regulatorOffice: legal.regulatorOffice,
      regulatorDueAt: iso(legal.regulatorDueAt),
      regulatorAcceptedAt: iso(legal.regulatorAcceptedAt),
      stops: legal.stops.map(({ fromMs, toMs, ...stop }) => ({ ...stop, from: new Date(fromMs).toISOString(), ...(toMs !== undefined ? { to: new Date(toMs).toISOString() } : {}) })),
    };
  }
}
