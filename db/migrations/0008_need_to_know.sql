CREATE TYPE "public"."audit_action" AS ENUM('staff_saved', 'calendar_year_saved', 'policy_changed', 'tracking_link_reissued', 'tracking_link_revoked', 'problem_status_changed', 'notification_resend_requested', 'contact_revealed', 'sign_in_refused');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'quality' BEFORE 'admin';--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text NOT NULL,
	"actor_role" "role",
	"action" "audit_action" NOT NULL,
	"subject" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "external_subject" text;--> statement-breakpoint
CREATE INDEX "audit_log_occurred_idx" ON "audit_log" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","occurred_at");--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_external_subject_uq" UNIQUE("external_subject");--> statement-breakpoint
-- The timeline and the audit trail are append-only: rows are added, never changed or removed, by the
-- service's role or any other (only a superuser disabling the trigger could).
CREATE FUNCTION "refuse_change_to_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "timeline_events_append_only" BEFORE UPDATE OR DELETE ON "timeline_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change_to_append_only"();--> statement-breakpoint
CREATE TRIGGER "timeline_events_no_truncate" BEFORE TRUNCATE ON "timeline_events" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change_to_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "refuse_change_to_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change_to_append_only"();
