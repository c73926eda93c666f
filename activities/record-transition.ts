/**
 * Recording a transition in two round trips: one statement reads what the batch needs (the
 * complaint's contact fields for its notifications, its report facts, the directory rows its
 * notifications may reach), and one statement writes everything (events, evidence, the projection,
 * the folded facts, the outbox rows). A single statement is atomic on its own, so there is no
 * BEGIN/COMMIT either; every part is idempotent (event and notification ids are deterministic, the
 * projection only moves forward, the facts only fold a sequence number once), so a retried or
 * racing attempt changes nothing that the first one wrote.
 *
 * Before, the same batch took eight to ten round trips inside a transaction, each one a write and a
 * wait on the worker's main thread, which the profile of the storm showed saturated.
 */
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, getTableColumns, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { FAILURE_TYPES } from '../domain/errors';
import { complaintFacts, complaints, evidence, notifications as outbox, timelineEvents } from '../db/schema';
import { ensureFacts, factsAfterBatch } from '../db/report-facts';
import { directoryEntriesSql, directoryNeedsOf, stillPending } from '../notifications';
import type { NotificationService } from '../notifications/service';
import type { RecordTransitionInput } from '../workflows/types';

/** Writes one batch; returns the ids of e-mail and webhook rows still waiting for a delivery. */
export async function recordTransitionBatch(db: Database, notifications: NotificationService, input: RecordTransitionInput): Promise<string[]> {
  const number = input.complaintNumber;
  const p = input.projection;
  const requests = input.events.flatMap((e) => e.notifications);

  const [read] = await db
    .select({ complaint: getTableColumns(complaints), facts: getTableColumns(complaintFacts), directory: directoryEntriesSql(directoryNeedsOf(requests.map((r) => r.to))) })
    .from(complaints)
    .leftJoin(complaintFacts, eq(complaintFacts.complaintNumber, complaints.number))
    .where(eq(complaints.number, number));
  // As the foreign keys refused such a batch before: data no retry can fix, so the workflow undoes
  // the action instead of waiting for ever (process.ts, isRecordingRefused).
  if (!read) throw ApplicationFailure.create({ type: FAILURE_TYPES.invalidData, message: `complaint ${number} has no intake row`, nonRetryable: true });

  const fold = read.facts ? factsAfterBatch(read.facts, input.events, p) : undefined;
  const planned = input.events.flatMap((e) =>
    e.notifications.length === 0 ? [] : notifications.plan({ complaintNumber: number, eventId: e.id, occurredAt: e.occurredAt }, read.complaint, e.notifications, read.directory),
  );

  // Data-modifying CTEs run exactly once each, whether or not the final SELECT reads them. (A
  // builder is embedded by its `getSQL()`: embedded as itself it would be parenthesised as a subquery.)
  const parts: SQL[] = [];
  if (input.events.length > 0) {
    parts.push(sql`recorded_events as (${db
      .insert(timelineEvents)
      .values(
        input.events.map((e) => ({
          id: e.id,
          complaintNumber: number,
          seq: e.seq,
          type: e.type,
          stage: e.stage,
          actorId: e.actor.id,
          actorRole: e.actor.role,
          reason: e.reason ?? null,
          data: e.data,
          internal: e.internal,
          occurredAt: new Date(e.occurredAt),
        })),
      )
      .onConflictDoNothing()
      .getSQL()})`);
  }
  if (input.evidence?.length) {
    parts.push(sql`recorded_evidence as (${db
      .insert(evidence)
      .values(input.evidence.map((e) => ({ ...e, note: e.note ?? null, complaintNumber: number, addedAt: new Date(e.addedAt) })))
      .onConflictDoNothing()
      .getSQL()})`);
  }
  parts.push(sql`projected as (${db
    .update(complaints)
    .set({
      stage: p.stage,
      category: p.category ?? null,
      severity: p.severity ?? null,
      grade: p.grade ?? null,
      departmentId: p.departmentId ?? null,
      assigneeId: p.assigneeId ?? null,
      approverRole: p.approverRole ?? null,
      followUpAssigneeId: p.followUpAssigneeId ?? null,
      taskForceIds: p.taskForceIds ?? [],
      // A reviewer keeps reaching the case after the sign-off (the review is part of its record).
      ...(p.majorReviews
        ? {
            majorReviews: p.majorReviews,
            reviewerIds: [...new Set(p.majorReviews.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))],
            reviewDepartmentIds: [...new Set(p.majorReviews.map((r) => r.departmentId))],
          }
        : {}),
      escalationLevel: p.escalationLevel,
      slaBreached: p.slaBreached,
      possiblySystemic: p.possiblySystemic,
      nextDeadlineAt: p.nextDeadlineAt ? new Date(p.nextDeadlineAt) : null,
      outcome: p.outcome ?? null,
      duplicateOf: p.duplicateOf ?? null,
      satisfaction: p.satisfaction ?? null,
      reopenCount: p.reopenCount,
      firstResponseAt: p.firstResponseAt ? new Date(p.firstResponseAt) : null,
      closedAt: p.closedAt ? new Date(p.closedAt) : null,
      lastTransitionAt: new Date(p.lastTransitionAt),
      stateVersion: p.stateVersion,
      // Only complaints under a legal regime carry these (a regime named at intake stays until then).
      ...(p.legal
        ? {
            regime: p.legal.regime,
            legalDueAt: p.legal.dueAt ? new Date(p.legal.dueAt) : null,
            legalMissed: p.legal.missed,
            regulatorReference: p.legal.regulatorReference ?? null,
            regulatorOffice: p.legal.regulatorOffice ?? null,
            regulatorDueAt: p.legal.regulatorDueAt ? new Date(p.legal.regulatorDueAt) : null,
          }
        : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(complaints.number, number), lt(complaints.stateVersion, p.stateVersion)))
    .getSQL()})`);
  if (fold) {
    parts.push(sql`folded_facts as (${db
      .update(complaintFacts)
      .set(fold.set)
      .where(and(eq(complaintFacts.complaintNumber, number), eq(complaintFacts.foldedSeq, fold.expectedFoldedSeq)))
      .getSQL()})`);
  }
  if (planned.length > 0) {
    parts.push(sql`stored_notifications as (${db.insert(outbox).values(planned).onConflictDoNothing({ target: outbox.id }).returning({ id: outbox.id }).getSQL()})`);
  }
  const written = await db.execute<{ notifications: number }>(
    sql`with ${sql.join(parts, sql`, `)} select ${planned.length > 0 ? sql`(select count(*) from stored_notifications)::int` : sql`0`} as notifications`,
  );

  // A complaint recorded before the report roll-up existed gets its facts from the whole timeline.
  if (!read.facts && input.events.length > 0) await ensureFacts(db, number);
  return planned.length > 0 ? stillPending(db, planned, written.rows[0]?.notifications ?? 0) : [];
}
