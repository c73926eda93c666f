ALTER TYPE "public"."timeline_event_type" ADD VALUE 'regraded' BEFORE 'resolved_on_spot';--> statement-breakpoint
ALTER TYPE "public"."timeline_event_type" ADD VALUE 'follow_up_overdue' BEFORE 'follow_up_recorded';--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "duplicate_of" text;--> statement-breakpoint
CREATE INDEX "complaints_duplicate_of_idx" ON "complaints" USING btree ("duplicate_of") WHERE "complaints"."duplicate_of" is not null;