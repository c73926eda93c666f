import fs from 'node:fs';
import type { Database } from '../db/client';
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

export function createPolicyProvider(db: Database, overrides: PolicyOverrides, calendarId = DEFAULT_CALENDAR_ID): PolicyProvider {
  return async () => applyPolicyOverrides(defaultPolicy(await loadCalendar(db, calendarId)), overrides);
}
