ALTER TYPE "public"."timeline_event_type" ADD VALUE 'recording_failed';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'contact_revealed';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'tracking_link_reissued';--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "tracking_secret_hash" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "tracking_generation" integer DEFAULT 1 NOT NULL;