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
 * Text as the search indexes it: Chinese runs cut into overlapping two-character terms (电饭煲加热 →
 * 电饭 饭煲 煲加 加热), Latin words and numbers lower-cased, all separated by spaces. PostgreSQL's
 * trigram index (`pg_trgm`) treats a run without spaces as one word, so a Chinese sentence would be a
 * single "word" and a short term inside it would hardly match; as two-character terms, "焦味" finds
 * "加热后有焦味" exactly. The same cut is applied to what is stored and to what is searched.
 */
export function searchTerms(text: string): string {
  const runs = text.toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+/gu) ?? [];
  return runs.flatMap((run) => (/^[\u3400-\u9fff\uf900-\ufaff]/.test(run) && run.length > 1 ? Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2)) : [run])).join(' ');
}

interface ArticleText {
  title: string;
  problem: string;
  cause?: string | null;
  keywords: readonly string[];
  products: readonly string[];
}

/** Everything an article says that a search may find: title, keywords, products, problem and cause. */
export function articleSearchText(a: ArticleText): string {
  return searchTerms([a.title, a.keywords.join(' '), a.products.join(' '), a.problem, a.cause ?? ''].join(' '));
}

/** What names the article's problem (title, keywords, products): scored against a complaint's description. */
export function articleKeyText(a: ArticleText): string {
  return searchTerms([a.title, a.keywords.join(' '), a.products.join(' ')].join(' '));
}

/** How many suggestions a triage or proposal shows. */
export const SUGGESTION_LIMIT = 5;
/** The least trigram word similarity that counts as a text match (search, and a description against an article's key text). */
export const MIN_WORD_SIMILARITY = 0.3;
