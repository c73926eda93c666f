/**
 * Rows of the audit trail (`domain/audit.ts`), written in the transaction of the change they record
 * (pass the transaction), so a change and its audit row are stored together or not at all.
 */
import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
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

/**
 * Records the policy new complaints start with when it differs from the one recorded last (the
 * operator changed POLICY_FILE or POLICY_JSON and restarted): one `policy_changed` row per change,
 * however many processes start with it. Running complaints keep the policy they started with.
 */
export async function recordPolicyInForce(db: Database, overrides: Record<string, unknown>): Promise<boolean> {
  const after = { version: typeof overrides.version === 'string' ? overrides.version : null, fingerprint: fingerprintOf(overrides), overrides };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit:policy_changed'))`);
    const [last] = await tx.select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'policy_changed')).orderBy(desc(auditLog.id)).limit(1);
    if (last?.after?.fingerprint === after.fingerprint) return false;
    await recordAudit(tx, { actor: { id: 'system', role: 'admin' }, action: 'policy_changed', subject: 'policy', before: last?.after ?? null, after, reason: 'policy overrides in force at start' });
    return true;
  });
}

/** A stable digest of a JSON value (keys sorted), to tell one policy from another. */
function fingerprintOf(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex').slice(0, 16);
}
