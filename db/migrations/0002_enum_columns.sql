CREATE TYPE "public"."complaint_category" AS ENUM('product_quality', 'service_attitude', 'after_sales', 'price_dispute', 'logistics', 'privacy', 'compliance', 'other');--> statement-breakpoint
CREATE TYPE "public"."complaint_channel" AS ENUM('hotline', 'web', 'app', 'email', 'social', 'store', 'letter', 'regulator_transfer');--> statement-breakpoint
CREATE TYPE "public"."complaint_grade" AS ENUM('simple', 'complex', 'major');--> statement-breakpoint
CREATE TYPE "public"."notification_channel" AS ENUM('in_app', 'email', 'webhook');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('acknowledgement', 'progress_update', 'proposal', 'response_reminder', 'escalation_notice', 'outcome', 'satisfaction_survey', 'follow_up', 'assignment', 'deadline_reminder', 'sla_breach', 'escalation', 'approval_request', 'approval_decision', 'follow_up_task');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sending', 'sent', 'retrying', 'failed', 'unconfirmed');--> statement-breakpoint
CREATE TYPE "public"."complaint_outcome" AS ENUM('resolved', 'unresolved', 'withdrawn', 'invalid', 'duplicate');--> statement-breakpoint
CREATE TYPE "public"."recipient_type" AS ENUM('customer', 'staff', 'role');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('customer', 'agent', 'handler', 'supervisor', 'manager', 'admin');--> statement-breakpoint
CREATE TYPE "public"."complaint_severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."complaint_stage" AS ENUM('received', 'acknowledged', 'resolving_on_spot', 'investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing', 'confirming', 'closed', 'follow_up');--> statement-breakpoint
CREATE TYPE "public"."timeline_event_type" AS ENUM('received', 'acknowledged', 'calendar_data_missing', 'triaged', 'resolved_on_spot', 'evidence_added', 'findings_recorded', 'progress_update_sent', 'proposal_submitted_for_approval', 'approval_overdue', 'proposal_approved', 'proposal_rejected_by_approver', 'proposal_sent', 'proposal_accepted', 'proposal_rejected', 'customer_no_response', 'execution_completed', 'satisfaction_recorded', 'satisfaction_not_given', 'deadline_reminder', 'sla_breached', 'escalated', 'reassigned', 'sla_paused', 'sla_resumed', 'note', 'customer_information', 'case_review', 'withdrawn', 'closed', 'follow_up_due', 'follow_up_recorded', 'reopened', 'reopen_window_ended');--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "channel" SET DATA TYPE "public"."complaint_channel" USING "channel"::"public"."complaint_channel";--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "stage" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "stage" SET DATA TYPE "public"."complaint_stage" USING "stage"::"public"."complaint_stage";--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "stage" SET DEFAULT 'received'::"public"."complaint_stage";--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "category" SET DATA TYPE "public"."complaint_category" USING "category"::"public"."complaint_category";--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "severity" SET DATA TYPE "public"."complaint_severity" USING "severity"::"public"."complaint_severity";--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "grade" SET DATA TYPE "public"."complaint_grade" USING "grade"::"public"."complaint_grade";--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "outcome" SET DATA TYPE "public"."complaint_outcome" USING "outcome"::"public"."complaint_outcome";--> statement-breakpoint
ALTER TABLE "timeline_events" ALTER COLUMN "type" SET DATA TYPE "public"."timeline_event_type" USING "type"::"public"."timeline_event_type";--> statement-breakpoint
ALTER TABLE "timeline_events" ALTER COLUMN "stage" SET DATA TYPE "public"."complaint_stage" USING "stage"::"public"."complaint_stage";--> statement-breakpoint
ALTER TABLE "timeline_events" ALTER COLUMN "actor_role" SET DATA TYPE "public"."role" USING "actor_role"::"public"."role";--> statement-breakpoint
ALTER TABLE "staff" ALTER COLUMN "role" SET DATA TYPE "public"."role" USING "role"::"public"."role";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE "public"."notification_kind" USING "kind"::"public"."notification_kind";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "recipient_type" SET DATA TYPE "public"."recipient_type" USING "recipient_type"::"public"."recipient_type";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "channel" SET DATA TYPE "public"."notification_channel" USING "channel"::"public"."notification_channel";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "status" SET DATA TYPE "public"."notification_status" USING "status"::"public"."notification_status";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "status" SET DEFAULT 'pending'::"public"."notification_status";