/** The triage rules in force and every saved version (administrators, and the people who triage). */
import { desc } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { triageRuleVersions } from '../../db/schema';
import { currentTriageRules } from '../../db/triage-rules';
import type { TriageRules } from '../../domain/triage';

export async function rulesInForce(db: Database, defaults?: TriageRules) {
  const [current, versions] = await Promise.all([
    currentTriageRules(db, defaults),
    db
      .select({ version: triageRuleVersions.version, savedBy: triageRuleVersions.savedBy, savedAt: triageRuleVersions.savedAt, reason: triageRuleVersions.reason })
      .from(triageRuleVersions)
      .orderBy(desc(triageRuleVersions.version))
      .limit(200),
  ]);
  return {
    version: current.version,
    rules: current.rules,
    ...(current.savedBy ? { savedBy: current.savedBy, savedAt: current.savedAt!.toISOString(), reason: current.reason } : {}),
    versions: versions.map((v) => ({ ...v, savedAt: v.savedAt.toISOString() })),
  };
}
