/**
 * Staff give the complainant a new tracking link (the old one stops working at once), or revoke it;
 * each in one transaction with its audit row.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints } from '../../db/schema';
import type { Actor } from '../../domain/model';
import { hashTrackingSecret, type TrackingLinks } from '../../runtime/tracking';
import { HttpError } from '../http/errors';
import { recordAudit } from './audit';

export async function reissueTrackingLink(db: Database, tracking: TrackingLinks | undefined, number: string, actor: Actor): Promise<{ number: string; url: string }> {
  if (!tracking) throw new HttpError(404, 'not_found', 'tracking links are not configured');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(complaints)
      .set({ trackingGeneration: sql`${complaints.trackingGeneration} + 1` })
      .where(eq(complaints.number, number))
      .returning({ generation: complaints.trackingGeneration });
    if (!row) throw new HttpError(404, 'not_found', 'complaint not found');
    await tx.update(complaints).set({ trackingSecretHash: hashTrackingSecret(tracking.secret(number, row.generation)) }).where(eq(complaints.number, number));
    // The audit row says which generation was given out, never the link or its secret.
    await recordAudit(tx, { actor, action: 'tracking_link_reissued', subject: number, before: { generation: row.generation - 1 }, after: { generation: row.generation } });
    return { number, url: tracking.url(number, row.generation) };
  });
}

/** Lost phone, shared by mistake: the page then answers like an unknown number. */
export async function revokeTrackingLink(db: Database, number: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(complaints)
      .set({ trackingSecretHash: null, trackingGeneration: sql`${complaints.trackingGeneration} + 1` })
      .where(eq(complaints.number, number))
      .returning({ generation: complaints.trackingGeneration });
    if (updated.length === 0) throw new HttpError(404, 'not_found', 'complaint not found');
    await recordAudit(tx, { actor, action: 'tracking_link_revoked', subject: number, before: { generation: updated[0].generation - 1 }, after: { generation: updated[0].generation, revoked: true } });
  });
}
