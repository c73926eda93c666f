/**
 * The triage rules in force: the newest saved version (`triage_rule_versions`), else the built-in
 * defaults as version 0. Read by the acknowledgement's activity for every new complaint, so a saved
 * change applies to the next complaint and never to one already suggested.
 */
import { desc } from 'drizzle-orm';
import type { DbExecutor } from './client';
import { triageRuleVersions } from './schema';
import { DEFAULT_TRIAGE_RULES, type TriageRules } from '../domain/triage';

export interface TriageRulesInForce {
  version: number;
  rules: TriageRules;
  savedBy?: string;
  savedAt?: Date;
  reason?: string;
}

export async function currentTriageRules(db: DbExecutor, defaults: TriageRules = DEFAULT_TRIAGE_RULES): Promise<TriageRulesInForce> {
  const [row] = await db.select().from(triageRuleVersions).orderBy(desc(triageRuleVersions.version)).limit(1);
  if (!row) return { version: 0, rules: defaults };
  return { version: row.version, rules: row.rules, savedBy: row.savedBy, savedAt: row.savedAt, reason: row.reason };
}
