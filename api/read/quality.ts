/**
 * Quality reviews as people see them (domain/quality-review.ts): the quality team and managers see
 * every review of the people they reach, a supervisor those of the people below them, a handler or
 * agent their own — scores and coaching note included — and the reports over them.
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaintFacts, qualityReviews, type QualityReviewRow } from '../../db/schema';
import type { QualityReviewStatus } from '../../domain/quality-review';
import { notFound } from '../http/errors';
import { reachedFacts, type Viewer } from './scopes';

/** The reviews a viewer reads: all (quality), their people's (leads: themselves and everyone below), their own. */
export function reviewsVisibleTo(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'quality') return undefined;
  if (viewer.role === 'supervisor' || viewer.role === 'manager') return inArray(qualityReviews.handlerId, [...viewer.people]);
  return eq(qualityReviews.handlerId, viewer.id);
}

export function reviewOut(r: QualityReviewRow) {
  return {
    ...r,
    scoredAt: r.scoredAt?.toISOString() ?? null,
    respondedAt: r.respondedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listReviews(db: Database, viewer: Viewer, query: { status?: QualityReviewStatus; handlerId?: string; period?: string; limit: number }) {
  const rows = await db
    .select()
    .from(qualityReviews)
    .where(
      and(
        reviewsVisibleTo(viewer),
        query.status ? eq(qualityReviews.status, query.status) : undefined,
        query.handlerId ? eq(qualityReviews.handlerId, query.handlerId) : undefined,
        query.period ? eq(qualityReviews.period, query.period) : undefined,
      ),
    )
    // What needs someone first: queued and disputed, then the rest, newest first.
    .orderBy(sql`case ${qualityReviews.status} when 'disputed' then 0 when 'queued' then 1 when 'scored' then 2 else 3 end`, desc(qualityReviews.createdAt))
    .limit(query.limit);
  return { items: rows.map(reviewOut) };
}

export async function reviewInScope(db: Database, viewer: Viewer, id: number): Promise<QualityReviewRow> {
  const [row] = await db.select().from(qualityReviews).where(and(eq(qualityReviews.id, id), reviewsVisibleTo(viewer)));
  if (!row) throw notFound('quality review');
  return row;
}

/** Scores per handler and department, and how often reviews find the same fault (scored reviews the viewer reads). */
export async function qualityReport(db: Database, viewer: Viewer, period?: string) {
  const scope = and(reviewsVisibleTo(viewer), sql`${qualityReviews.status} <> 'queued'`, period ? eq(qualityReviews.period, period) : undefined);
  const [byHandler, byDepartment, faults] = await Promise.all([
    db.execute<{ handler_id: string; department_id: string | null; reviews: number; average: number | null; disputes: number; revised: number }>(sql`
      select handler_id, max(department_id) as department_id, count(*)::int as reviews, round(avg(total)::numeric, 1)::float8 as average,
        count(*) filter (where status in ('disputed', 'decided'))::int as disputes, count(*) filter (where decision = 'revised')::int as revised
      from ${qualityReviews} where ${scope} group by handler_id order by average asc nulls last, handler_id`),
    db.execute<{ department_id: string | null; reviews: number; average: number | null }>(sql`
      select department_id, count(*)::int as reviews, round(avg(total)::numeric, 1)::float8 as average
      from ${qualityReviews} where ${scope} group by department_id order by department_id nulls last`),
    db.execute<{ criterion: string; reviews: number; total: number; repeats: number }>(sql`
      with scored as (select * from ${qualityReviews} where ${scope}),
      found as (select handler_id, unnest(faults) as criterion from scored)
      select criterion, count(*)::int as reviews, (select count(*)::int from scored) as total,
        (select count(*)::int from (select handler_id from found f2 where f2.criterion = found.criterion group by handler_id having count(*) >= 2) r) as repeats
      from found group by criterion order by reviews desc, criterion`),
  ]);
  return {
    ...(period ? { period } : {}),
    byHandler: byHandler.rows.map((r) => ({ handlerId: r.handler_id, departmentId: r.department_id, reviews: r.reviews, averageTotal: r.average, disputes: r.disputes, revised: r.revised })),
    byDepartment: byDepartment.rows.map((r) => ({ departmentId: r.department_id, reviews: r.reviews, averageTotal: r.average })),
    faults: faults.rows.map((r) => ({ criterion: r.criterion, reviews: r.reviews, share: r.total > 0 ? Math.round((r.reviews / r.total) * 1000) / 1000 : 0, handlersWithRepeats: r.repeats })),
  };
}

/**
 * Service recovery (000 §三): of the customers left dissatisfied (a satisfaction at or below the
 * policy's follow-up threshold), how many the follow-up visit found still customers.
 */
export async function recoveryReport(db: Database, viewer: Viewer, dissatisfiedAtOrBelow: number) {
  const scope = reachedFacts(viewer);
  const { rows } = await db.execute<{ dissatisfied: number; visited: number; retained: number }>(sql`
    select count(*)::int as dissatisfied,
      count(*) filter (where f.retained is not null)::int as visited,
      count(*) filter (where f.retained)::int as retained
    from ${complaintFacts} f
    where f.satisfaction is not null and f.satisfaction <= ${dissatisfiedAtOrBelow} and ${scope ?? sql`true`}`);
  const [r] = rows;
  return { ...r, recoveryRate: r.visited > 0 ? Math.round((r.retained / r.visited) * 1000) / 1000 : null };
}
