CREATE TYPE "public"."data_request_kind" AS ENUM('access', 'copy', 'correction', 'deletion');--> statement-breakpoint
CREATE TYPE "public"."data_request_status" AS ENUM('open', 'answered', 'refused');--> statement-breakpoint
CREATE TYPE "public"."legal_hold_reason" AS ENUM('dispute', 'regulator_review', 'investigation');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'legal_hold_placed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'legal_hold_released';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'data_request_received';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'data_request_answered';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'personal_data_exported';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'personal_data_erased';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'retention_sweep_run';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'payload_keys_rotated';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'data_request_answered' BEFORE 'assignment';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'data_request';--> statement-breakpoint
CREATE TABLE "payload_data_keys" (
	"owner" text PRIMARY KEY NOT NULL,
	"wrapped" "bytea",
	"wrapped_with" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rewrapped_at" timestamp with time zone,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rules" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"complaint_number" text NOT NULL,
	"complainant_key" text,
	"kind" "data_request_kind" NOT NULL,
	"details" text,
	"correction" jsonb,
	"received_via" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"due_last_day" date NOT NULL,
	"assignee_id" text NOT NULL,
	"status" "data_request_status" DEFAULT 'open' NOT NULL,
	"warned_at" timestamp with time zone,
	"missed_at" timestamp with time zone,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"answer_note" text,
	"export" jsonb,
	"export_expires_at" timestamp with time zone,
	"workflow_started_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "process_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_hold_reason" "legal_hold_reason";--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_hold_note" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_hold_by" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "legal_hold_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "personal_data_erased" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "complaint_number" text;--> statement-breakpoint
ALTER TABLE "data_requests" ADD CONSTRAINT "data_requests_complaint_number_complaints_number_fk" FOREIGN KEY ("complaint_number") REFERENCES "public"."complaints"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payload_data_keys_wrapped_with_idx" ON "payload_data_keys" USING btree ("wrapped_with");--> statement-breakpoint
CREATE INDEX "data_requests_assignee_idx" ON "data_requests" USING btree ("assignee_id","status","due_at");--> statement-breakpoint
CREATE INDEX "data_requests_complaint_idx" ON "data_requests" USING btree ("complaint_number");--> statement-breakpoint
CREATE INDEX "data_requests_person_idx" ON "data_requests" USING btree ("complainant_key");--> statement-breakpoint
CREATE INDEX "complaints_retention_idx" ON "complaints" USING btree ("closed_at") WHERE "complaints"."closed_at" is not null and "complaints"."legal_hold_reason" is null;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_complaint_idx" ON "idempotency_keys" USING btree ("complaint_number");--> statement-breakpoint
-- Stored answers written before 1.2 are tied to the complaint they quote, so they are erased with it.
UPDATE "idempotency_keys" SET "complaint_number" = substring("response"::text from 'CMP-[0-9]{8}-[0-9]{6}') WHERE "complaint_number" IS NULL AND "response" IS NOT NULL;--> statement-breakpoint
-- The timeline stays append-only, with one exception: erasing personal data (db/anonymise.ts) may
-- rewrite an event's free text (`reason`, `data`) inside a transaction that declares it
-- (`set_config('complaints.erasure', 'on', true)`); its type, stage, actor, sequence and times never change.
CREATE FUNCTION "guard_timeline_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND coalesce(current_setting('complaints.erasure', true), '') = 'on'
		AND NEW.id = OLD.id AND NEW.complaint_number = OLD.complaint_number AND NEW.seq = OLD.seq AND NEW.type = OLD.type
		AND NEW.stage = OLD.stage AND NEW.actor_id = OLD.actor_id AND NEW.actor_role = OLD.actor_role AND NEW.internal = OLD.internal
		AND NEW.occurred_at = OLD.occurred_at AND NEW.recorded_at = OLD.recorded_at THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
DROP TRIGGER "timeline_events_append_only" ON "timeline_events";--> statement-breakpoint
CREATE TRIGGER "timeline_events_append_only" BEFORE UPDATE OR DELETE ON "timeline_events" FOR EACH ROW EXECUTE FUNCTION "guard_timeline_events"();
