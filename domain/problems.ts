/**
 * Systemic problems [001 规范3 对于重复性投诉，深入调查，找出系统性问题并解决; 000 §二.6]: a supervisor
 * opens one from a hot spot or a repeat product, links the complaints that show it, and records the
 * corrective action, its owner and its due date. Pure data, shared by the schema and the API.
 */
export const PROBLEM_STATUSES = ['open', 'acting', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** What each status means, for the docs and the page. */
export const PROBLEM_STATUS_MEANING: Record<ProblemStatus, string> = {
  open: 'identified; no corrective action decided yet',
  acting: 'a corrective action, its owner and its due date are recorded and under way',
  resolved: 'the corrective action is done; the problem no longer counts as open',
};

/** Statuses a problem may move to from each status (a resolved problem can be opened again). */
export const PROBLEM_TRANSITIONS: Record<ProblemStatus, readonly ProblemStatus[]> = {
  open: ['acting', 'resolved'],
  acting: ['open', 'resolved'],
  resolved: ['open'],
};

/** Where a problem was spotted. */
export const PROBLEM_ORIGINS = ['hot_spot', 'repeat_product', 'repeat_complainant', 'other'] as const;
export type ProblemOrigin = (typeof PROBLEM_ORIGINS)[number];
