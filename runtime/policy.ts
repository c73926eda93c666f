import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { calendarYears } from '../db/schema';
import { DEFAULT_CALENDAR_ID, loadCalendar } from '../db/calendars';
import { applyPolicyOverrides, defaultPolicy, policyOverridesSchema, type Policy, type PolicyOverrides } from '../domain/policy';

/**
 * The policy new complaints start with: defaults, then the operator's overrides (POLICY_FILE, a JSON
 * file, or POLICY_JSON), with the calendar as the database holds it. Bad overrides stop the process.
 */
export function loadPolicyOverrides(env = process.env): PolicyOverrides {
  const raw = env.POLICY_JSON ?? (env.POLICY_FILE ? fs.readFileSync(env.POLICY_FILE, 'utf8') : undefined);
  if (!raw) return {};
  const parsed = policyOverridesSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new Error(`invalid policy overrides: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export type PolicyProvider = () => Promise<Policy>;

/**
 * Building the policy parses the calendar (every year the database holds), so it is kept until the
 * calendar changes: each call asks only for the calendar's version (its years and when each was
 * loaded, folded into one short hash), which an upload through any API process changes at once.
 */
export function createPolicyProvider(db: Database, overrides: PolicyOverrides, calendarId = DEFAULT_CALENDAR_ID): PolicyProvider {
  let cached: { version: string; policy: Promise<Policy> } | undefined;
  return async () => {
    const [{ version }] = await db
      .select({ version: sql<string>`coalesce(md5(string_agg(${calendarYears.year} || '@' || ${calendarYears.loadedAt}::text, ',' order by ${calendarYears.year})), '')` })
      .from(calendarYears)
      .where(eq(calendarYears.calendarId, calendarId));
    if (cached?.version !== version) {
      const policy = loadCalendar(db, calendarId).then((calendar) => applyPolicyOverrides(defaultPolicy(calendar), overrides));
      cached = { version, policy };
      // A failed load is not kept: the next call tries again.
      policy.catch(() => {
        if (cached?.policy === policy) cached = undefined;
      });
    }
    return cached.policy;
  };
}
