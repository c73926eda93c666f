/**
 * The complaint's clocks: starting one from its rule (deadline-rules.ts), clearing, pausing and
 * resuming them with the SLA, and when the process must next wake. The clocks live in the state, so
 * continue-as-new carries them over; the durable timer is the main loop's `condition` timeout.
 */
import { log } from '@temporalio/workflow';
import { isWorkingUnit, pauseClock, resumeClock, resumeClockInWorkingTime, startClock } from '../domain/deadlines';
import { DEADLINE_KINDS, SYSTEM_ACTOR, type DeadlineKind } from '../domain/model';
import { REVIEW_DURATIONS } from '../domain/major-review';
import type { Policy, PolicyDurations } from '../domain/policy';
import type { PolicyDuration } from '../domain/deadlines';
import { DEADLINE_RULES } from './deadline-rules';
import type { ClockControl } from './context';
import type { Recorder } from './recorder';
import type { ComplaintState, Deadline } from './types';

export class Clocks implements ClockControl {
  constructor(
    private readonly state: ComplaintState,
    private readonly policy: Policy,
    private readonly recorder: Recorder,
  ) {}

  /** Starts (or restarts) a clock; a clock started while the SLA is paused starts paused. */
  start(kind: DeadlineKind, from = Date.now()): void {
    const state = this.state;
    const rule = DEADLINE_RULES[kind];
    const duration = this.duration(rule.duration);
    // Working-time clocks remind at 75 % of their working time, so reminders arrive in working hours.
    const { clock, missingYears } = startClock(this.policy.calendar, from, duration, this.policy.reminderFraction, { workingTimeReminder: isWorkingUnit(duration.unit) });
    state.deadlines[kind] = { kind, ...clock, reminded: false, breachCount: state.deadlines[kind]?.breachCount ?? 0, breached: false };
    if (state.paused && rule.pausable) state.deadlines[kind] = { ...state.deadlines[kind]!, ...pauseClock(state.deadlines[kind]!, Date.now()) };
    if (missingYears.length > 0) {
      // Never silently assume a year: say so on the timeline, and the weekends-only fallback applies.
      log.warn('calendar data missing; weekends-only fallback', { complaint: state.number, kind, missingYears });
      this.recorder.emit('calendar_data_missing', SYSTEM_ACTOR, { internal: true, data: { deadline: kind, missingYears, calendar: this.policy.calendar.id } });
    }
  }

  /** A clock's duration; a policy from before 1.3 has no review durations, so theirs are the defaults. */
  private duration(key: keyof PolicyDurations): PolicyDuration {
    return this.policy.durations[key] ?? REVIEW_DURATIONS[key as keyof typeof REVIEW_DURATIONS];
  }

  clear(...kinds: DeadlineKind[]): void {
    for (const kind of kinds) delete this.state.deadlines[kind];
  }

  clearAll(): void {
    this.clear(...DEADLINE_KINDS);
  }

  get(kind: DeadlineKind): Deadline | undefined {
    return this.state.deadlines[kind];
  }

  /** Running clocks in table order (the order they are acted on when several are due at once). */
  open(): Deadline[] {
    return DEADLINE_KINDS.map((k) => this.state.deadlines[k]).filter((d): d is Deadline => d !== undefined);
  }

  /** The nearest due time someone must act by (plain timers excluded); shown to people and operators. */
  nextDueAt(): number | undefined {
    const dues = this.open()
      .filter((d) => d.pausedAt === undefined && !d.breached && DEADLINE_RULES[d.kind].remind !== 'none')
      .map((d) => d.dueAt);
    return dues.length > 0 ? Math.min(...dues) : undefined;
  }

  /** When the process must next wake: the nearest reminder or due time of a running clock. */
  nextWakeAt(): number | undefined {
    return this.nextWake()?.at;
  }

  /** The nearest reminder or due time of a running clock, and which clock it is (the first in table order on a tie). */
  nextWake(): { at: number; kind: DeadlineKind; reminder: boolean } | undefined {
    let next: { at: number; kind: DeadlineKind; reminder: boolean } | undefined;
    for (const d of this.open()) {
      if (d.pausedAt !== undefined || d.breached) continue;
      const remind = !d.reminded && DEADLINE_RULES[d.kind].remind !== 'none';
      if (remind && (next === undefined || d.remindAt < next.at)) next = { at: d.remindAt, kind: d.kind, reminder: true };
      if (next === undefined || d.dueAt < next.at) next = { at: d.dueAt, kind: d.kind, reminder: false };
    }
    return next;
  }

  /** Stops the pausable clocks while the complaint waits on the customer. */
  pause(): void {
    this.state.paused = true;
    for (const d of this.open()) {
      if (DEADLINE_RULES[d.kind].pausable) this.state.deadlines[d.kind] = { ...d, ...pauseClock(d, Date.now()) };
    }
  }

  /** Restarts paused clocks: working-time clocks move by the working time lost, calendar clocks by the wall-clock span. */
  resume(): void {
    this.state.paused = false;
    for (const d of this.open()) {
      if (d.pausedAt === undefined) continue;
      const duration = this.duration(DEADLINE_RULES[d.kind].duration);
      const clock = isWorkingUnit(duration.unit) ? resumeClockInWorkingTime(this.policy.calendar, d, Date.now()).clock : resumeClock(d, Date.now());
      const { pausedAt: _pausedAt, ...running } = { ...d, ...clock };
      this.state.deadlines[d.kind] = running;
    }
  }
}
