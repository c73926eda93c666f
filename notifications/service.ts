/**
 * The contract between the process (activities) and the notification subsystem (SPEC §6).
 * `enqueue` writes the outbox rows inside the caller's transaction; `deliver` sends one row at most once.
 */
import type { DbExecutor } from '../db/client';
import type { ComplaintRow, NewNotificationRow } from '../db/schema';
import type { NotificationRequest } from '../domain/notification-kinds';
import type { DirectoryEntry } from './recipients';

export interface NotificationEvent {
  complaintNumber: string;
  /** Timeline event id; with kind, recipient and channel it makes the notification id. */
  eventId: string;
  occurredAt: string;
  /** The complaint's row as the caller's transaction just wrote it, when it has it (saves reading it again). */
  complaint?: ComplaintRow;
}

export interface NotificationService {
  /**
   * Resolves recipients (the complainant's contact from the complaint row, staff from the directory),
   * picks channels by preference, renders the templates and inserts the outbox rows (idempotent).
   * Returns the ids of rows that still need an external delivery (e-mail, webhook).
   */
  enqueue(tx: DbExecutor, event: NotificationEvent, requests: NotificationRequest[]): Promise<string[]>;
  /**
   * The rows `enqueue` would store, from directory rows the caller read (those `directoryNeedsOf`
   * names), for a caller that reads and writes in statements of its own: recording a transition.
   */
  plan(event: NotificationEvent, complaint: ComplaintRow | undefined, requests: readonly NotificationRequest[], directory: readonly DirectoryEntry[]): NewNotificationRow[];
  /**
   * Sends one outbox row. Never sends a row twice; throws to have the activity retried while
   * `attempt < maxAttempts`, and on the last attempt records the failure instead of throwing.
   */
  deliver(notificationId: string, attempt: number, maxAttempts: number): Promise<{ status: string }>;
}
