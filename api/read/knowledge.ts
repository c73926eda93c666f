/**
 * The knowledge base's read side: the list and its search (trigram index over two-character terms,
 * domain/knowledge.ts), one article, the suggestions for a complaint, and which articles resolve cases.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints, knowledgeArticleUses, knowledgeArticles, type ComplaintRow, type KnowledgeArticleRow } from '../../db/schema';
import { MIN_WORD_SIMILARITY, searchTerms, SUGGESTION_LIMIT, type ArticleStatus, type ArticleUseStage } from '../../domain/knowledge';
import type { Category } from '../../domain/model';
import { notFound } from '../http/errors';
import { reachedComplaints, type Viewer } from './scopes';

const usesOf = sql<number>`(select count(distinct u.complaint_number)::int from ${knowledgeArticleUses} u where u.article_id = ${knowledgeArticles.id})`;

export function articleOut(row: KnowledgeArticleRow, uses: number) {
  const { searchText: _s, keyText: _k, ...fields } = row;
  return { ...fields, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), publishedAt: row.publishedAt?.toISOString() ?? null, uses };
}

/**
 * Drafts are seen by their owner and by the people who publish (leads); everyone else reads the
 * published and retired ones.
 */
function visibleTo(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'supervisor' || viewer.role === 'manager' || viewer.role === 'quality') return undefined;
  return sql`(${knowledgeArticles.status} <> 'draft' or ${knowledgeArticles.ownerId} = ${viewer.id})`;
}

export async function listArticles(db: Database, viewer: Viewer, query: { q?: string; status?: ArticleStatus; category?: Category; limit: number }) {
  const filters = and(
    visibleTo(viewer),
    query.status ? eq(knowledgeArticles.status, query.status) : undefined,
    query.category ? sql`${query.category}::complaint_category = any(${knowledgeArticles.categories})` : undefined,
  );
  const terms = query.q ? searchTerms(query.q) : '';
  if (!terms) {
    const rows = await db.select({ row: knowledgeArticles, uses: usesOf }).from(knowledgeArticles).where(filters).orderBy(desc(knowledgeArticles.updatedAt)).limit(query.limit);
    return { items: rows.map((r) => articleOut(r.row, r.uses)) };
  }
  // `<%` is answered from the trigram index; its threshold is set for this transaction only.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(MIN_WORD_SIMILARITY)}, true)`);
    const rows = await tx
      .select({ row: knowledgeArticles, uses: usesOf })
      .from(knowledgeArticles)
      .where(and(filters, sql`${terms} <% ${knowledgeArticles.searchText}`))
      .orderBy(sql`word_similarity(${terms}, ${knowledgeArticles.searchText}) desc`, desc(knowledgeArticles.updatedAt))
      .limit(query.limit);
    return { items: rows.map((r) => articleOut(r.row, r.uses)) };
  });
}

export async function articleById(db: Database, viewer: Viewer, id: number) {
  const [found] = await db.select({ row: knowledgeArticles, uses: usesOf }).from(knowledgeArticles).where(and(eq(knowledgeArticles.id, id), visibleTo(viewer)));
  if (!found) throw notFound('article');
  return articleOut(found.row, found.uses);
}

/**
 * Published articles for a complaint, best first: the description against each article's key text
 * (title, keywords, products) by trigram word similarity, plus its category and its product. An
 * article that matches on nothing is not suggested.
 */
export async function suggestionsFor(db: Database, row: ComplaintRow) {
  const description = searchTerms(`${row.description} ${row.subject.productName ?? ''}`);
  const product = (row.subject.productName ?? '').trim().toLowerCase();
  const textScore = sql<number>`word_similarity(${knowledgeArticles.keyText}, ${description})`;
  const categoryHit = row.category ? sql<boolean>`${row.category}::complaint_category = any(${knowledgeArticles.categories})` : sql<boolean>`false`;
  const productHit = product ? sql<boolean>`exists (select 1 from unnest(${knowledgeArticles.products}) p where strpos(${product}, lower(p)) > 0)` : sql<boolean>`false`;
  const rows = await db
    .select({ row: knowledgeArticles, uses: usesOf, text: textScore, category: categoryHit, product: productHit })
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.status, 'published'), sql`(${textScore} >= ${MIN_WORD_SIMILARITY} or ${productHit})`))
    .orderBy(sql`${textScore} + case when ${categoryHit} then 0.2 else 0 end + case when ${productHit} then 0.3 else 0 end desc`, desc(knowledgeArticles.publishedAt))
    .limit(SUGGESTION_LIMIT);
  return {
    items: rows.map((r) => ({
      ...articleOut(r.row, r.uses),
      score: Math.round((r.text + (r.category ? 0.2 : 0) + (r.product ? 0.3 : 0)) * 1000) / 1000,
      matchedOn: [...(r.category ? (['category'] as const) : []), ...(r.product ? (['product'] as const) : []), ...(r.text >= MIN_WORD_SIMILARITY ? (['text'] as const) : [])],
    })),
  };
}

/** Which articles resolve cases: uses per stage, and how the complaints they were used on closed (in the viewer's report scope). */
export async function knowledgeReport(db: Database, viewer: Viewer) {
  const scope = reachedComplaints(viewer);
  const { rows } = await db.execute<{ article_id: number; title: string; status: ArticleStatus; uses: number; at_triage: number; in_proposals: number; closed: number; resolved: number }>(sql`
    select a.id as article_id, a.title, a.status,
      count(distinct u.complaint_number)::int as uses,
      count(distinct u.complaint_number) filter (where u.stage = 'triage')::int as at_triage,
      count(distinct u.complaint_number) filter (where u.stage = 'proposal')::int as in_proposals,
      count(distinct u.complaint_number) filter (where ${complaints.closedAt} is not null)::int as closed,
      count(distinct u.complaint_number) filter (where ${complaints.outcome} = 'resolved')::int as resolved
    from ${knowledgeArticles} a
    join ${knowledgeArticleUses} u on u.article_id = a.id
    join ${complaints} on ${complaints.number} = u.complaint_number
    where ${scope ?? sql`true`}
    group by a.id, a.title, a.status
    order by resolved desc, uses desc, a.id`);
  return {
    items: rows.map((r) => ({
      articleId: r.article_id,
      title: r.title,
      status: r.status,
      uses: r.uses,
      usedAtTriage: r.at_triage,
      usedInProposals: r.in_proposals,
      closed: r.closed,
      resolved: r.resolved,
      resolutionRate: r.closed > 0 ? Math.round((r.resolved / r.closed) * 1000) / 1000 : null,
    })),
  };
}

export async function usedArticleIds(db: Database, number: string, stage?: ArticleUseStage): Promise<number[]> {
  const rows = await db
    .select({ id: knowledgeArticleUses.articleId })
    .from(knowledgeArticleUses)
    .where(and(eq(knowledgeArticleUses.complaintNumber, number), stage ? eq(knowledgeArticleUses.stage, stage) : undefined));
  return rows.map((r) => r.id);
}

/** The articles a systemic problem ended as (its corrective action written down for the next cases). */
export async function articlesOfProblem(db: Database, problemId: number) {
  return db.select({ id: knowledgeArticles.id, title: knowledgeArticles.title, status: knowledgeArticles.status }).from(knowledgeArticles).where(eq(knowledgeArticles.problemId, problemId)).orderBy(knowledgeArticles.id);
}
