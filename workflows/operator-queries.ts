/**
 * The saved queries operators use in the Temporal Web UI (Workflows → filter), over the search
 * attributes of workflows/search-attributes.ts. The README lists them with their text; a test runs
 * each against the dev server. Times are absolute in the UI's query language: the functions take the
 * reference instant (now) and return the text to paste.
 */
import { localStamp } from './format';

export interface SavedQuery {
  title: string;
  query: (now: Date) => string;
}

/** Monday 00:00 of the week of `now`, in UTC+8 (the organisation's calendar), as an ISO instant. */
export function startOfWeek(now: Date, utcOffsetMinutes = 480): string {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysSinceMonday);
  return new Date(monday - utcOffsetMinutes * 60_000).toISOString();
}

export type SavedQueryName = 'breachedWaitingOnApprover' | 'noTransitionFor24h' | 'escalatedToManagerThisWeek' | 'waitingOnCustomer' | 'legalDueWithin3Days';

export const SAVED_QUERIES: { readonly [K in SavedQueryName]: SavedQuery } = {
  breachedWaitingOnApprover: {
    title: 'Breached and waiting on an approver',
    query: () => 'ExecutionStatus = "Running" AND SlaBreached = true AND WaitingOn = "approver"',
  },
  noTransitionFor24h: {
    title: 'No transition for 24 hours (open cases)',
    query: (now) => `ExecutionStatus = "Running" AND WaitingOn != "nobody" AND LastTransitionAt < "${new Date(now.getTime() - 24 * 3_600_000).toISOString()}"`,
  },
  escalatedToManagerThisWeek: {
    title: 'Escalated to a manager this week',
    query: (now) => `EscalationLevel = 2 AND EscalatedAt >= "${startOfWeek(now)}"`,
  },
  waitingOnCustomer: {
    title: 'Waiting on the customer',
    query: () => 'ExecutionStatus = "Running" AND WaitingOn = "customer"',
  },
  legalDueWithin3Days: {
    title: 'A legal date within 3 days',
    // LegalDueAt is the local wall clock yyyymmddhhmm (workflows/search-attributes.ts).
    query: (now) => `ExecutionStatus = "Running" AND LegalDueAt < ${localStamp(now.getTime() + 3 * 86_400_000, 480)}`,
  },
};
