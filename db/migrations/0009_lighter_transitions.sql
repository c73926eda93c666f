ALTER TABLE "complaint_facts" ADD COLUMN "folded_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Facts written before this column existed have folded every event their complaint has recorded.
UPDATE "complaint_facts" AS f SET "folded_seq" = coalesce((SELECT max(e."seq") FROM "timeline_events" AS e WHERE e."complaint_number" = f."complaint_number"), 0);
