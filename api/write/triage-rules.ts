/**
 * Saving the triage rules (domain/triage.ts) as a new version: the current version with the change
 * laid over it, checked whole, stored and audited in one transaction. The next complaint's
 * suggestion uses it; complaints already suggested keep theirs (they name their version).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { triageRuleVersions } from '../../db/schema';
import { currentTriageRules } from '../../db/triage-rules';
import type { Actor } from '../../domain/model';
import type { TriageRules } from '../../domain/triage';
import { fieldErrors } from '../../domain/intake';
import { validationFailed } from '../http/errors';
import { triageRulesSchema, type TriageRulesChange } from '../schemas/learning';
import { rulesInForce } from '../read/triage-rules';
import { recordAudit } from './audit';

/** The per-category and per-kind tables merge key by key; every other field is replaced. */
const TABLES = ['categoryKeywords', 'riskWords', 'baseSeverity', 'departmentByCategory'] as const;

export async function saveTriageRules(db: Database, actor: Actor, { changes, reason }: TriageRulesChange, defaults?: TriageRules) {
  await db.transaction(async (tx) => {
    // One save at a time: versions are numbered, and each is the one before plus a change.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('triage_rule_versions'))`);
    const current = await currentTriageRules(tx, defaults);
    const merged: Record<string, unknown> = { ...current.rules };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      merged[key] = (TABLES as readonly string[]).includes(key) ? { ...(current.rules[key as (typeof TABLES)[number]] as object), ...(value as object) } : value;
    }
    const parsed = triageRulesSchema.safeParse(merged);
    if (!parsed.success) throw validationFailed(fieldErrors(parsed.error).map((f) => ({ ...f, path: `changes${f.path ? `.${f.path}` : ''}` })));
    const rules = parsed.data as TriageRules;
    const changed = Object.keys(changes).filter((k) => JSON.stringify((current.rules as unknown as Record<string, unknown>)[k]) !== JSON.stringify((rules as unknown as Record<string, unknown>)[k]));
    const version = current.version + 1;
    await tx.insert(triageRuleVersions).values({ version, rules, reason, savedBy: actor.id });
    const pick = (r: TriageRules) => Object.fromEntries(changed.map((k) => [k, (r as unknown as Record<string, unknown>)[k]]));
    await recordAudit(tx, {
      actor,
      action: 'triage_rules_changed',
      subject: `triage-rules/${version}`,
      before: { version: current.version, ...pick(current.rules) },
      after: { version, ...pick(rules) },
      reason,
    });
  });
  return rulesInForce(db, defaults);
}
