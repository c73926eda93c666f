/**
 * Rows of the audit trail (`domain/audit.ts`), written in the transaction of the change they record
 * (pass the transaction), so a change and its audit row are stored together or not at all.
 */
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { AuditAction } from '../../domain/audit';
import type { Role } from '../../domain/model';

/** A database or an open transaction on it. */
type Executor = Pick<Database, 'insert'>;

export interface AuditEntry {
  actor: { id: string; role?: Role };
  action: AuditAction;
  subject: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string;
}

export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actor.id,
    actorRole: entry.actor.role ?? null,
    action: entry.action,
    subject: entry.subject,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  });
}
