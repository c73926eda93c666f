/**
 * A lead's decision to send an unconfirmed or failed notification (again), for a complaint in their
 * scope, in one transaction with its audit row.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { notifications } from '../../db/schema';
import { requestResend } from '../../notifications/inbox';
import { HttpError, notFound } from '../http/errors';
import type { Viewer } from '../read/scopes';
import type { ReadModel } from '../read/read-model';
import { recordAudit } from './audit';

export async function resendNotification(db: Database, readModel: ReadModel, id: string, viewer: Viewer, reason: string): Promise<void> {
  const [found] = await db.select({ complaintNumber: notifications.complaintNumber, status: notifications.status }).from(notifications).where(eq(notifications.id, id));
  if (!found) throw notFound('notification');
  // Out of the lead's scope answers like an unknown notification.
  await readModel.findComplaint(found.complaintNumber, viewer);
  await db.transaction(async (tx) => {
    if (!(await requestResend(tx, id, viewer.id, reason))) throw new HttpError(409, 'not_resendable', 'only an unconfirmed or failed e-mail or webhook can be sent again');
    await recordAudit(tx, { actor: viewer, action: 'notification_resend_requested', subject: id, before: { status: found.status, complaint: found.complaintNumber }, after: { status: 'pending' }, reason });
  });
}

