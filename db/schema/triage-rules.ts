import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import type { TriageRules } from '../../domain/triage';

/**
 * The triage rules as administrators edit them, one row per version (versioned like the policy: a
 * complaint's suggestion names the version that made it, and an earlier complaint keeps its own).
 * No row: the built-in defaults (`DEFAULT_TRIAGE_RULES`, version 0). Every save is audited.
 */
export const triageRuleVersions = pgTable('triage_rule_versions', {
  version: integer('version').primaryKey(),
  rules: jsonb('rules').$type<TriageRules>().notNull(),
  reason: text('reason').notNull(),
  savedBy: text('saved_by').notNull(),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
});

export const triageRuleVersionSelectSchema = createSelectSchema(triageRuleVersions);
export type TriageRuleVersionRow = typeof triageRuleVersions.$inferSelect;
