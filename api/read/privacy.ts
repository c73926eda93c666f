/** The read side of personal data: people's data requests in a viewer's scope, and the retention sweep's runs. */
import { and, desc, eq, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints, dataRequests, retentionRuns, type DataRequestRow } from '../../db/schema';
import type { DataRequestStatus } from '../../domain/data-requests';
import { notFound } from '../http/errors';
import { reachedComplaints, type Viewer } from './scopes';

/** The requests a member of staff works on: theirs to answer, and those of complaints in their scope. */
function reachedRequests(viewer: Viewer): SQL | undefined {
  const scope = reachedComplaints(viewer);
  return scope === undefined ? undefined : or(eq(dataRequests.assigneeId, viewer.id), scope);
}

/** One request the viewer reaches; 404 otherwise (as for a complaint out of scope). */
export async function dataRequestInScope(db: Database, viewer: Viewer, id: string): Promise<DataRequestRow> {
  const [row] = await db
    .select({ request: dataRequests })
    .from(dataRequests)
    .innerJoin(complaints, eq(complaints.number, dataRequests.complaintNumber))
    .where(and(eq(dataRequests.id, id), reachedRequests(viewer)));
  if (!row) throw notFound('data request');
  return row.request;
}

/** Open ones first, by due date. */
export async function dataRequestsInScope(db: Database, viewer: Viewer, status?: DataRequestStatus): Promise<DataRequestRow[]> {
  const rows = await db
    .select({ request: dataRequests })
    .from(dataRequests)
    .innerJoin(complaints, eq(complaints.number, dataRequests.complaintNumber))
    .where(and(reachedRequests(viewer), status ? eq(dataRequests.status, status) : undefined))
    .orderBy(desc(eq(dataRequests.status, 'open')), dataRequests.dueAt)
    .limit(200);
  return rows.map((r) => r.request);
}

export async function lastRetentionRuns(db: Database, limit = 20) {
  const runs = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.finishedAt)).limit(limit);
  return runs.map((r) => ({ id: r.id, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt.toISOString(), complaints: r.complaints, counts: r.counts as unknown as Record<string, unknown> }));
}
