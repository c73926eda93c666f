/**
 * The contract of learning from cases, in one file: the triage rules administrators edit, the
 * knowledge base, quality reviews and their reports — request bodies and queries (built from the
 * domain's tables and the drizzle rows) and the answers.
 */
import { z } from 'zod';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../domain/model';
import { RISK_KINDS } from '../../domain/major-review';
import { ARTICLE_STATUSES, ARTICLE_USE_STAGES } from '../../domain/knowledge';
import { QUALITY_DISPUTE_DECISIONS, QUALITY_REVIEW_STATUSES, QUALITY_SAMPLE_REASONS, SCORE_MAX, SCORE_MIN } from '../../domain/quality-review';
import { boundedText, identifier, singleLine } from '../../domain/text';
import { knowledgeArticleSelectSchema, qualityReviewSelectSchema } from '../../db/schema';
import { dateTime } from './responses';

// ── Triage rules ───────────────────────────────────────────────────────────────────────────────

const words = z.array(singleLine(60)).max(300);
const perCategory = <T extends z.ZodType>(value: T) => z.strictObject(Object.fromEntries(CATEGORIES.map((c) => [c, value])) as Record<(typeof CATEGORIES)[number], T>);
const amount = z.int().min(0).max(1_000_000_000_000);

/** The whole rule set as `domain/triage.ts` reads it. */
export const triageRulesSchema = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'),
    categoryKeywords: perCategory(words),
    categoryPriority: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length),
    riskWords: z.strictObject(Object.fromEntries(RISK_KINDS.map((k) => [k, words])) as Record<(typeof RISK_KINDS)[number], typeof words>),
    majorChannels: z.array(z.enum(CHANNELS)).max(CHANNELS.length),
    baseSeverity: perCategory(z.enum(SEVERITIES)),
    complexCategories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length),
    highSeverityAmountMinor: amount,
    criticalSeverityAmountMinor: amount,
    simpleMaxDescriptionUnits: z.int().min(1).max(100_000),
    repeatComplainantThreshold: z.int().min(1).max(100),
    repeatProductThreshold: z.int().min(1).max(100),
    repeatWindowDays: z.int().min(1).max(366),
    departmentByCategory: perCategory(identifier(64)),
  })
  .refine((r) => r.highSeverityAmountMinor <= r.criticalSeverityAmountMinor, { path: ['criticalSeverityAmountMinor'], message: 'must not be below highSeverityAmountMinor' })
  .openapi('TriageRules', { description: 'Keywords per category, risk words by kind, thresholds and the category → department map (domain/triage.ts). The simple-path amount is the policy’s agent tier.' });

/**
 * A change: any top-level field, and for the per-category and per-kind tables any of their keys (the
 * rest stay as they are). A list given replaces the list.
 */
export const triageRulesChangeSchema = z.strictObject({
  changes: z.strictObject({
    currency: triageRulesSchema.shape.currency.optional(),
    categoryKeywords: triageRulesSchema.shape.categoryKeywords.partial().optional(),
    categoryPriority: triageRulesSchema.shape.categoryPriority.optional(),
    riskWords: triageRulesSchema.shape.riskWords.partial().optional(),
    majorChannels: triageRulesSchema.shape.majorChannels.optional(),
    baseSeverity: triageRulesSchema.shape.baseSeverity.partial().optional(),
    complexCategories: triageRulesSchema.shape.complexCategories.optional(),
    highSeverityAmountMinor: amount.optional(),
    criticalSeverityAmountMinor: amount.optional(),
    simpleMaxDescriptionUnits: triageRulesSchema.shape.simpleMaxDescriptionUnits.optional(),
    repeatComplainantThreshold: triageRulesSchema.shape.repeatComplainantThreshold.optional(),
    repeatProductThreshold: triageRulesSchema.shape.repeatProductThreshold.optional(),
    repeatWindowDays: triageRulesSchema.shape.repeatWindowDays.optional(),
    departmentByCategory: triageRulesSchema.shape.departmentByCategory.partial().optional(),
  }),
  reason: boundedText(2000),
});
export type TriageRulesChange = z.output<typeof triageRulesChangeSchema>;

const versionFacts = { version: z.int().openapi({ description: '0: the built-in defaults (nothing saved yet).' }), savedBy: z.string().optional(), savedAt: dateTime.optional(), reason: z.string().optional() };

export const TriageRulesAnswerSchema = z
  .object({ ...versionFacts, rules: triageRulesSchema, versions: z.array(z.object(versionFacts)).openapi({ description: 'Every saved version, newest first.' }) })
  .openapi('TriageRulesInForce');

// ── Knowledge base ─────────────────────────────────────────────────────────────────────────────

const articleFields = {
  title: singleLine(200),
  problem: boundedText(4000),
  cause: boundedText(4000).optional(),
  remedy: boundedText(4000),
  wording: boundedText(4000).optional(),
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).default([]),
  products: z.array(singleLine(200)).max(50).default([]),
  keywords: z.array(singleLine(60)).max(50).default([]),
};

export const articleCreateSchema = z.strictObject({
  ...articleFields,
  /** The systemic problem whose corrective action this article records. */
  problemId: z.int().min(1).optional(),
});
export type ArticleCreate = z.output<typeof articleCreateSchema>;

export const articleUpdateSchema = z
  .strictObject({
    title: articleFields.title.optional(),
    problem: articleFields.problem.optional(),
    cause: articleFields.cause,
    remedy: articleFields.remedy.optional(),
    wording: articleFields.wording,
    categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).optional(),
    products: z.array(singleLine(200)).max(50).optional(),
    keywords: z.array(singleLine(60)).max(50).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type ArticleUpdate = z.output<typeof articleUpdateSchema>;

export const articleStatusSchema = z.strictObject({ status: z.enum(ARTICLE_STATUSES), reason: boundedText(1000).optional() });

export const articleIdParam = z.object({ id: z.coerce.number().int().min(1, 'an article id (a positive integer)').max(2_147_483_647, 'an article id (a positive integer)') });

export const articleListQuerySchema = z.strictObject({
  q: singleLine(200).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const suggestionQuerySchema = z.strictObject({ stage: z.enum(ARTICLE_USE_STAGES).default('triage') });
export const articleUseSchema = z.strictObject({ articleId: z.int().min(1), stage: z.enum(ARTICLE_USE_STAGES) });

export const ArticleSchema = knowledgeArticleSelectSchema
  .omit({ searchText: true })
  .extend({ createdAt: dateTime, updatedAt: dateTime, publishedAt: dateTime.nullable(), uses: z.int().openapi({ description: 'Complaints it was used on (triage or proposal).' }) })
  .openapi('KnowledgeArticle');

export const ArticleSuggestionSchema = ArticleSchema.extend({
  score: z.number().openapi({ description: 'How well it matches: trigram similarity of the description, plus category and product matches.' }),
  matchedOn: z.array(z.enum(['category', 'product', 'text'])),
}).openapi('KnowledgeSuggestion');

// ── Quality review ─────────────────────────────────────────────────────────────────────────────

export const samplingRunSchema = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\d|5[0-3]))$/, "a month '2026-11' or an ISO week '2026-W48' (the policy's period)"),
});

export const SamplingAnswerSchema = z
  .object({
    period: z.string(),
    closedCases: z.int(),
    queued: z.int().openapi({ description: 'Reviews added to the queue by this run (a case already queued for the period is not added twice).' }),
    byReason: z.record(z.enum(QUALITY_SAMPLE_REASONS), z.int()),
  })
  .openapi('QualitySamplingRun');

export const reviewIdParam = z.object({ id: z.coerce.number().int().min(1, 'a review id (a positive integer)').max(2_147_483_647, 'a review id (a positive integer)') });

export const reviewListQuerySchema = z.strictObject({
  status: z.enum(QUALITY_REVIEW_STATUSES).optional(),
  handlerId: identifier(64).optional(),
  period: z.string().max(8).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const scoresSchema = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a criterion id'), z.int().min(SCORE_MIN).max(SCORE_MAX));

export const reviewScoreSchema = z.strictObject({ scores: scoresSchema, coachingNote: boundedText(4000) });
export const reviewResponseSchema = z.strictObject({ agree: z.boolean(), text: boundedText(4000) });
export const reviewDecisionSchema = z
  .strictObject({ decision: z.enum(QUALITY_DISPUTE_DECISIONS), note: boundedText(4000), scores: scoresSchema.optional() })
  .refine((b) => (b.decision === 'revised') === (b.scores !== undefined), { path: ['scores'], message: 'revised scores are given with `revised`, and only then' });

export const QualityReviewSchema = qualityReviewSelectSchema
  .extend({
    reasons: z.array(z.enum(QUALITY_SAMPLE_REASONS)),
    scorecard: z.array(z.object({ id: z.string(), label: z.object({ 'zh-CN': z.string(), en: z.string() }), weight: z.number(), basis: z.string() })),
    scores: z.record(z.string(), z.int()).nullable(),
    scoredAt: dateTime.nullable(),
    respondedAt: dateTime.nullable(),
    decidedAt: dateTime.nullable(),
    createdAt: dateTime,
  })
  .openapi('QualityReview', { description: 'A review written beside the case: it never changes the case’s own record.' });

export const QualityReportSchema = z
  .object({
    period: z.string().optional(),
    byHandler: z.array(z.object({ handlerId: z.string(), departmentId: z.string().nullable(), reviews: z.int(), averageTotal: z.number().nullable(), disputes: z.int(), revised: z.int() })),
    byDepartment: z.array(z.object({ departmentId: z.string().nullable(), reviews: z.int(), averageTotal: z.number().nullable() })),
    faults: z.array(
      z.object({
        criterion: z.string(),
        reviews: z.int().openapi({ description: 'Reviews that found this fault (a score at or below the fault line).' }),
        share: z.number().openapi({ description: 'Of all scored reviews.' }),
        handlersWithRepeats: z.int().openapi({ description: 'Handlers found with this fault in two reviews or more.' }),
      }),
    ),
  })
  .openapi('QualityReport');

export const KnowledgeReportSchema = z
  .object({
    items: z.array(
      z.object({
        articleId: z.int(),
        title: z.string(),
        status: z.enum(ARTICLE_STATUSES),
        uses: z.int(),
        usedAtTriage: z.int(),
        usedInProposals: z.int(),
        closed: z.int().openapi({ description: 'Complaints it was used on that are closed.' }),
        resolved: z.int().openapi({ description: 'Of those, closed as resolved.' }),
        resolutionRate: z.number().nullable(),
      }),
    ),
  })
  .openapi('KnowledgeReport');

export const RecoveryReportSchema = z
  .object({
    dissatisfied: z.int().openapi({ description: 'Closed complaints whose customer rated at or below the follow-up threshold, or was dissatisfied at the visit.' }),
    visited: z.int().openapi({ description: 'Of those, with a follow-up visit that asked whether the customer stays.' }),
    retained: z.int(),
    recoveryRate: z.number().nullable().openapi({ description: 'retained / visited.' }),
  })
  .openapi('RecoveryReport');

export const reportPeriodQuerySchema = z.strictObject({ period: z.string().max(8).optional() });
