/**
 * Changes to workflow commands since release 1.0, each behind a `patched` check so that complaints started
 * before it replay unchanged (and take the new behaviour from the point they reach it in a new
 * workflow task). Add an entry with the date and what changed, branch on `patched` with `PATCHES.x`, and
 * record a history of the new path beside the 1.0 ones (README, "Tests"). Never rename or remove an
 * entry while complaints started before it may run; once none can, the old branch and then the entry
 * can go (`deprecatePatch` first).
 *
 * Release 1.0 folded every pre-release patch into the code (complaints of 0.x are finished or reset
 * before the upgrade: README, "Upgrading from 0.x").
 */
export const PATCHES = {
  /**
   * 2026-11-27 (1.1): after the customer rejects a proposal, the case is back in `proposing` with a
   * reply clock of its own (the policy's reply period, from the rejection) beside the progress clock;
   * before, only progress updates were due.
   */
  replyClockAfterRejection: 'reply-clock-after-rejection',
  /**
   * 2026-11-27 (1.1): triage (internal routing) no longer meets the first response; a member of
   * staff answering the customer does — a note to the customer, a progress update, an on-the-spot
   * resolution, a proposal sent, or the closure (SPEC §2; the KPI of docs/kpis.md counts the same).
   */
  firstResponseByAnswer: 'first-response-by-answer',
  /**
   * 2026-11-27 (1.1): a complaint under a legal regime (intake's or triage's `regime`) runs its legal
   * clocks beside the internal ones (workflows/legal.ts): early warnings, misses, stops, extensions,
   * and the `LegalDueAt` search attribute. Complaints without a regime are unchanged.
   */
  legalClocks: 'legal-clocks',
  /**
   * 2026-11-28 (1.3): a major case with legal, regulator or media risk (or a critical one) opens a
   * legal and/or PR review at triage or when regraded to major (domain/major-review.ts): an owner in
   * the policy's department, a clock of its own (`legalReview`, `prReview`), and a proposal that
   * waits for the legal sign-off.
   */
  majorCaseReview: 'major-case-review',
  /**
   * 2026-11-28 (1.3): findings that make the company responsible (or share it) owe the customer an
   * apology: a proposal includes one or says why not (service recovery, 000 §三).
   */
  serviceRecovery: 'service-recovery',
} as const satisfies Record<string, string>;

export type PatchId = (typeof PATCHES)[keyof typeof PATCHES];
