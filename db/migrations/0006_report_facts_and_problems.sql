CREATE TYPE "public"."problem_origin" AS ENUM('hot_spot', 'repeat_product', 'repeat_complainant', 'other');--> statement-breakpoint
CREATE TYPE "public"."problem_status" AS ENUM('open', 'acting', 'resolved');--> statement-breakpoint
CREATE TABLE "complaint_facts" (
	"complaint_number" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"channel" "complaint_channel" NOT NULL,
	"category" "complaint_category",
	"department_id" text,
	"assignee_id" text,
	"product_key" text,
	"complainant_key" text,
	"current_stage" "complaint_stage" NOT NULL,
	"stage_entered_at" timestamp with time zone NOT NULL,
	"stages_entered" integer NOT NULL,
	"stages_breached" integer DEFAULT 0 NOT NULL,
	"stage_seconds" double precision[] NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"first_staff_response_at" timestamp with time zone,
	"resolved_on_spot" boolean DEFAULT false NOT NULL,
	"closures" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"outcome" "complaint_outcome",
	"breaches" integer DEFAULT 0 NOT NULL,
	"handling_breaches" integer DEFAULT 0 NOT NULL,
	"escalations" integer DEFAULT 0 NOT NULL,
	"reopens" integer DEFAULT 0 NOT NULL,
	"satisfaction" smallint
);
--> statement-breakpoint
CREATE TABLE "problem_complaints" (
	"problem_id" integer NOT NULL,
	"complaint_number" text NOT NULL,
	"linked_by" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_complaints_problem_id_complaint_number_pk" PRIMARY KEY("problem_id","complaint_number")
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"description" text,
	"origin" "problem_origin" NOT NULL,
	"category" "complaint_category",
	"product_key" text,
	"status" "problem_status" DEFAULT 'open' NOT NULL,
	"corrective_action" text,
	"owner_id" text,
	"due_date" date,
	"resolution" text,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "complainant_key" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "phone_key" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "email_key" text;--> statement-breakpoint
ALTER TABLE "complaint_facts" ADD CONSTRAINT "complaint_facts_complaint_number_complaints_number_fk" FOREIGN KEY ("complaint_number") REFERENCES "public"."complaints"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_complaints" ADD CONSTRAINT "problem_complaints_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_complaints" ADD CONSTRAINT "problem_complaints_complaint_number_complaints_number_fk" FOREIGN KEY ("complaint_number") REFERENCES "public"."complaints"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_facts_received_idx" ON "complaint_facts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "complaint_facts_department_idx" ON "complaint_facts" USING btree ("department_id","received_at");--> statement-breakpoint
CREATE INDEX "complaint_facts_product_idx" ON "complaint_facts" USING btree ("product_key","received_at");--> statement-breakpoint
CREATE INDEX "complaint_facts_complainant_idx" ON "complaint_facts" USING btree ("complainant_key","received_at");--> statement-breakpoint
CREATE INDEX "problem_complaints_complaint_idx" ON "problem_complaints" USING btree ("complaint_number");--> statement-breakpoint
CREATE INDEX "problems_status_idx" ON "problems" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "complaints_phone_key_idx" ON "complaints" USING btree ("phone_key") WHERE "complaints"."phone_key" is not null;--> statement-breakpoint
CREATE INDEX "complaints_email_key_idx" ON "complaints" USING btree ("email_key") WHERE "complaints"."email_key" is not null;