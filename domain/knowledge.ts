/**
 * The knowledge base [003 数据驱动: 建立投诉知识库]: articles on a common problem — its cause, the
 * recommended remedy and the words to use with the customer — for the categories and products it
 * applies to. Handlers (and agents) write drafts, supervisors publish them; published articles are
 * suggested while triaging and proposing, and each use is recorded so the reports show which
 * articles resolve cases. A systemic problem's corrective action can end as an article.
 */

/** draft → published → retired (and a retired one may be published again). Drafts are edited; published ones are read and suggested. */
export const ARTICLE_STATUSES = ['draft', 'published', 'retired'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Where an article was used: when deciding the triage, or when writing the proposal. */
export const ARTICLE_USE_STAGES = ['triage', 'proposal'] as const;
export type ArticleUseStage = (typeof ARTICLE_USE_STAGES)[number];

/** The moves of an article's status: who may make each is `publishKnowledge` (domain/permissions.ts). */
export const ARTICLE_MOVES: Readonly<Record<ArticleStatus, readonly ArticleStatus[]>> = {
  draft: ['published'],
  published: ['retired'],
  retired: ['published'],
};

/**
 * The text the search matches, in one column: title, problem, cause, keywords and products. The
 * database indexes it by trigrams (`pg_trgm`), which need no word boundaries, so a Chinese
 * description finds an article without any segmentation.
 */
export function articleSearchText(a: { title: string; problem: string; cause?: string | null; keywords: readonly string[]; products: readonly string[] }): string {
  return [a.title, a.keywords.join(' '), a.products.join(' '), a.problem, a.cause ?? ''].join(' ').toLowerCase();
}

/** How many suggestions a triage or proposal shows, and the least trigram similarity that counts as a match. */
export const SUGGESTION_LIMIT = 5;
export const SUGGESTION_MIN_SIMILARITY = 0.3;
