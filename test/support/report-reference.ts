/**
 * The report's figures computed a second way, straight from generated event lists in TypeScript —
 * no roll-up, no SQL — following docs/kpis.md word by word. The reference check compares these with
 * what `summaryReport` answers.
 */
import { productKeyOf } from '../../domain/intake';
import { STAGES, type Stage } from '../../domain/model';
import type { GenComplaint } from './report-histories';

const DAY = 86_400_000;
const AFTER_CLOSURE: Stage[] = ['closed', 'follow_up'];
const RESPONSES = ['note', 'progress_update_sent', 'resolved_on_spot', 'proposal_sent', 'closed'];

export interface RefQuery {
  from: number;
  to: number;
  utcOffsetMinutes: number;
  interval: 'day' | 'week' | 'month';
  category?: string;
  departmentId?: string;
  channel?: string;
  productKeys?: string[];
}

interface PerComplaint {
  c: GenComplaint;
  productKey: string | null;
  category: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  entered: Set<Stage>;
  breachedIn: Set<Stage>;
  /** Seconds per stage over ended visits (absent: no ended visit). */
  seconds: Map<Stage, number>;
  closedNow: boolean;
  everClosed: boolean;
  reopened: boolean;
  breached: boolean;
  handlingBreached: boolean;
  resolvedOnSpot: boolean;
  acknowledgedAt: number | null;
  firstResponseAt: number | null;
  satisfaction: number | null;
  escalations: number;
}

function analyse(c: GenComplaint): PerComplaint {
  const events = c.batches.flatMap((b) => b.events);
  // The stage visits: the complaint is in `stage` from `from` until the next visit starts.
  const visits: { stage: Stage; from: number }[] = [{ stage: 'received', from: c.receivedAt }];
  for (const b of c.batches) {
    for (const e of b.events) if (e.stage !== visits.at(-1)!.stage) visits.push({ stage: e.stage, from: e.at });
    const lastAt = b.events.at(-1)?.at;
    if (lastAt !== undefined && b.stageAfter !== visits.at(-1)!.stage) visits.push({ stage: b.stageAfter, from: lastAt });
  }
  const seconds = new Map<Stage, number>();
  for (let i = 0; i + 1 < visits.length; i++) seconds.set(visits[i].stage, (seconds.get(visits[i].stage) ?? 0) + (visits[i + 1].from - visits[i].from) / 1000);
  const ends = events.filter((e) => e.type === 'closed' || e.type === 'reopened');
  const lastDims = [...c.batches].reverse().find((b) => b.category !== undefined);
  const breaches = events.filter((e) => e.type === 'sla_breached');
  const scores = events.filter((e) => e.type === 'satisfaction_recorded');
  const response = events.find((e) => RESPONSES.includes(e.type) && !e.internal && e.actor.role !== 'customer' && e.actor.id !== 'system');
  return {
    c,
    productKey: productKeyOf({ productName: c.productName, sku: c.sku }) ?? null,
    category: lastDims?.category ?? null,
    departmentId: lastDims?.departmentId ?? null,
    assigneeId: lastDims?.assigneeId ?? null,
    entered: new Set(visits.map((v) => v.stage)),
    breachedIn: new Set(breaches.map((e) => e.stage)),
    seconds,
    closedNow: ends.at(-1)?.type === 'closed',
    everClosed: events.some((e) => e.type === 'closed'),
    reopened: events.some((e) => e.type === 'reopened'),
    breached: breaches.length > 0,
    handlingBreached: breaches.some((e) => !AFTER_CLOSURE.includes(e.stage)),
    resolvedOnSpot: events.some((e) => e.type === 'resolved_on_spot'),
    acknowledgedAt: events.find((e) => e.type === 'acknowledged')?.at ?? null,
    firstResponseAt: response?.at ?? null,
    satisfaction: (scores.at(-1)?.data.score as number | undefined) ?? null,
    escalations: events.filter((e) => e.type === 'escalated').length,
  };
}

const r4 = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const rate = (part: number, whole: number) => ({ value: r4(part, whole), part, whole });

/** Continuous percentile, as PostgreSQL's percentile_cont. */
export function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

function bucketOf(at: number, q: RefQuery): string {
  const local = new Date(at + q.utcOffsetMinutes * 60_000);
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  if (q.interval === 'month') day.setUTCDate(1);
  if (q.interval === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

function breakdown(rows: PerComplaint[]) {
  const rated = rows.filter((r) => r.satisfaction !== null);
  return {
    volume: rows.length,
    handlingRate: rate(rows.filter((r) => r.closedNow && !r.handlingBreached).length, rows.length),
    slaBreachRate: rate(rows.filter((r) => r.breached).length, rows.length),
    satisfiedRate: rate(rated.filter((r) => r.satisfaction! >= 4).length, rated.length),
    firstContactResolutionRate: rate(rows.filter((r) => r.resolvedOnSpot && !r.reopened).length, rows.length),
  };
}

function groupBy<K>(rows: PerComplaint[], key: (r: PerComplaint) => K): Map<K, PerComplaint[]> {
  const m = new Map<K, PerComplaint[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

export function referenceReport(all: GenComplaint[], q: RefQuery) {
  const rows = all
    .map(analyse)
    .filter((r) => r.c.receivedAt >= q.from && r.c.receivedAt < q.to)
    .filter((r) => !q.category || r.category === q.category)
    .filter((r) => !q.departmentId || r.departmentId === q.departmentId)
    .filter((r) => !q.channel || r.c.channel === q.channel)
    .filter((r) => !q.productKeys || (r.productKey !== null && q.productKeys.includes(r.productKey)));
  const n = rows.length;
  const rated = rows.filter((r) => r.satisfaction !== null);
  const everClosed = rows.filter((r) => r.everClosed);
  const stages = Object.fromEntries(
    STAGES.map((s) => {
      const entered = rows.filter((r) => r.entered.has(s));
      const timed = rows.filter((r) => r.seconds.has(s)).map((r) => r.seconds.get(s)!);
      return [
        s,
        {
          entered: entered.length,
          breachRate: rate(entered.filter((r) => r.breachedIn.has(s)).length, entered.length),
          timed: timed.length,
          meanSeconds: timed.length === 0 ? null : timed.reduce((a, b) => a + b, 0) / timed.length,
          p90Seconds: percentileCont(timed, 0.9),
        },
      ];
    }),
  );
  return {
    figures: {
      volume: n,
      handlingRate: rate(rows.filter((r) => r.closedNow && !r.handlingBreached).length, n),
      firstContactResolutionRate: rate(rows.filter((r) => r.resolvedOnSpot && !r.reopened).length, n),
      acknowledgedWithin24hRate: rate(rows.filter((r) => r.acknowledgedAt !== null && r.acknowledgedAt - r.c.receivedAt <= DAY).length, n),
      firstResponseWithin24hRate: rate(rows.filter((r) => r.firstResponseAt !== null && r.firstResponseAt - r.c.receivedAt <= DAY).length, n),
      slaBreachRate: rate(rows.filter((r) => r.breached).length, n),
      satisfiedRate: rate(rated.filter((r) => r.satisfaction! >= 4).length, rated.length),
      meanSatisfaction: rated.length === 0 ? null : Math.round((rated.reduce((a, r) => a + r.satisfaction!, 0) / rated.length) * 100) / 100,
      escalations: rows.reduce((a, r) => a + r.escalations, 0),
      escalationRate: rate(rows.filter((r) => r.escalations > 0).length, n),
      reopenRate: rate(everClosed.filter((r) => r.reopened).length, everClosed.length),
    },
    closed: rows.filter((r) => r.closedNow).length,
    stages,
    trend: [...groupBy(rows, (r) => bucketOf(r.c.receivedAt, q)).entries()].map(([bucket, rs]) => ({ bucket, ...breakdown(rs) })).sort((a, b) => a.bucket.localeCompare(b.bucket)),
    byDepartment: new Map([...groupBy(rows, (r) => r.departmentId).entries()].map(([k, rs]) => [k, breakdown(rs)])),
    byStaff: new Map([...groupBy(rows, (r) => r.assigneeId).entries()].map(([k, rs]) => [k, breakdown(rs)])),
    hotSpots: new Map([...groupBy(rows, (r) => `${r.category}|${r.productKey}`).entries()].map(([k, rs]) => [k, rs.length])),
    repeatProducts: new Map([...groupBy(rows.filter((r) => r.productKey !== null), (r) => r.productKey!).entries()].filter(([, rs]) => rs.length > 1).map(([k, rs]) => [k, rs.length])),
    /** Per person with more than one complaint: the count and the ten most recent numbers. */
    repeatPeople: [...groupBy(rows.filter((r) => r.c.customerId || r.c.phone || r.c.email), (r) => r.c.person).values()]
      .filter((rs) => rs.length > 1)
      .map((rs) => ({ complaints: rs.length, numbers: [...rs].sort((a, b) => b.c.receivedAt - a.c.receivedAt).slice(0, 10).map((r) => r.c.number) })),
  };
}
