/**
 * The retention sweep's work (workflows/retention.ts): every closed complaint past one of its periods
 * (domain/retention.ts) loses that kind of personal data, unless a legal hold keeps it or its process
 * still runs (a reopen window, a follow-up visit ahead: asked of the engine once, then remembered);
 * expired copies go; the run is recorded as counts. Safe to run again: erasure is idempotent and the
 * run row is keyed by the workflow run.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, asc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { complaints, retentionRuns } from '../db/schema';
import { erasePersonalData, expireCopies } from '../db/anonymise';
import { emptyRunCounts, PERSONAL_DATA_KIND_NAMES, retentionMs, type PersonalDataKind, type RetentionPolicy, type RetentionRunCounts } from '../domain/retention';

const BATCH = 200;

export function createRetentionActivities(db: Database) {
  /** Whether the complaint's process has ended (remembered on the row once it has). */
  async function processEnded(number: string): Promise<boolean> {
    try {
      const described = await Context.current().client.workflow.getHandle(number).describe();
      if (described.status.name === 'RUNNING') return false;
    } catch (err) {
      // Never started (an intake whose start was lost and then closed by hand): nothing runs.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    await db.update(complaints).set({ processEndedAt: sql`coalesce(${complaints.processEndedAt}, now())` }).where(eq(complaints.number, number));
    return true;
  }

  return {
    async sweepRetention({ rules }: { rules: RetentionPolicy }): Promise<RetentionRunCounts> {
      const info = Context.current().info;
      const startedAt = new Date();
      const counts = emptyRunCounts();
      const touched = new Set<string>();
      const cutoff = Object.fromEntries(PERSONAL_DATA_KIND_NAMES.map((k) => [k, new Date(startedAt.getTime() - retentionMs(rules.keep[k]))])) as Record<PersonalDataKind, Date>;
      // A kind is due when the complaint closed before its cutoff and it is not erased yet.
      const due = (k: PersonalDataKind) => sql`(${complaints.closedAt} < ${cutoff[k]} and not (${complaints.personalDataErased} ? ${k}))`;
      const anyDue = sql.join(PERSONAL_DATA_KIND_NAMES.map(due), sql` or `);

      const [{ held }] = await db
        .select({ held: sql<number>`count(*)::int` })
        .from(complaints)
        .where(and(eq(complaints.stage, 'closed'), isNotNull(complaints.closedAt), isNotNull(complaints.legalHoldReason), sql`(${anyDue})`));
      counts.held = held;

      let after = '';
      for (;;) {
        const batch = await db
          .select({ number: complaints.number, closedAt: complaints.closedAt, erased: complaints.personalDataErased, endedAt: complaints.processEndedAt })
          .from(complaints)
          .where(and(eq(complaints.stage, 'closed'), isNotNull(complaints.closedAt), isNull(complaints.legalHoldReason), gt(complaints.number, after), sql`(${anyDue})`))
          .orderBy(asc(complaints.number))
          .limit(BATCH);
        for (const row of batch) {
          Context.current().heartbeat(row.number);
          if (!row.endedAt && !(await processEnded(row.number))) {
            counts.stillRunning += 1;
            continue;
          }
          const kinds = PERSONAL_DATA_KIND_NAMES.filter((k) => row.closedAt! < cutoff[k] && !row.erased[k]);
          const result = await erasePersonalData(db, row.number, kinds, { dropContactKeys: rules.dropContactKeys });
          for (const k of result.erased) counts.erased[k] += 1;
          if (result.historyShredded) counts.historiesShredded += 1;
          if (result.erased.length > 0) touched.add(row.number);
        }
        if (batch.length < BATCH) break;
        after = batch.at(-1)!.number;
      }
      Object.assign(counts, await expireCopies(db, retentionMs(rules.copies.idempotencyAnswers), startedAt));
      await db
        .insert(retentionRuns)
        .values({ id: info.workflowExecution?.runId ?? info.activityId, startedAt, rules, counts, complaints: touched.size })
        // A retried attempt (the worker died mid-sweep) records what it did itself; the first attempt's erasures stay done.
        .onConflictDoUpdate({ target: retentionRuns.id, set: { finishedAt: sql`now()`, counts, complaints: touched.size } });
      return counts;
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
