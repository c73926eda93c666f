/** Staff give the complainant a new tracking link (the old one stops working at once), or revoke it. */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints } from '../../db/schema';
import { hashTrackingSecret, type TrackingLinks } from '../../runtime/tracking';
import { HttpError } from '../http/errors';

export async function reissueTrackingLink(db: Database, tracking: TrackingLinks | undefined, number: string): Promise<{ number: string; url: string }> {
  if (!tracking) throw new HttpError(404, 'not_found', 'tracking links are not configured');
  const [row] = await db
    .update(complaints)
    .set({ trackingGeneration: sql`${complaints.trackingGeneration} + 1` })
    .where(eq(complaints.number, number))
    .returning({ generation: complaints.trackingGeneration });
  if (!row) throw new HttpError(404, 'not_found', 'complaint not found');
  await db.update(complaints).set({ trackingSecretHash: hashTrackingSecret(tracking.secret(number, row.generation)) }).where(and(eq(complaints.number, number), eq(complaints.trackingGeneration, row.generation)));
  return { number, url: tracking.url(number, row.generation) };
}

/** Lost phone, shared by mistake: the page then answers like an unknown number. */
export async function revokeTrackingLink(db: Database, number: string): Promise<void> {
  const updated = await db
    .update(complaints)
    .set({ trackingSecretHash: null, trackingGeneration: sql`${complaints.trackingGeneration} + 1` })
    .where(eq(complaints.number, number))
    .returning({ number: complaints.number });
  if (updated.length === 0) throw new HttpError(404, 'not_found', 'complaint not found');
}
