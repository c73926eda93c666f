-- Knowledge-base search matches Chinese text by trigrams of two-character terms (domain/knowledge.ts); pg_trgm is a trusted extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."article_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."article_use_stage" AS ENUM('triage', 'proposal');--> statement-breakpoint
CREATE TYPE "public"."quality_dispute_decision" AS ENUM('upheld', 'revised');--> statement-breakpoint
CREATE TYPE "public"."quality_review_status" AS ENUM('queued', 'scored', 'accepted', 'disputed', 'decided');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'triage_rules_changed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'knowledge_article_published';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'quality_review_sampled';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'quality_dispute_decided';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'remedy_unexecutable' BEFORE 'assignment';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'major_review';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'quality_review';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'remedy_unexecutable' BEFORE 'satisfaction_recorded';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'major_review_opened' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'major_review_signed_off' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'major_review_overdue' BEFORE 'note';--> statement-breakpoint
CREATE TABLE "triage_rule_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"reason" text NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_article_uses" (
	"article_id" integer NOT NULL,
	"complaint_number" text NOT NULL,
	"stage" "article_use_stage" NOT NULL,
	"used_by" text NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_article_uses_article_id_complaint_number_stage_pk" PRIMARY KEY("article_id","complaint_number","stage")
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "knowledge_articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"cause" text,
	"remedy" text NOT NULL,
	"wording" text,
	"categories" "complaint_category"[] DEFAULT '{}' NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "article_status" DEFAULT 'draft' NOT NULL,
	"owner_id" text NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone,
	"problem_id" integer,
	"search_text" text NOT NULL,
	"key_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quality_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"complaint_number" text NOT NULL,
	"period" text NOT NULL,
	"handler_id" text NOT NULL,
	"department_id" text,
	"reasons" text[] NOT NULL,
	"status" "quality_review_status" DEFAULT 'queued' NOT NULL,
	"scorecard" jsonb NOT NULL,
	"reviewer_id" text,
	"scores" jsonb,
	"total" double precision,
	"faults" text[] DEFAULT '{}'::text[] NOT NULL,
	"coaching_note" text,
	"scored_at" timestamp with time zone,
	"handler_response" text,
	"responded_at" timestamp with time zone,
	"decision" "quality_dispute_decision",
	"decision_note" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_reviews_complaint_period_key" UNIQUE("complaint_number","period")
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "major_reviews" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "reviewer_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "review_department_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "complaint_facts" ADD COLUMN "retained" boolean;--> statement-breakpoint
ALTER TABLE "knowledge_article_uses" ADD CONSTRAINT "knowledge_article_uses_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_uses" ADD CONSTRAINT "knowledge_article_uses_complaint_number_complaints_number_fk" FOREIGN KEY ("complaint_number") REFERENCES "public"."complaints"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_complaint_number_complaints_number_fk" FOREIGN KEY ("complaint_number") REFERENCES "public"."complaints"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_article_uses_complaint_idx" ON "knowledge_article_uses" USING btree ("complaint_number");--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_idx" ON "knowledge_articles" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "knowledge_articles_status_idx" ON "knowledge_articles" USING btree ("status");--> statement-breakpoint
CREATE INDEX "knowledge_articles_problem_idx" ON "knowledge_articles" USING btree ("problem_id") WHERE "knowledge_articles"."problem_id" is not null;--> statement-breakpoint
CREATE INDEX "quality_reviews_status_idx" ON "quality_reviews" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "quality_reviews_handler_idx" ON "quality_reviews" USING btree ("handler_id","period");--> statement-breakpoint
CREATE INDEX "complaints_reviewer_idx" ON "complaints" USING gin ("reviewer_ids");