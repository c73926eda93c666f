/**
 * Learning from cases: the triage rules administrators edit, the knowledge base (suggested while
 * triaging and proposing), quality review (质检) and the reports on them — decode, one call, encode.
 */
import { z } from 'zod';
import { operation, Reply, type Operation } from '../http/operation';
import { numberParam } from '../schemas/requests';
import { documented } from '../schemas/responses';
import {
  ArticleSchema,
  ArticleSuggestionSchema,
  articleCreateSchema,
  articleIdParam,
  articleListQuerySchema,
  articleStatusSchema,
  articleUpdateSchema,
  articleUseSchema,
  KnowledgeReportSchema,
  QualityReportSchema,
  QualityReviewSchema,
  RecoveryReportSchema,
  reportPeriodQuerySchema,
  reviewDecisionSchema,
  reviewIdParam,
  reviewListQuerySchema,
  reviewResponseSchema,
  reviewScoreSchema,
  SamplingAnswerSchema,
  samplingRunSchema,
  suggestionQuerySchema,
  triageRulesChangeSchema,
  TriageRulesAnswerSchema,
} from '../schemas/learning';
import { articleById, knowledgeReport, listArticles, suggestionsFor } from '../read/knowledge';
import { listReviews, qualityReport, recoveryReport, reviewInScope, reviewOut } from '../read/quality';
import { rulesInForce } from '../read/triage-rules';
import { createArticle, recordArticleUse, setArticleStatus, updateArticle } from '../write/knowledge';
import { answerQualityReview, decideQualityDispute, runSampling, scoreQualityReview } from '../write/quality';
import { saveTriageRules } from '../write/triage-rules';
import type { AppDependencies } from './dependencies';

const useAnswer = z.object({ articleId: z.int(), complaintNumber: z.string(), stage: z.enum(['triage', 'proposal']), usedBy: z.string(), usedAt: z.string() });

export const LEARNING_OPERATIONS: Operation<AppDependencies>[] = [
  // ── Triage rules ──
  operation({
    method: 'get',
    path: '/admin/triage-rules',
    operationId: 'getTriageRules',
    tag: 'Administration',
    summary: 'The triage rules in force, and every saved version',
    description: 'Keywords per category, risk words by kind (media, legal, regulator), amount and repeat thresholds, the category → department map. Read by the triage suggestion of every new complaint; a complaint’s suggestion names the version that made it (`triageSuggestion.rulesVersion`).',
    access: { permission: 'readTriageRules' },
    responses: { 200: { description: 'Version 0 is the built-in defaults.', schema: TriageRulesAnswerSchema } },
    errors: [401, 403],
    handle: (_input, { deps }) => rulesInForce(deps.db),
  }),
  operation({
    method: 'post',
    path: '/admin/triage-rules',
    operationId: 'saveTriageRules',
    tag: 'Administration',
    summary: 'Save a change to the triage rules as a new version',
    description:
      'Any top-level field, and of the per-category and per-kind tables any key (the rest stay). The whole result is checked; a bad field is a 400 naming it. The next complaint is suggested by the new version; earlier complaints keep their suggestion. Audited (`triage_rules_changed`, the fields before and after).',
    access: { permission: 'triageRules' },
    request: { body: documented(triageRulesChangeSchema).openapi('TriageRulesChange') },
    responses: { 201: { description: 'Saved; the rules now in force.', schema: TriageRulesAnswerSchema } },
    errors: [400, 401, 403],
    async handle({ body }, { deps, actor }) {
      return Reply.json(201, await saveTriageRules(deps.db, actor, body));
    },
  }),

  // ── Knowledge base ──
  operation({
    method: 'get',
    path: '/knowledge/articles',
    operationId: 'listArticles',
    tag: 'Knowledge',
    summary: 'Knowledge-base articles, or a search',
    description: '`q` searches title, keywords, products, problem and cause, in Chinese as in English (a trigram index over two-character terms: "焦味" finds "加热后有焦味"), best match first. Drafts are seen by their author and by leads.',
    access: { permission: 'knowledge' },
    request: { query: articleListQuerySchema },
    responses: { 200: { description: 'Newest first, or best match first with `q`.', schema: z.object({ items: z.array(ArticleSchema) }) } },
    errors: [400, 401, 403],
    handle: ({ query }, { deps, actor }) => listArticles(deps.db, actor, query),
  }),
  operation({
    method: 'post',
    path: '/knowledge/articles',
    operationId: 'createArticle',
    tag: 'Knowledge',
    summary: 'Write an article (a draft)',
    description: 'The author owns the draft until a lead publishes it. With `problemId`, the article records a systemic problem’s corrective action and shows on the problem.',
    access: { permission: 'writeKnowledge' },
    request: { body: documented(articleCreateSchema).openapi('ArticleCreate') },
    responses: { 201: { description: 'The draft.', schema: ArticleSchema } },
    errors: [400, 401, 403],
    async handle({ body }, { deps, actor }) {
      const article = await createArticle(deps.db, actor, body);
      return Reply.json(201, article, { Location: `/knowledge/articles/${article.id}` });
    },
  }),
  operation({
    method: 'get',
    path: '/knowledge/articles/{id}',
    operationId: 'getArticle',
    tag: 'Knowledge',
    summary: 'One article',
    access: { permission: 'knowledge' },
    request: { params: articleIdParam },
    responses: { 200: { description: 'The article, with how many complaints it was used on.', schema: ArticleSchema } },
    errors: [400, 401, 403, 404],
    handle: ({ params }, { deps, actor }) => articleById(deps.db, actor, params.id),
  }),
  operation({
    method: 'patch',
    path: '/knowledge/articles/{id}',
    operationId: 'updateArticle',
    tag: 'Knowledge',
    summary: 'Edit an article',
    description: 'Its author edits a draft; leads edit any article. Otherwise 409 with the article’s `status`.',
    access: { permission: 'writeKnowledge' },
    request: { params: articleIdParam, body: documented(articleUpdateSchema).openapi('ArticleUpdate') },
    responses: { 200: { description: 'Edited.', schema: ArticleSchema } },
    errors: [400, 401, 403, 404, 409],
    handle: ({ params, body }, { deps, actor }) => updateArticle(deps.db, actor, params.id, body),
  }),
  operation({
    method: 'put',
    path: '/knowledge/articles/{id}/status',
    operationId: 'setArticleStatus',
    tag: 'Knowledge',
    summary: 'Publish, retire or publish again',
    description: 'draft → published → retired → published. Another move is a 409 with the current `status`. Audited (`knowledge_article_published`).',
    access: { permission: 'publishKnowledge' },
    request: { params: articleIdParam, body: documented(articleStatusSchema).openapi('ArticleStatusChange') },
    responses: { 200: { description: 'Moved.', schema: ArticleSchema } },
    errors: [400, 401, 403, 404, 409],
    handle: ({ params, body }, { deps, actor }) => setArticleStatus(deps.db, actor, params.id, body),
  }),
  operation({
    method: 'get',
    path: '/complaints/{number}/knowledge-suggestions',
    operationId: 'suggestArticles',
    tag: 'Knowledge',
    summary: 'Published articles that fit this complaint',
    description: 'By its product, its category and the words of its description (trigram similarity of two-character terms, so Chinese needs no spaces), best first; shown in the triage and proposal forms.',
    access: { permission: 'knowledge' },
    request: { params: numberParam, query: suggestionQuerySchema },
    responses: { 200: { description: 'At most five, best first.', schema: z.object({ items: z.array(ArticleSuggestionSchema) }) } },
    errors: [400, 401, 403, 404],
    async handle({ params }, { deps, actor }) {
      return suggestionsFor(deps.db, await deps.readModel.findComplaint(params.number, actor));
    },
  }),
  operation({
    method: 'post',
    path: '/complaints/{number}/knowledge-uses',
    operationId: 'recordArticleUse',
    tag: 'Knowledge',
    summary: 'Record that an article was used on this complaint',
    description: 'At triage or in the proposal; once per article, complaint and stage (again: 200). The knowledge report counts how the complaints it was used on closed.',
    access: { permission: 'writeKnowledge' },
    request: { params: numberParam, body: documented(articleUseSchema).openapi('ArticleUse') },
    responses: { 201: { description: 'Recorded.', schema: useAnswer }, 200: { description: 'Recorded before.', schema: useAnswer } },
    errors: [400, 401, 403, 404],
    async handle({ params, body }, { deps, actor }) {
      const complaint = await deps.readModel.findComplaint(params.number, actor);
      const { created, use } = await recordArticleUse(deps.db, actor, complaint, body.articleId, body.stage);
      return Reply.json(created ? 201 : 200, use);
    },
  }),

  // ── Quality review ──
  operation({
    method: 'post',
    path: '/quality/sampling-runs',
    operationId: 'runQualitySampling',
    tag: 'Quality',
    summary: 'Fill the review queue for a period',
    description: 'The policy’s sampling rule over the cases closed in the period: every reopened, dissatisfied, breached or escalated one, and a share of each handler’s others. Running it again adds nothing twice. Audited (`quality_review_sampled`, counts).',
    access: { permission: 'scoreQualityReview' },
    request: { body: documented(samplingRunSchema).openapi('QualitySamplingRequest') },
    responses: { 200: { description: 'Counts per reason (a case may have several).', schema: SamplingAnswerSchema } },
    errors: [400, 401, 403],
    handle: async ({ body }, { deps, actor }) => runSampling(deps.db, actor, body.period, await deps.policy()),
  }),
  operation({
    method: 'get',
    path: '/quality/reviews',
    operationId: 'listQualityReviews',
    tag: 'Quality',
    summary: 'Quality reviews',
    description: 'The quality team sees all; a supervisor or manager those of the people below them; a handler or agent their own (scores and coaching note). Disputed and queued first.',
    access: { permission: 'qualityReviews' },
    request: { query: reviewListQuerySchema },
    responses: { 200: { description: 'The reviews.', schema: z.object({ items: z.array(QualityReviewSchema) }) } },
    errors: [400, 401, 403],
    handle: ({ query }, { deps, actor }) => listReviews(deps.db, actor, query),
  }),
  operation({
    method: 'get',
    path: '/quality/reviews/{id}',
    operationId: 'getQualityReview',
    tag: 'Quality',
    summary: 'One quality review',
    access: { permission: 'qualityReviews' },
    request: { params: reviewIdParam },
    responses: { 200: { description: 'The review.', schema: QualityReviewSchema } },
    errors: [400, 401, 403, 404],
    handle: async ({ params }, { deps, actor }) => reviewOut(await reviewInScope(deps.db, actor, params.id)),
  }),
  operation({
    method: 'post',
    path: '/quality/reviews/{id}/score',
    operationId: 'scoreQualityReview',
    tag: 'Quality',
    summary: 'Score a queued review',
    description: 'Every criterion of the review’s scorecard from 1 to 5, and a coaching note the handler and their supervisor read. The case’s own record does not change. 409 with `status` unless queued.',
    access: { permission: 'scoreQualityReview' },
    request: { params: reviewIdParam, body: documented(reviewScoreSchema).openapi('QualityReviewScores') },
    responses: { 200: { description: 'Scored.', schema: QualityReviewSchema } },
    errors: [400, 401, 403, 404, 409],
    handle: async ({ params, body }, { deps, actor }) => scoreQualityReview(deps.db, deps.notifications, actor, params.id, body, await deps.policy()),
  }),
  operation({
    method: 'post',
    path: '/quality/reviews/{id}/response',
    operationId: 'answerQualityReview',
    tag: 'Quality',
    summary: 'The person reviewed accepts or disputes the scores',
    description: 'Only the person reviewed, once, on a scored review (409 with `status` otherwise). A dispute goes to their supervisor.',
    access: { permission: 'answerQualityReview' },
    request: { params: reviewIdParam, body: documented(reviewResponseSchema).openapi('QualityReviewResponse') },
    responses: { 200: { description: 'Accepted or disputed.', schema: QualityReviewSchema } },
    errors: [400, 401, 403, 404, 409],
    handle: ({ params, body }, { deps, actor }) => answerQualityReview(deps.db, deps.notifications, actor, params.id, body),
  }),
  operation({
    method: 'post',
    path: '/quality/reviews/{id}/decision',
    operationId: 'decideQualityDispute',
    tag: 'Quality',
    summary: 'Decide a disputed review',
    description: 'A lead above the person reviewed: the scores stand (`upheld`) or are replaced (`revised`, with the new scores). Audited (`quality_dispute_decided`, with the first scores).',
    access: { permission: 'decideQualityDispute' },
    request: { params: reviewIdParam, body: documented(reviewDecisionSchema).openapi('QualityDisputeDecision') },
    responses: { 200: { description: 'Decided.', schema: QualityReviewSchema } },
    errors: [400, 401, 403, 404, 409],
    handle: async ({ params, body }, { deps, actor }) => decideQualityDispute(deps.db, deps.notifications, actor, params.id, body, await deps.policy()),
  }),

  // ── Reports ──
  operation({
    method: 'get',
    path: '/reports/quality',
    operationId: 'getQualityReport',
    tag: 'Reports',
    summary: 'Review scores per handler and department, and repeated faults',
    access: { permission: 'reports' },
    request: { query: reportPeriodQuerySchema },
    responses: { 200: { description: 'Scored reviews the caller reads (lowest average first).', schema: QualityReportSchema } },
    errors: [400, 401, 403],
    handle: ({ query }, { deps, actor }) => qualityReport(deps.db, actor, query.period),
  }),
  operation({
    method: 'get',
    path: '/reports/knowledge',
    operationId: 'getKnowledgeReport',
    tag: 'Reports',
    summary: 'Which articles resolve cases',
    access: { permission: 'reports' },
    responses: { 200: { description: 'Per article used on a complaint the caller reaches: uses, and how those complaints closed.', schema: KnowledgeReportSchema } },
    errors: [401, 403],
    handle: (_input, { deps, actor }) => knowledgeReport(deps.db, actor),
  }),
  operation({
    method: 'get',
    path: '/reports/recovery',
    operationId: 'getRecoveryReport',
    tag: 'Reports',
    summary: 'Service recovery: dissatisfied customers who stay',
    access: { permission: 'reports' },
    responses: { 200: { description: 'Over the complaints the caller’s reports count.', schema: RecoveryReportSchema } },
    errors: [401, 403],
    handle: async (_input, { deps, actor }) => recoveryReport(deps.db, actor, (await deps.policy()).followUpSatisfactionThreshold),
  }),
];
