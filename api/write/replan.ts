/**
 * Re-planning open complaints on purpose (issue "clocks the law sets"). Running complaints keep the
 * policy they started with (SPEC §5); two things change that, each recorded on every complaint's
 * timeline (which deadline, old and new due time, why) and once in the audit trail:
 *
 * - an administrator moves chosen complaints onto the policy new complaints start with now, after a
 *   dry run that lists every deadline that would move;
 * - a holiday notice (a calendar year uploaded) is laid into the open complaints of that calendar,
 *   so their working-day deadlines in that year follow it.
 *
 * The workflow computes the moves (workflows/replan.ts); this side picks the complaints, cuts the
 * policy to each one's calendar years, and records the audit.
 */
import type { Client } from '@temporalio/client';
import { eq, gt, ne, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import { complaints } from '../../db/schema';
import type { CalendarYear } from '../../domain/calendar';
import type { Actor } from '../../domain/model';
import { policyForComplaint } from '../../domain/policy';
import type { PolicyProvider } from '../../runtime/policy';
import { calendarYearSignal, previewReplanQuery, replanUpdate } from '../../workflows/messages';
import type { ReplanRequest, ReplanResult } from '../../workflows/types';
import { fromDependencyError, fromTemporalError } from '../http/errors';
import { recordAudit } from './audit';

/** How one complaint fared. */
export type ReplanOutcome =
  | (ReplanResult & { status: 'replanned' | 'unchanged' | 'preview' })
  | { number: string; status: 'not_found' | 'not_running' | 'failed'; message?: string };

/** Updates sent side by side: enough to get through a few thousand open complaints in seconds, gentle on the engine. */
const CONCURRENCY = 8;
/** How long one complaint's worker has to answer a dry run or an apply before it is reported `failed`. */
const ANSWER_WITHIN_MS = 10_000;
/** A closed complaint's workflow still runs its reopen window and follow-up visit for about this long. */
const CLOSED_STILL_RUNNING_DAYS = 60;

async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await run(items[i]!);
    }),
  );
  return out;
}

export function createReplanner(deps: { db: Database; client: Client; policy: PolicyProvider; log: Logger }) {
  const { db, client, log } = deps;

  async function one(number: string, request: (row: { receivedAt: Date; companyReceivedAt: Date | null }) => Promise<ReplanRequest>, actor: Actor, dryRun: boolean): Promise<ReplanOutcome> {
    const [row] = await db.select({ receivedAt: complaints.receivedAt, companyReceivedAt: complaints.companyReceivedAt }).from(complaints).where(eq(complaints.number, number));
    if (!row) return { number, status: 'not_found' };
    const handle = client.workflow.getHandle(number);
    try {
      const status = (await handle.describe()).status.name;
      if (status !== 'RUNNING') return { number, status: 'not_running' };
      const body = await request(row);
      // Both need the complaint's worker: without one polling, the answer is `failed`, not a hung request.
      const within = <T>(fn: () => Promise<T>) => client.withDeadline(Date.now() + ANSWER_WITHIN_MS, fn);
      if (dryRun) return { ...(await within(() => handle.query(previewReplanQuery, body))), status: 'preview' };
      const result = await within(() => handle.executeUpdate(replanUpdate, { args: [{ ...body, actor }] }));
      return { ...result, status: result.applied ? 'replanned' : 'unchanged' };
    } catch (err) {
      const mapped = fromTemporalError(err) ?? fromDependencyError(err);
      if (mapped?.status === 404) return { number, status: 'not_running' };
      log.warn({ err, complaint: number }, 're-plan of one complaint failed');
      return { number, status: 'failed', message: mapped?.message ?? 'the engine did not answer' };
    }
  }

  /** Counts and moves for the audit trail, without anything personal (numbers, clock names, times). */
  function summary(outcomes: ReplanOutcome[]) {
    const count = (s: ReplanOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    return {
      complaints: outcomes.length,
      replanned: count('replanned'),
      unchanged: count('unchanged'),
      notRunning: count('not_running') + count('not_found'),
      failed: count('failed'),
      moves: outcomes.flatMap((o) => ('moves' in o ? o.moves.map((m) => ({ number: o.number, ...m })) : [])).slice(0, 500),
    };
  }

  return {
    /**
     * Moves chosen open complaints onto the policy new complaints start with now. A dry run lists every
     * deadline that would move and changes nothing; the apply step records who, when and why.
     */
    async replanComplaints(actor: Actor, input: { complaints: string[]; reason: string; dryRun: boolean }) {
      const current = await deps.policy();
      const outcomes = await inBatches(input.complaints, (number) =>
        one(number, async (row) => ({ policy: policyForComplaint(current, row.receivedAt.getTime(), (row.companyReceivedAt ?? row.receivedAt).getTime()), reason: input.reason }), actor, input.dryRun),
      );
      if (!input.dryRun) {
        await recordAudit(db, { actor, action: 'complaints_replanned', subject: `policy ${current.version}`, reason: input.reason, after: summary(outcomes) });
      }
      return { policyVersion: current.version, dryRun: input.dryRun, complaints: outcomes };
    },

    /**
     * A calendar year was uploaded (the annual holiday notice): each running complaint is signalled,
     * takes the year if it runs on that calendar, and records the deadlines that moved on its timeline.
     * A signal waits in the engine for a complaint whose worker is not polling, so none is skipped;
     * closed complaints whose reopen window or follow-up visit still runs are included.
     */
    async replanCalendarYear(actor: Actor, calendarId: string, year: string, data: CalendarYear) {
      const since = new Date(Date.now() - CLOSED_STILL_RUNNING_DAYS * 86_400_000);
      const rows = await db
        .select({ number: complaints.number })
        .from(complaints)
        .where(or(ne(complaints.stage, 'closed'), gt(complaints.closedAt, since)));
      const reason = `holiday notice: calendar ${calendarId} ${year} replaced`;
      const signal = { calendarYear: { calendarId, year, data }, reason, actor: { id: actor.id, role: actor.role } };
      const sent = await inBatches(
        rows.map((r) => r.number),
        async (number) => {
          try {
            await client.workflow.getHandle(number).signal(calendarYearSignal, signal);
            return { number, sent: true };
          } catch (err) {
            // Finished since (its row not yet closed), or the engine refused: reported, and a new upload retries.
            log.warn({ err, complaint: number }, 'holiday notice not delivered to one complaint');
            return { number, sent: false };
          }
        },
      );
      const result = { complaints: sent.filter((s) => s.sent).length, failed: sent.filter((s) => !s.sent).length };
      if (rows.length > 0) {
        await recordAudit(db, { actor, action: 'complaints_replanned', subject: `calendar ${calendarId}/${year}`, reason, after: { ...result, numbers: sent.filter((s) => s.sent).map((s) => s.number).slice(0, 500) } });
      }
      log.info({ calendar: calendarId, year, ...result }, 'holiday notice sent to the running complaints');
      return result;
    },
  };
}

export type Replanner = ReturnType<typeof createReplanner>;
