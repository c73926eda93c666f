/**
 * Writing the report roll-up (domain/report-facts.ts): the intake writes a complaint's first facts
 * and its complainant key, the recording activity folds each batch of new events in the same
 * transaction, and `backfillFacts` builds the facts of complaints recorded before the roll-up existed.
 */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from './client';
import { complaintFacts, complaints, timelineEvents, type ComplaintFactsRow, type ComplaintRow, type NewComplaintFactsRow } from './schema';
import { foldFacts, initialFacts, type ComplaintFacts, type FactEvent } from '../domain/report-facts';
import type { ComplaintProjection } from '../workflows/types';

type Dimensions = Pick<ComplaintFactsRow, 'category' | 'departmentId' | 'assigneeId'>;

function columnsOf(f: ComplaintFacts) {
  return {
    currentStage: f.currentStage,
    stageEnteredAt: f.stageEnteredAt,
    stagesEntered: f.stagesEntered,
    stagesBreached: f.stagesBreached,
    stageSeconds: f.stageSeconds,
    acknowledgedAt: f.acknowledgedAt,
    firstStaffResponseAt: f.firstStaffResponseAt,
    resolvedOnSpot: f.resolvedOnSpot,
    closures: f.closures,
    closedAt: f.closedAt,
    outcome: f.outcome,
    breaches: f.breaches,
    handlingBreaches: f.handlingBreaches,
    escalations: f.escalations,
    reopens: f.reopens,
    satisfaction: f.satisfaction,
    retained: f.retained,
  };
}

function factsOf(row: ComplaintFactsRow): ComplaintFacts {
  return {
    currentStage: row.currentStage,
    stageEnteredAt: row.stageEnteredAt,
    stagesEntered: row.stagesEntered,
    stagesBreached: row.stagesBreached,
    stageSeconds: row.stageSeconds.map((s) => s ?? null),
    acknowledgedAt: row.acknowledgedAt,
    firstStaffResponseAt: row.firstStaffResponseAt,
    resolvedOnSpot: row.resolvedOnSpot,
    closures: row.closures,
    closedAt: row.closedAt,
    outcome: row.outcome,
    breaches: row.breaches,
    handlingBreaches: row.handlingBreaches,
    escalations: row.escalations,
    reopens: row.reopens,
    satisfaction: row.satisfaction,
    retained: row.retained,
  };
}

/**
 * The complainant key of a new complaint: that of the earliest complaint with the same customer id,
 * phone key or e-mail key, so a customer who phoned once and wrote in with an account later is one
 * repeat complainant; else the first of those identities. Null when the complaint names none. With
 * it, how many complaints that complainant made before (one statement for both).
 */
export async function complainantOf(
  tx: DbExecutor,
  who: { customerId: string | null; phoneKey: string | null; emailKey: string | null },
): Promise<{ key: string | null; earlierComplaints: number }> {
  const matches = [
    ...(who.customerId ? [eq(complaints.customerId, who.customerId)] : []),
    ...(who.phoneKey ? [eq(complaints.phoneKey, who.phoneKey)] : []),
    ...(who.emailKey ? [eq(complaints.emailKey, who.emailKey)] : []),
  ];
  if (matches.length === 0) return { key: null, earlierComplaints: 0 };
  const { rows } = await tx.execute<{ key: string; earlier: number }>(sql`
    select k.key, (select count(*)::int from ${complaints} c where c.complainant_key = k.key) as earlier
    from (select ${complaints.complainantKey} as key from ${complaints}
          where ${and(or(...matches), sql`${complaints.complainantKey} is not null`)}
          order by ${complaints.receivedAt} asc limit 1) k`);
  const [earlier] = rows;
  // No earlier complaint carries any of these identities, so no complaint has the new key either.
  if (!earlier) return { key: who.customerId ? `customer:${who.customerId}` : (who.phoneKey ?? who.emailKey), earlierComplaints: 0 };
  return { key: earlier.key, earlierComplaints: earlier.earlier };
}

/** The facts row of a complaint just received (written with the intake). */
export function initialFactsRow(row: Pick<ComplaintRow, 'number' | 'receivedAt' | 'channel' | 'productKey' | 'complainantKey'>): NewComplaintFactsRow {
  return { complaintNumber: row.number, receivedAt: row.receivedAt, channel: row.channel, productKey: row.productKey, complainantKey: row.complainantKey, ...columnsOf(initialFacts(row.receivedAt)) };
}

const toFactEvent = (e: { type: FactEvent['type']; stage: FactEvent['stage']; actorId: string; actorRole: string; internal: boolean; occurredAt: Date | string; data: Record<string, unknown> }): FactEvent => ({
  ...e,
  occurredAt: new Date(e.occurredAt),
});

/** Facts of a complaint from its whole timeline (complaints recorded before the roll-up existed). */
async function rebuildFacts(tx: DbExecutor, number: string): Promise<void> {
  const [row] = await tx.select().from(complaints).where(eq(complaints.number, number));
  if (!row) return;
  const events = await tx.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number)).orderBy(asc(timelineEvents.seq));
  const facts = foldFacts(initialFacts(row.receivedAt), events.map(toFactEvent), row.stage);
  const foldedSeq = events.length > 0 ? events[events.length - 1].seq : 0;
  await tx
    .insert(complaintFacts)
    .values({
      complaintNumber: number,
      receivedAt: row.receivedAt,
      channel: row.channel,
      productKey: row.productKey,
      complainantKey: row.complainantKey,
      category: row.category,
      departmentId: row.departmentId,
      assigneeId: row.assigneeId,
      ...columnsOf(facts),
      foldedSeq,
    })
    .onConflictDoNothing();
}

type BatchEvent = { seq: number; type: FactEvent['type']; stage: FactEvent['stage']; actor: { id: string; role: string }; internal: boolean; occurredAt: string; data: Record<string, unknown> };

/**
 * The facts after a recording batch: its events not folded yet (sequence above `foldedSeq`) folded
 * into `current`, with the projection's dimensions. Undefined when the batch adds nothing, e.g. a
 * retried batch whose first attempt was written. The caller writes `set` only where the row still
 * has `expectedFoldedSeq`, so a batch is counted once even when two attempts race.
 */
export function factsAfterBatch(
  current: ComplaintFactsRow,
  events: readonly BatchEvent[],
  projection: Pick<ComplaintProjection, 'stage' | 'category' | 'departmentId' | 'assigneeId'>,
): { set: Partial<ComplaintFactsRow>; expectedFoldedSeq: number } | undefined {
  const unfolded = events.filter((e) => e.seq > current.foldedSeq);
  if (unfolded.length === 0) return undefined;
  const facts = foldFacts(
    factsOf(current),
    unfolded.map((e) => toFactEvent({ ...e, actorId: e.actor.id, actorRole: e.actor.role })),
    projection.stage,
  );
  const dimensions: Dimensions = { category: projection.category ?? null, departmentId: projection.departmentId ?? null, assigneeId: projection.assigneeId ?? null };
  return {
    set: { ...columnsOf(facts), ...dimensions, foldedSeq: Math.max(...unfolded.map((e) => e.seq)) },
    expectedFoldedSeq: current.foldedSeq,
  };
}

/** Facts of a complaint recorded before the roll-up existed, built from its whole timeline (idempotent). */
export async function ensureFacts(db: Database, number: string): Promise<void> {
  await db.transaction((tx) => rebuildFacts(tx, number));
}

/** Builds the facts of every complaint that has none (run by `npm run db:migrate`); returns how many. */
export async function backfillFacts(db: Database, batchSize = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const missing = await db
      .select({ number: complaints.number })
      .from(complaints)
      .leftJoin(complaintFacts, eq(complaintFacts.complaintNumber, complaints.number))
      .where(isNull(complaintFacts.complaintNumber))
      .limit(batchSize);
    if (missing.length === 0) return done;
    await db.transaction(async (tx) => {
      for (const { number } of missing) await rebuildFacts(tx, number);
    });
    done += missing.length;
    if (missing.length < batchSize) return done;
  }
}
