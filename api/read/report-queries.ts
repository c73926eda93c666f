/**
 * The summary report (SPEC §7) as the figures of `domain/kpis.ts` define them, computed from the
 * per-complaint roll-up `complaint_facts` (never the timeline): one scan for the totals and the
 * per-stage figures, one grouping-sets scan for the trend, departments, staff and products, and an
 * index look-up for repeat complainants. Every rate's numerator filters the rows of its denominator,
 * so no rate can exceed 1.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { calendarHeader, DEFAULT_CALENDAR_ID } from '../../db/calendars';
import { productKeyOf } from '../../domain/intake';
import { kpiTargets, ratio, RESPONSE_WINDOW_SECONDS, SATISFIED_FROM_SCORE, TREND_INTERVALS, type TrendInterval } from '../../domain/kpis';
import { CATEGORIES, CHANNELS, STAGES, type Category, type Stage } from '../../domain/model';
import { isoDate, isoInstant, singleLine } from '../../domain/text';
import { HttpError } from '../http/errors';
import type { SummaryReport } from '../schemas/responses';

const DAY_MS = 86_400_000;
export const DEFAULT_PERIOD_DAYS = 30;
/** Longer periods are refused: a report over more than this is a data export, not a report. */
export const MAX_PERIOD_DAYS = 3 * 366;
export { TREND_INTERVALS, type TrendInterval };

/** A period bound: a local date of the organisation (YYYY-MM-DD) or a full timestamp with offset. */
const periodBound = () => z.union([isoDate(), isoInstant()]);

export const reportQuerySchema = z.strictObject({
  from: periodBound().optional().describe('First day (YYYY-MM-DD, local) or instant; default: 30 days before `to`.'),
  to: periodBound().optional().describe('Last day, inclusive (YYYY-MM-DD, local), or an exclusive instant; default: now.'),
  category: z.enum(CATEGORIES).optional(),
  departmentId: singleLine(64).optional(),
  channel: z.enum(CHANNELS).optional(),
  product: singleLine(200).optional().describe('Product name or SKU, case-insensitive (matched by the product key).'),
  productName: singleLine(200).optional().describe('Former name of `product`, still accepted.'),
  interval: z.enum(TREND_INTERVALS).default('day').describe('Buckets of the trend.'),
  top: z.coerce.number().int().min(1).max(50).default(10),
});
export type ReportQuery = z.output<typeof reportQuerySchema>;

export interface ReportPeriod {
  from: Date;
  to: Date;
  /** The organisation's UTC offset the dates and buckets are in, e.g. +480. */
  utcOffsetMinutes: number;
}

/** Resolves the period: local dates of the organisation's calendar, `to` inclusive; default the last 30 days. */
export function resolvePeriod(q: Pick<ReportQuery, 'from' | 'to'>, now = new Date(), utcOffsetMinutes = calendarHeader(DEFAULT_CALENDAR_ID).utcOffsetMinutes): ReportPeriod {
  const offsetMs = utcOffsetMinutes * 60_000;
  const startOfLocalDay = (date: string) => Date.parse(`${date}T00:00:00Z`) - offsetMs;
  const to = q.to === undefined ? now.getTime() : q.to.length === 10 ? startOfLocalDay(q.to) + DAY_MS : Date.parse(q.to);
  const from = q.from === undefined ? to - DEFAULT_PERIOD_DAYS * DAY_MS : q.from.length === 10 ? startOfLocalDay(q.from) : Date.parse(q.from);
  if (from >= to) throw new HttpError(400, 'validation_failed', 'the period is empty', { fields: [{ path: 'query.to', message: 'must be after `from`' }] });
  if (to - from > MAX_PERIOD_DAYS * DAY_MS) throw new HttpError(400, 'validation_failed', 'the period is too long', { fields: [{ path: 'query.from', message: `the period may span at most ${MAX_PERIOD_DAYS} days` }] });
  return { from: new Date(from), to: new Date(to), utcOffsetMinutes };
}

/** The product keys a `product` filter matches: the name or the SKU, case-insensitively. */
export function productKeysFor(product: string): string[] {
  return [productKeyOf({ productName: product }), productKeyOf({ sku: product })].filter((k): k is string => k !== undefined);
}

const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

/** A rate with its parts, so a reader can check it. */
export interface Rate {
  value: number | null;
  part: number;
  whole: number;
}
const rate = (part: number, whole: number): Rate => ({ value: ratio(part, whole), part, whole });

interface Breakdown {
  volume: number;
  handlingRate: Rate;
  slaBreachRate: Rate;
  satisfiedRate: Rate;
  firstContactResolutionRate: Rate;
}

export interface StageFigures {
  entered: number;
  breachRate: Rate;
  /** Complaints with at least one ended visit, and their time there. */
  timed: number;
  meanSeconds: number | null;
  p90Seconds: number | null;
}

/** The summary as the document declares it (`ReportSummarySchema`). */
export type { SummaryReport };

/** The conditions of a report's rows, on `complaint_facts` as `f`. */
function whereOf(q: ReportQuery, period: ReportPeriod, scope?: SQL): SQL {
  const filters: SQL[] = [sql`f.received_at >= ${period.from}`, sql`f.received_at < ${period.to}`];
  if (scope) filters.push(scope);
  if (q.category) filters.push(sql`f.category = ${q.category}`);
  if (q.departmentId) filters.push(sql`f.department_id = ${q.departmentId}`);
  if (q.channel) filters.push(sql`f.channel = ${q.channel}`);
  const product = q.product ?? q.productName;
  if (product) {
    const keys = productKeysFor(product);
    filters.push(keys.length > 0 ? sql`f.product_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})` : sql`false`);
  }
  return sql.join(filters, sql` and `);
}

// The counted conditions, once: each rate below is `filter (where <part>)` over the rows it divides by.
const CLOSED = sql`f.closed_at is not null`;
const CLOSED_WITHIN_DEADLINE = sql`f.closed_at is not null and f.handling_breaches = 0`;
const FIRST_CONTACT_RESOLVED = sql`f.resolved_on_spot and f.reopens = 0`;
const BREACHED = sql`f.breaches > 0`;
const RATED = sql`f.satisfaction is not null`;
const SATISFIED = sql`f.satisfaction >= ${sql.raw(String(SATISFIED_FROM_SCORE))}`;
const WITHIN = (column: string) => sql`f.${sql.raw(column)} <= f.received_at + interval '${sql.raw(String(RESPONSE_WINDOW_SECONDS))} seconds'`;

const breakdownColumns = sql`
  count(*)::int as volume,
  count(*) filter (where ${CLOSED_WITHIN_DEADLINE})::int as closed_within_deadline,
  count(*) filter (where ${BREACHED})::int as breached,
  count(*) filter (where ${RATED})::int as rated,
  count(*) filter (where ${SATISFIED})::int as satisfied,
  count(*) filter (where ${FIRST_CONTACT_RESOLVED})::int as first_contact_resolved`;

interface BreakdownRow {
  volume: number;
  closed_within_deadline: number;
  breached: number;
  rated: number;
  satisfied: number;
  first_contact_resolved: number;
}

const breakdownOf = (r: BreakdownRow): Breakdown => ({
  volume: r.volume,
  handlingRate: rate(r.closed_within_deadline, r.volume),
  slaBreachRate: rate(r.breached, r.volume),
  satisfiedRate: rate(r.satisfied, r.rated),
  firstContactResolutionRate: rate(r.first_contact_resolved, r.volume),
});

/** The statements of a summary (also what `npm run bench:reports` explains). */
/** The report's statements; `scope` limits the rows to what the reader may count (`reachedFacts`). */
export function summaryStatements(q: ReportQuery, period: ReportPeriod, scope?: SQL) {
  const where = whereOf(q, period, scope);
  const local = sql`(f.received_at at time zone 'UTC' + interval '${sql.raw(String(period.utcOffsetMinutes))} minutes')`;
  const bucket = sql`to_char(date_trunc(${q.interval}, ${local}), 'YYYY-MM-DD')`;

  const stageColumns = STAGES.map((stage, i) => {
    const bit = sql.raw(String(1 << i));
    const n = sql.raw(String(i + 1));
    return sql`, count(*) filter (where f.stages_entered & ${bit} <> 0)::int as entered_${sql.raw(String(i))}
      , count(*) filter (where f.stages_entered & f.stages_breached & ${bit} <> 0)::int as breached_${sql.raw(String(i))}
      , count(f.stage_seconds[${n}])::int as timed_${sql.raw(String(i))}
      , avg(f.stage_seconds[${n}])::float as mean_${sql.raw(String(i))}
      , percentile_cont(0.9) within group (order by f.stage_seconds[${n}])::float as p90_${sql.raw(String(i))}`;
  });

  const totals = sql`
    select ${breakdownColumns},
      count(*) filter (where ${CLOSED})::int as closed,
      count(*) filter (where ${WITHIN('acknowledged_at')})::int as acknowledged_24h,
      count(*) filter (where ${WITHIN('first_staff_response_at')})::int as responded_24h,
      avg(f.satisfaction)::float as mean_satisfaction,
      coalesce(sum(f.escalations), 0)::int as escalations,
      count(*) filter (where f.escalations > 0)::int as escalated,
      count(*) filter (where f.closures > 0)::int as ever_closed,
      count(*) filter (where f.closures > 0 and f.reopens > 0)::int as reopened
      ${sql.join(stageColumns, sql``)}
    from complaint_facts f where ${where}`;

  // One scan for the trend, the departments, the staff and the products.
  const groups = sql`
    select grouping(f.bucket)::int as g_bucket, grouping(f.department_id)::int as g_department, grouping(f.assignee_id)::int as g_staff,
           grouping(f.category, f.product_key)::int as g_hot_spot,
           f.bucket, f.department_id, f.assignee_id, f.category, f.product_key,
           ${breakdownColumns}
    from (select f.*, ${bucket} as bucket from complaint_facts f where ${where}) f
    group by grouping sets ((f.bucket), (f.department_id), (f.assignee_id), (f.category, f.product_key))`;

  const repeats = sql`
    select f.complainant_key, count(*)::int as complaints,
           (array_agg(f.complaint_number order by f.received_at desc))[1:10] as numbers
    from complaint_facts f where ${where} and f.complainant_key is not null
    group by f.complainant_key having count(*) > 1
    order by complaints desc, f.complainant_key limit ${q.top}`;

  const openProblems = sql`
    select p.id, p.title, p.status, p.owner_id, p.due_date::text as due_date, p.opened_at,
           (select count(*)::int from problem_complaints pc where pc.problem_id = p.id) as complaints
    from problems p where p.status <> 'resolved' order by p.opened_at limit 200`;
  // Legal clocks per regime (issue "clocks the law sets"): each binding clock counted once, on time
  // when it ended before its due time, late when it was missed (recorded at its due time) or ended after it.
  const clockKey = sql`e.complaint_number || ':' || (e.data->>'clockId')`;
  const legal = sql`
    select e.data->>'regime' as regime, count(distinct e.complaint_number)::int as complaints,
           count(distinct ${clockKey}) filter (where e.type = 'legal_clock_ended' and (e.data->>'onTime')::boolean)::int as on_time,
           count(distinct ${clockKey}) filter (where e.type = 'legal_deadline_missed' or (e.type = 'legal_clock_ended' and not (e.data->>'onTime')::boolean))::int as late
    from timeline_events e join complaint_facts f on f.complaint_number = e.complaint_number
    where e.type in ('legal_clock_ended', 'legal_deadline_missed') and ${where}
    group by 1 order by 1`;
  return { totals, groups, repeats, openProblems, legal };
}

/** The report's figures for a period and filters. */
export async function summaryReport(db: Database, q: ReportQuery, now = new Date(), scope?: SQL): Promise<SummaryReport> {
  const period = resolvePeriod(q, now);
  const statements = summaryStatements(q, period, scope);
  const [totalsResult, groupsResult, repeatsResult, problemsResult, legalResult] = await Promise.all(
    [statements.totals, statements.groups, statements.repeats, statements.openProblems, statements.legal].map((statement) => db.execute(statement)),
  );
  const t = totalsResult.rows[0] as unknown as BreakdownRow & Record<string, number | null>;
  const num = (key: string) => Number(t[key] ?? 0);

  const stages = Object.fromEntries(
    STAGES.map((stage, i) => [
      stage,
      {
        entered: num(`entered_${i}`),
        breachRate: rate(num(`breached_${i}`), num(`entered_${i}`)),
        timed: num(`timed_${i}`),
        meanSeconds: round1(t[`mean_${i}`] as number | null),
        p90Seconds: round1(t[`p90_${i}`] as number | null),
      },
    ]),
  ) as Record<Stage, StageFigures>;

  type GroupRow = BreakdownRow & { g_bucket: number; g_department: number; g_staff: number; g_hot_spot: number; bucket: string | null; department_id: string | null; assignee_id: string | null; category: Category | null; product_key: string | null };
  const groups = groupsResult.rows as unknown as GroupRow[];
  const trend = groups.filter((g) => g.g_bucket === 0).map((g) => ({ bucket: g.bucket!, ...breakdownOf(g) })).sort((a, b) => a.bucket.localeCompare(b.bucket));
  const byDepartment = groups
    .filter((g) => g.g_department === 0)
    .map((g) => ({ departmentId: g.department_id, ...breakdownOf(g) }))
    .sort((a, b) => b.volume - a.volume || String(a.departmentId).localeCompare(String(b.departmentId)));
  const staffRows = groups.filter((g) => g.g_staff === 0);
  const staffIds = staffRows.map((g) => g.assignee_id).filter((id): id is string => id !== null);
  const names = new Map<string, string>();
  if (staffIds.length > 0) {
    const found = await db.execute(sql`select id, name from staff where id in (${sql.join(staffIds.map((id) => sql`${id}`), sql`, `)})`);
    for (const r of found.rows as { id: string; name: string }[]) names.set(r.id, r.name);
  }
  const byStaff = staffRows
    .map((g) => ({ staffId: g.assignee_id, name: g.assignee_id ? (names.get(g.assignee_id) ?? null) : null, ...breakdownOf(g) }))
    .sort((a, b) => b.volume - a.volume || String(a.staffId).localeCompare(String(b.staffId)));

  const hotSpotRows = groups
    .filter((g) => g.g_hot_spot === 0)
    .sort((a, b) => b.volume - a.volume || String(a.category).localeCompare(String(b.category)) || String(a.product_key).localeCompare(String(b.product_key)))
    .slice(0, q.top);
  const productTotals = new Map<string, number>();
  for (const g of groups.filter((r) => r.g_hot_spot === 0 && r.product_key !== null)) productTotals.set(g.product_key!, (productTotals.get(g.product_key!) ?? 0) + g.volume);
  const repeatProductKeys = [...productTotals.entries()]
    .filter(([, n]) => n > 1)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, q.top);
  const productNames = await namesOfProducts(db, [...new Set([...hotSpotRows.map((r) => r.product_key), ...repeatProductKeys.map(([k]) => k)].filter((k): k is string => k !== null))]);

  const volume = t.volume;
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString(), utcOffsetMinutes: period.utcOffsetMinutes, interval: q.interval },
    filters: { category: q.category ?? null, departmentId: q.departmentId ?? null, channel: q.channel ?? null, product: q.product ?? q.productName ?? null },
    figures: {
      volume,
      handlingRate: rate(t.closed_within_deadline, volume),
      firstContactResolutionRate: rate(t.first_contact_resolved, volume),
      acknowledgedWithin24hRate: rate(num('acknowledged_24h'), volume),
      firstResponseWithin24hRate: rate(num('responded_24h'), volume),
      slaBreachRate: rate(t.breached, volume),
      satisfiedRate: rate(t.satisfied, t.rated),
      meanSatisfaction: t.mean_satisfaction === null ? null : Math.round(Number(t.mean_satisfaction) * 100) / 100,
      escalations: num('escalations'),
      escalationRate: rate(num('escalated'), volume),
      reopenRate: rate(num('reopened'), num('ever_closed')),
    },
    targets: kpiTargets(),
    closed: num('closed'),
    stages,
    trend,
    byDepartment,
    byStaff,
    hotSpots: hotSpotRows.map((r) => ({ category: r.category, productKey: r.product_key, productName: r.product_key ? (productNames.get(r.product_key) ?? null) : null, complaints: r.volume, share: ratio(r.volume, volume) })),
    repeatComplainants: (repeatsResult.rows as { complainant_key: string; complaints: number; numbers: string[] }[]).map((r) => ({
      complainant: publicComplainantRef(r.complainant_key),
      customerId: r.complainant_key.startsWith('customer:') ? r.complainant_key.slice('customer:'.length) : null,
      complaints: r.complaints,
      numbers: r.numbers,
    })),
    legal: (legalResult.rows as { regime: string; complaints: number; on_time: number; late: number }[]).map((r) => ({
      regime: r.regime,
      complaints: r.complaints,
      onTime: r.on_time,
      late: r.late,
      onTimeRate: rate(r.on_time, r.on_time + r.late),
    })),
    repeatProducts: repeatProductKeys.map(([productKey, complaints]) => ({ productKey, productName: productNames.get(productKey) ?? null, complaints })),
    openProblems: (problemsResult.rows as { id: number; title: string; status: string; owner_id: string | null; due_date: string | null; opened_at: Date | string; complaints: number }[]).map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      ownerId: p.owner_id,
      dueDate: p.due_date,
      overdue: p.due_date !== null && Date.parse(`${p.due_date}T00:00:00Z`) - period.utcOffsetMinutes * 60_000 + DAY_MS <= now.getTime(),
      ageDays: Math.floor((now.getTime() - new Date(p.opened_at).getTime()) / DAY_MS),
      complaints: p.complaints,
    })),
  };
}

/**
 * How a report names a repeat complainant: the customer id when there is one, else a short opaque
 * reference derived from the keyed hash (the same person gets the same reference in every report).
 */
export function publicComplainantRef(key: string): string {
  if (key.startsWith('customer:')) return key;
  return `${key.split(':')[0]}#${key.split(':')[1]?.slice(0, 10) ?? ''}`;
}

async function namesOfProducts(db: Database, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const found = await db.execute(sql`
    select distinct on (product_key) product_key, subject->>'productName' as name
    from complaints where product_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) and subject->>'productName' is not null
    order by product_key, received_at desc`);
  return new Map((found.rows as { product_key: string; name: string }[]).map((r) => [r.product_key, r.name]));
}
