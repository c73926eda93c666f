/** The audit trail as administrators and the quality team read it: newest first, filtered, paged by id. */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { auditLog, type AuditRow } from '../../db/schema';
import { AUDIT_ACTION_NAMES } from '../../domain/audit';
import { isoInstant, singleLine } from '../../domain/text';

export const auditQuerySchema = z.strictObject({
  action: z.enum(AUDIT_ACTION_NAMES).optional(),
  actorId: singleLine(300).optional(),
  subject: singleLine(300).optional().describe('A staff id, `calendar/year`, a complaint number, `problem/<id>` or a notification id.'),
  from: isoInstant().optional(),
  to: isoInstant().optional().describe('Exclusive.'),
  before: z.coerce.number().int().min(1).optional().describe('Rows older than this id: the `next` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export function auditEntry(row: AuditRow) {
  return { ...row, occurredAt: row.occurredAt.toISOString() };
}

export async function auditTrail(db: Database, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.subject) where.push(eq(auditLog.subject, q.subject));
  if (q.from) where.push(gte(auditLog.occurredAt, new Date(q.from)));
  if (q.to) where.push(lt(auditLog.occurredAt, new Date(q.to)));
  if (q.before) where.push(lt(auditLog.id, q.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { items: page.map(auditEntry), next: rows.length > q.limit ? page.at(-1)!.id : null };
}
