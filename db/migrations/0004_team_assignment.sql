CREATE TABLE "assignments" (
	"key" text PRIMARY KEY NOT NULL,
	"complaint_number" text NOT NULL,
	"role" "role" NOT NULL,
	"department_id" text,
	"staff_id" text,
	"via" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "approver_role" "role";--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "follow_up_assignee_id" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "task_force_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "away_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "away_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "assignments_complaint_idx" ON "assignments" USING btree ("complaint_number");--> statement-breakpoint
CREATE INDEX "complaints_follow_up_assignee_idx" ON "complaints" USING btree ("follow_up_assignee_id") WHERE "complaints"."follow_up_assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "complaints_task_force_idx" ON "complaints" USING gin ("task_force_ids");