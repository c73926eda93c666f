/**
 * Writing the knowledge base (domain/knowledge.ts): drafts by their authors, publication by leads
 * (audited), and the use of an article on a complaint (once per article, complaint and stage).
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { knowledgeArticleUses, knowledgeArticles, problems, type ComplaintRow } from '../../db/schema';
import { ARTICLE_MOVES, articleKeyText, articleSearchText, type ArticleStatus, type ArticleUseStage } from '../../domain/knowledge';
import type { Actor } from '../../domain/model';
import { notFound, validationFailed, wrongStatusError } from '../http/errors';
import { articleOut } from '../read/knowledge';
import type { ArticleCreate, ArticleUpdate } from '../schemas/learning';
import { recordAudit } from './audit';

const LEADS: readonly string[] = ['supervisor', 'manager'];

export async function createArticle(db: Database, actor: Actor, body: ArticleCreate) {
  if (body.problemId !== undefined) {
    const [problem] = await db.select({ id: problems.id }).from(problems).where(eq(problems.id, body.problemId));
    if (!problem) throw validationFailed([{ path: 'problemId', message: 'no such problem' }]);
  }
  const [row] = await db
    .insert(knowledgeArticles)
    .values({ ...body, cause: body.cause ?? null, wording: body.wording ?? null, problemId: body.problemId ?? null, ownerId: actor.id, searchText: articleSearchText(body), keyText: articleKeyText(body) })
    .returning();
  return articleOut(row, 0);
}

/** The author edits their draft; leads edit any article (a published one is corrected in place). */
export async function updateArticle(db: Database, actor: Actor, id: number, body: ArticleUpdate) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).for('update');
    if (!row || (row.status === 'draft' && row.ownerId !== actor.id && !LEADS.includes(actor.role))) throw notFound('article');
    if (!LEADS.includes(actor.role) && (row.ownerId !== actor.id || row.status !== 'draft')) {
      throw wrongStatusError(row.status, `only its author edits a draft, and leads any article (this one is ${row.status})`);
    }
    const next = { ...row, ...body };
    const [stored] = await tx
      .update(knowledgeArticles)
      .set({ ...body, searchText: articleSearchText(next), keyText: articleKeyText(next), updatedAt: new Date() })
      .where(eq(knowledgeArticles.id, id))
      .returning();
    return articleOut(stored, 0);
  });
}

/** Publish, retire or publish again (domain/knowledge.ts `ARTICLE_MOVES`); a move it does not allow is a 409 with the current status. */
export async function setArticleStatus(db: Database, actor: Actor, id: number, { status, reason }: { status: ArticleStatus; reason?: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).for('update');
    if (!row) throw notFound('article');
    if (!ARTICLE_MOVES[row.status].includes(status)) throw wrongStatusError(row.status, `a ${row.status} article cannot become ${status}`);
    const published = status === 'published' ? { publishedBy: actor.id, publishedAt: new Date() } : {};
    const [stored] = await tx.update(knowledgeArticles).set({ status, ...published, updatedAt: new Date() }).where(eq(knowledgeArticles.id, id)).returning();
    await recordAudit(tx, { actor, action: 'knowledge_article_published', subject: `knowledge/${id}`, before: { status: row.status }, after: { status, title: row.title }, reason });
    return articleOut(stored, 0);
  });
}

/** Records that a published article was used on a complaint the caller reaches; again is harmless (200). */
export async function recordArticleUse(db: Database, actor: Actor, complaint: ComplaintRow, articleId: number, stage: ArticleUseStage) {
  const [article] = await db.select({ status: knowledgeArticles.status }).from(knowledgeArticles).where(eq(knowledgeArticles.id, articleId));
  if (!article || article.status !== 'published') throw validationFailed([{ path: 'articleId', message: 'not a published article' }]);
  const inserted = await db.insert(knowledgeArticleUses).values({ articleId, complaintNumber: complaint.number, stage, usedBy: actor.id }).onConflictDoNothing().returning();
  const [use] = inserted.length > 0 ? inserted : await db.select().from(knowledgeArticleUses).where(and(eq(knowledgeArticleUses.articleId, articleId), eq(knowledgeArticleUses.complaintNumber, complaint.number), eq(knowledgeArticleUses.stage, stage)));
  return { created: inserted.length > 0, use: { articleId, complaintNumber: complaint.number, stage, usedBy: use.usedBy, usedAt: use.usedAt.toISOString() } };
}
