import { relations, sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import { articleStatusEnum, articleUseStageEnum, categoryEnum } from './enums';
import { complaints } from './complaints';
import { problems } from './problems';

/** A knowledge-base article (domain/knowledge.ts). `searchText` is trigram-indexed for Chinese search. */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    cause: text('cause'),
    /** The recommended remedy, and the words to use with the customer. */
    remedy: text('remedy').notNull(),
    wording: text('wording'),
    categories: categoryEnum('categories').array().notNull().default(sql`'{}'`),
    /** Product names it applies to (none: any product of its categories). */
    products: text('products').array().notNull().default(sql`'{}'::text[]`),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    status: articleStatusEnum('status').notNull().default('draft'),
    ownerId: text('owner_id').notNull(),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The systemic problem whose corrective action it records, when it came from one. */
    problemId: integer('problem_id').references(() => problems.id),
    /** `articleSearchText` and `articleKeyText` (domain/knowledge.ts): two-character terms, trigram-indexed. */
    searchText: text('search_text').notNull(),
    keyText: text('key_text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('knowledge_articles_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('knowledge_articles_status_idx').on(t.status),
    index('knowledge_articles_problem_idx').on(t.problemId).where(sql`${t.problemId} is not null`),
  ],
);

/** An article used on a complaint (at triage or in a proposal): once per article, complaint and stage. */
export const knowledgeArticleUses = pgTable(
  'knowledge_article_uses',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => knowledgeArticles.id),
    complaintNumber: text('complaint_number')
      .notNull()
      .references(() => complaints.number),
    stage: articleUseStageEnum('stage').notNull(),
    usedBy: text('used_by').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.complaintNumber, t.stage] }), index('knowledge_article_uses_complaint_idx').on(t.complaintNumber)],
);

export const knowledgeArticlesRelations = relations(knowledgeArticles, ({ many, one }) => ({
  uses: many(knowledgeArticleUses),
  problem: one(problems, { fields: [knowledgeArticles.problemId], references: [problems.id] }),
}));
export const knowledgeArticleUsesRelations = relations(knowledgeArticleUses, ({ one }) => ({
  article: one(knowledgeArticles, { fields: [knowledgeArticleUses.articleId], references: [knowledgeArticles.id] }),
  complaint: one(complaints, { fields: [knowledgeArticleUses.complaintNumber], references: [complaints.number] }),
}));

export const knowledgeArticleSelectSchema = createSelectSchema(knowledgeArticles);
export type KnowledgeArticleRow = typeof knowledgeArticles.$inferSelect;
