CREATE TYPE "public"."legal_regime" AS ENUM('cn-samr-transfer', 'cn-12315-odr', 'cn-banking-insurance', 'cn-personal-information');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'complaints_replanned';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'legal_extension' BEFORE 'assignment';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'legal_deadline_warning';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'legal_deadline_missed';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'legal_clocks_started' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'legal_deadline_warning' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'legal_deadline_missed' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'legal_clock_ended' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'legal_clock_stopped' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'legal_clock_resumed' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'legal_clock_extended' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'regulator_accepted' BEFORE 'note';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'deadlines_replanned' BEFORE 'note';--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "company_received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "regime" "legal_regime";--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "regulator_reference" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "regulator_office" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "regulator_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_missed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "complaints_legal_due_idx" ON "complaints" USING btree ("legal_due_at") WHERE "complaints"."legal_due_at" is not null;