/**
 * Authority tiers for remedies (SPEC §4.6) [002 §二(四).2, 004 §二(一)].
 *
 * Who may grant how much: an agent up to a small amount, a supervisor up to a larger one, a manager
 * above that. A proposal above the proposer's tier waits for approval by someone whose tier covers it.
 * The amounts are policy *defaults* held in data, so an operator can change them and a running
 * complaint keeps the tiers it started with (the workflow carries its own copy).
 *
 * Pure and deterministic: bundled into the workflow sandbox.
 */
import { REMEDY_MONEY, type RemedyType, type Role } from './model';

export interface AuthorityTiers {
  /** ISO 4217 code the limits are expressed in; proposals in another currency are rejected, not compared. */
  currency: string;
  /** Highest total (minor units, inclusive) an agent or handler may grant alone. */
  agentMaxMinor: number;
  /** Highest total (minor units, inclusive) a supervisor may grant; above it a manager must. */
  supervisorMaxMinor: number;
}

/** Defaults: agent ≤ 200 CNY, supervisor ≤ 2,000 CNY, manager above [SPEC §4.6]. */
export const DEFAULT_AUTHORITY_TIERS: AuthorityTiers = Object.freeze({
  currency: 'CNY',
  agentMaxMinor: 20_000,
  supervisorMaxMinor: 200_000,
});

/** The tier whose holder can grant an amount on their own. */
export type AuthorityTier = 'agent' | 'supervisor' | 'manager';
/** Roles that approve; agents never approve, so the lowest approver is a supervisor. */
export type ApproverRole = 'supervisor' | 'manager';


const TIER_LEVEL: Record<AuthorityTier, number> = { agent: 0, supervisor: 1, manager: 2 };

/**
 * Returns an error message when a tier configuration cannot work, or null when it is valid.
 * Meant for whoever loads an operator's policy, so a bad setting is refused up front rather than
 * producing odd approvals later.
 */
export function checkAuthorityTiers(tiers: AuthorityTiers): string | null {
  if (typeof tiers.currency !== 'string' || !/^[A-Z]{3}$/.test(tiers.currency)) {
    return `Authority tiers currency must be an ISO 4217 code such as "CNY"; got "${String(tiers.currency)}".`;
  }
  for (const key of ['agentMaxMinor', 'supervisorMaxMinor'] as const) {
    if (!Number.isSafeInteger(tiers[key]) || tiers[key] < 0) {
      return `Authority tiers ${key} must be a non-negative integer amount in minor units; got ${String(tiers[key])}.`;
    }
  }
  if (tiers.agentMaxMinor > tiers.supervisorMaxMinor) {
    return `Authority tiers are out of order: agentMaxMinor (${tiers.agentMaxMinor}) exceeds supervisorMaxMinor (${tiers.supervisorMaxMinor}).`;
  }
  return null;
}

/**
 * Returns an error message when a proposal's currency differs from the tiers' currency, or null.
 * Comparing 500 USD against CNY limits would silently approve too much (or too little), so a
 * mismatch must stop the proposal until it is converted or a policy in that currency is used.
 */
export function checkCurrency(currency: string, tiers: AuthorityTiers = DEFAULT_AUTHORITY_TIERS): string | null {
  if (typeof currency !== 'string' || currency.trim() === '') {
    return `Remedy currency is missing; the authority tiers are in ${tiers.currency}.`;
  }
  if (currency.trim().toUpperCase() !== tiers.currency.toUpperCase()) {
    return (
      `Remedy currency "${currency}" differs from the authority tiers' currency "${tiers.currency}"; ` +
      `amounts in different currencies cannot be compared with the limits. Convert to ${tiers.currency} ` +
      `or use a policy in ${currency}.`
    );
  }
  return null;
}

/**
 * Returns an error message for the first remedy whose amount is not a non-negative integer, or null.
 * A negative amount would lower the total and could slip a large grant under an agent's limit.
 */
export function checkRemedyAmounts(remedies: readonly { type: RemedyType; amountMinor?: number }[]): string | null {
  for (const [i, remedy] of remedies.entries()) {
    if (remedy.amountMinor === undefined) continue;
    if (!Number.isSafeInteger(remedy.amountMinor) || remedy.amountMinor < 0) {
      return `Remedy #${i + 1} (${remedy.type}) amountMinor must be a non-negative integer in minor units; got ${String(remedy.amountMinor)}.`;
    }
  }
  return null;
}

/**
 * Total value granted to the customer, in minor units: the sum of the priced remedies that carry
 * money (REMEDY_MONEY in ./model).
 * Throws a RangeError on an invalid amount (see checkRemedyAmounts) instead of skipping it, because
 * skipping or accepting a negative value could understate the total and bypass approval; callers
 * validate first, this is the last line of defence.
 */
export function remedyTotalMinor(remedies: readonly { type: RemedyType; amountMinor?: number }[]): number {
  const error = checkRemedyAmounts(remedies);
  if (error) throw new RangeError(error);
  let total = 0;
  for (const remedy of remedies) {
    if (remedy.amountMinor !== undefined && REMEDY_MONEY[remedy.type] !== 'never') total += remedy.amountMinor;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError(`Remedy total ${total} exceeds the safe integer range.`);
  return total;
}

/**
 * The lowest tier that may grant `amountMinor`. Limits are inclusive: exactly 200 CNY is still the
 * agent's. An amount that is not a finite non-negative number fails closed to the highest tier.
 */
export function tierRequiredFor(amountMinor: number, tiers: AuthorityTiers = DEFAULT_AUTHORITY_TIERS): AuthorityTier {
  if (!Number.isFinite(amountMinor) || amountMinor < 0) return 'manager';
  if (amountMinor <= tiers.agentMaxMinor) return 'agent';
  if (amountMinor <= tiers.supervisorMaxMinor) return 'supervisor';
  return 'manager';
}

/**
 * Authority level of a role: -1 none (customers grant nothing), 0 agent/handler, 1 supervisor,
 * 2 manager; the quality team none (it reads, acts on none). Admin is 2 so that an administrator can stand in for a manager (e.g. the system actor).
 * Matches the escalation levels in model.ts.
 */
export function authorityLevelOf(role: Role): number {
  switch (role) {
    case 'customer':
    case 'quality':
      return -1;
    case 'agent':
    case 'handler':
      return 0;
    case 'supervisor':
      return 1;
    case 'manager':
    case 'admin':
      return 2;
    default: {
      // An unknown role (e.g. from a newer token) gets no authority rather than some.
      const _exhaustive: never = role;
      return -1;
    }
  }
}

/** Whether `role` may grant (or approve) a total of `amountMinor` on its own authority. */
export function canGrant(role: Role, amountMinor: number, tiers: AuthorityTiers = DEFAULT_AUTHORITY_TIERS): boolean {
  return authorityLevelOf(role) >= TIER_LEVEL[tierRequiredFor(amountMinor, tiers)];
}

/**
 * Who must approve a proposal of `amountMinor` made by `proposerRole`; null when the proposer may
 * grant it alone. Approval is never asked of an agent, so the answer is at least a supervisor even
 * for a proposer with no authority at all (customers do not propose; the API refuses them earlier).
 */
export function approverRoleFor(
  proposerRole: Role,
  amountMinor: number,
  tiers: AuthorityTiers = DEFAULT_AUTHORITY_TIERS,
): ApproverRole | null {
  if (canGrant(proposerRole, amountMinor, tiers)) return null;
  return tierRequiredFor(amountMinor, tiers) === 'manager' ? 'manager' : 'supervisor';
}

/**
 * An overdue approval moves one level up the ladder [SPEC §4.6]; a manager is the top, so an
 * overdue manager approval stays with managers (the workflow escalates/reminds instead).
 */
export function nextApproverOnOverdue(current: ApproverRole): 'manager' {
  switch (current) {
    case 'supervisor':
    case 'manager':
      return 'manager';
    default: {
      const _exhaustive: never = current;
      return 'manager';
    }
  }
}

export type ProposalAssessment =
  | { ok: true; totalMinor: number; tier: AuthorityTier; approverRole: ApproverRole | null }
  | { ok: false; error: string };

/**
 * One call for the workflow/API: validates currency and amounts, then says whether the proposal
 * needs approval and from whom. Errors are returned, not thrown, so a bad proposal can be refused
 * with a clear message without failing a workflow task.
 */
export function assessProposal(
  proposerRole: Role,
  remedies: readonly { type: RemedyType; amountMinor?: number }[],
  currency: string | undefined,
  tiers: AuthorityTiers = DEFAULT_AUTHORITY_TIERS,
): ProposalAssessment {
  // A proposal with no amounts at all (apology, explanation…) has nothing to compare, so it may omit the currency.
  const hasAmounts = remedies.some((r) => r.amountMinor !== undefined);
  const error =
    checkAuthorityTiers(tiers) ?? (hasAmounts ? checkCurrency(currency ?? '', tiers) : null) ?? checkRemedyAmounts(remedies);
  if (error) return { ok: false, error };
  const totalMinor = remedyTotalMinor(remedies);
  return {
    ok: true,
    totalMinor,
    tier: tierRequiredFor(totalMinor, tiers),
    approverRole: approverRoleFor(proposerRole, totalMinor, tiers),
  };
}
