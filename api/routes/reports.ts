import { Router } from 'express';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { CATEGORIES, CHANNELS } from '../../domain/model';
import { isoInstant, singleLine } from '../../domain/text';
import { requireAction } from '../auth';
import { parseOrThrow } from './complaints';

export const reportQuerySchema = z.strictObject({
  from: isoInstant(),
  to: isoInstant(),
  category: z.enum(CATEGORIES).optional(),
  departmentId: singleLine(64).optional(),
  channel: z.enum(CHANNELS).optional(),
  productName: singleLine(200).optional(),
  top: z.coerce.number().int().min(1).max(50).default(10),
});
export type ReportQuery = z.output<typeof reportQuerySchema>;

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * SPEC §7 for one period: volume, handling rate, first-contact resolution, first response within
 * 24 h, SLA breaches and time per stage, satisfaction, escalations, reopen rate, hot spots and
 * repeats. Computed from the projection and the timeline the activities keep; no contact data out.
 */
export async function summaryReport(db: Database, q: ReportQuery) {
  const filters: SQL[] = [sql`c.received_at >= ${new Date(q.from)}`, sql`c.received_at < ${new Date(q.to)}`];
  if (q.category) filters.push(sql`c.category = ${q.category}`);
  if (q.departmentId) filters.push(sql`c.department_id = ${q.departmentId}`);
  if (q.channel) filters.push(sql`c.channel = ${q.channel}`);
  if (q.productName) filters.push(sql`c.subject->>'productName' = ${q.productName}`);
  const where = sql.join(filters, sql` and `);
  const scope = sql`select * from complaints c where ${where}`;

  const [totals] = (
    await db.execute(sql`
      with s as (${scope})
      select
        count(*)::int as received,
        count(*) filter (where stage = 'closed')::int as closed,
        count(*) filter (where stage = 'closed' and not sla_breached)::int as closed_within_deadline,
        count(*) filter (where first_response_at is not null and first_response_at - received_at <= interval '24 hours')::int as first_response_24h,
        count(*) filter (where sla_breached)::int as breached,
        count(*) filter (where satisfaction is not null)::int as rated,
        count(*) filter (where satisfaction >= 4)::int as satisfied,
        avg(satisfaction)::float as mean_satisfaction,
        count(*) filter (where reopen_count > 0)::int as reopened,
        count(*) filter (where possibly_systemic)::int as possibly_systemic,
        (select count(*)::int from timeline_events e join s on s.number = e.complaint_number where e.type = 'resolved_on_spot') as first_contact_resolved,
        (select count(*)::int from timeline_events e join s on s.number = e.complaint_number where e.type = 'escalated') as escalations
      from s`)
  ).rows as Record<string, number>[];

  // Time in each stage: from the first event of a run of that stage to the next event of another stage.
  const stageTimes = (
    await db.execute(sql`
      with s as (${scope}),
      e as (
        select e.complaint_number, e.stage, e.occurred_at,
               lag(e.stage) over (partition by e.complaint_number order by e.seq) as prev_stage
        from timeline_events e join s on s.number = e.complaint_number),
      starts as (
        select complaint_number, stage, occurred_at,
               lead(occurred_at) over (partition by complaint_number order by occurred_at) as left_at
        from e where prev_stage is distinct from stage)
      select stage,
             count(*)::int as entries,
             avg(extract(epoch from left_at - occurred_at))::float as mean_seconds,
             percentile_cont(0.9) within group (order by extract(epoch from left_at - occurred_at))::float as p90_seconds
      from starts where left_at is not null group by stage order by stage`)
  ).rows as { stage: string; entries: number; mean_seconds: number; p90_seconds: number }[];

  const breachesByStage = (
    await db.execute(sql`
      with s as (${scope})
      select e.stage, count(distinct e.complaint_number)::int as complaints
      from timeline_events e join s on s.number = e.complaint_number where e.type = 'sla_breached' group by e.stage`)
  ).rows as { stage: string; complaints: number }[];

  const hotSpots = (
    await db.execute(sql`
      with s as (${scope})
      select coalesce(category, 'untriaged') as category, coalesce(subject->>'productName', '') as product, count(*)::int as complaints
      from s group by 1, 2 order by complaints desc, category limit ${q.top}`)
  ).rows;

  // Repeat complainants are named by customer id only; without one they are counted, not shown.
  const repeatComplainants = (
    await db.execute(sql`
      with s as (${scope})
      select customer_id as "customerId", count(*)::int as complaints
      from s where customer_id is not null group by customer_id having count(*) > 1 order by complaints desc limit ${q.top}`)
  ).rows;

  const repeatProducts = (
    await db.execute(sql`
      with s as (${scope})
      select product_key as "productKey", min(subject->>'productName') as "productName", count(*)::int as complaints
      from s where product_key is not null group by product_key having count(*) > 1 order by complaints desc limit ${q.top}`)
  ).rows;

  const received = totals.received;
  const entriesByStage = new Map(stageTimes.map((r) => [r.stage, r.entries]));
  return {
    period: { from: q.from, to: q.to },
    filters: { category: q.category ?? null, departmentId: q.departmentId ?? null, channel: q.channel ?? null, productName: q.productName ?? null },
    volume: received,
    closed: totals.closed,
    handlingRate: ratio(totals.closed_within_deadline, received),
    handlingRateTarget: 0.9,
    firstContactResolutionRate: ratio(totals.first_contact_resolved, received),
    firstResponseWithin24hRate: ratio(totals.first_response_24h, received),
    slaBreachRate: ratio(totals.breached, received),
    slaBreachRateByStage: Object.fromEntries(breachesByStage.map((r) => [r.stage, ratio(r.complaints, entriesByStage.get(r.stage) ?? r.complaints)])),
    timePerStage: Object.fromEntries(stageTimes.map((r) => [r.stage, { entries: r.entries, meanSeconds: Math.round(r.mean_seconds), p90Seconds: Math.round(r.p90_seconds) }])),
    satisfaction: { rated: totals.rated, satisfiedRate: ratio(totals.satisfied, totals.rated), mean: totals.mean_satisfaction === null ? null : Math.round(totals.mean_satisfaction * 100) / 100, target: 0.8 },
    escalations: totals.escalations,
    reopenRate: ratio(totals.reopened, totals.closed),
    possiblySystemic: totals.possibly_systemic,
    hotSpots,
    repeatComplainants,
    repeatProducts,
  };
}

export function reportsRouter(db: Database): Router {
  const router = Router();
  router.get('/reports/summary', requireAction('reports'), async (req, res) => {
    res.json(await summaryReport(db, parseOrThrow(reportQuerySchema, req.query, 'query')));
  });
  return router;
}
