CREATE TABLE "complaints" (
	"number" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"complainant_name" text NOT NULL,
	"complainant_phone" text,
	"complainant_email" text,
	"customer_id" text,
	"preferred_locale" text DEFAULT 'zh-CN' NOT NULL,
	"subject" jsonb NOT NULL,
	"product_key" text,
	"description" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"occurred_where" text,
	"desired_resolution" text,
	"received_by" text,
	"received_at" timestamp with time zone NOT NULL,
	"stage" text DEFAULT 'received' NOT NULL,
	"category" text,
	"severity" text,
	"grade" text,
	"department_id" text,
	"assignee_id" text,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"sla_breached" boolean DEFAULT false NOT NULL,
	"possibly_systemic" boolean DEFAULT false NOT NULL,
	"next_deadline_at" timestamp with time zone,
	"outcome" text,
	"satisfaction" smallint,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"first_response_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_transition_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state_version" integer DEFAULT 0 NOT NULL,
	"workflow_started_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_counters" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"id" text PRIMARY KEY NOT NULL,
	"complaint_number" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"stage" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_role" text NOT NULL,
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "timeline_events_complaint_seq_uq" UNIQUE("complaint_number","seq")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"complaint_number" text NOT NULL,
	"uri" text NOT NULL,
	"note" text,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"department_id" text NOT NULL,
	"email" text,
	"webhook_url" text,
	"supervisor_id" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"complaint_number" text NOT NULL,
	"kind" text NOT NULL,
	"recipient_type" text NOT NULL,
	"recipient_id" text NOT NULL,
	"channel" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"body_html" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"calendar_id" text NOT NULL,
	"year" text NOT NULL,
	"provisional" boolean NOT NULL,
	"data" jsonb NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_calendar_id_year_pk" PRIMARY KEY("calendar_id","year")
);
--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_complaint_number_complaints_number_fk" FOREIGN KEY ("complaint_number") REFERENCES "public"."complaints"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_complaint_number_complaints_number_fk" FOREIGN KEY ("complaint_number") REFERENCES "public"."complaints"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_stage_idx" ON "complaints" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "complaints_received_at_idx" ON "complaints" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "complaints_assignee_deadline_idx" ON "complaints" USING btree ("assignee_id","next_deadline_at");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "complaints_product_key_idx" ON "complaints" USING btree ("product_key","received_at");--> statement-breakpoint
CREATE INDEX "complaints_unstarted_idx" ON "complaints" USING btree ("created_at") WHERE "complaints"."workflow_started_at" is null;--> statement-breakpoint
CREATE INDEX "timeline_events_type_idx" ON "timeline_events" USING btree ("type");--> statement-breakpoint
CREATE INDEX "evidence_complaint_idx" ON "evidence" USING btree ("complaint_number");--> statement-breakpoint
CREATE INDEX "staff_department_role_idx" ON "staff" USING btree ("department_id","role");--> statement-breakpoint
CREATE INDEX "notifications_complaint_idx" ON "notifications" USING btree ("complaint_number");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_type","recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_status_idx" ON "notifications" USING btree ("status");