/** Rows and requests for the notification tests, written straight into a test database. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { complaints, notifications, staff, type NewComplaintRow, type NewStaffRow, type NotificationRow } from '../../db/schema';
import type { NotificationRequest } from '../../domain/notification-kinds';
import type { NotificationEvent, NotificationService } from '../../notifications/service';

let sequence = 0;

/** A complaint number no other test in the file uses. */
export function nextComplaintNumber(): string {
  sequence += 1;
  return `CMP-20261123-${String(sequence).padStart(6, '0')}`;
}

export const CUSTOMER_EMAIL = 'wang.xiaoming@example.com';
export const CUSTOMER_PHONE = '13800138000';

export async function insertComplaint(db: Database, overrides: Partial<NewComplaintRow> = {}): Promise<string> {
  const number = overrides.number ?? nextComplaintNumber();
  await db.insert(complaints).values({
    number,
    channel: 'web',
    complainantName: '王小明',
    complainantPhone: CUSTOMER_PHONE,
    complainantEmail: CUSTOMER_EMAIL,
    customerId: null,
    preferredLocale: 'zh-CN',
    subject: { productName: '电热水壶', orderNumber: 'SO-1001', amountMinor: 19900, currency: 'CNY' },
    description: '水壶使用两次后漏水',
    receivedAt: new Date('2026-11-23T08:00:00Z'),
    stage: 'acknowledged',
    ...overrides,
  });
  return number;
}

export async function insertStaff(db: Database, rows: NewStaffRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(staff).values(rows).onConflictDoNothing();
}

export function staffMember(id: string, overrides: Partial<NewStaffRow> = {}): NewStaffRow {
  return {
    id,
    name: `员工 ${id}`,
    role: 'agent',
    departmentId: 'dept-service',
    email: `${id}@staff.example.com`,
    webhookUrl: null,
    supervisorId: null,
    locale: 'zh-CN',
    preferences: {},
    active: true,
    ...overrides,
  };
}

let eventSeq = 0;

export function eventFor(complaintNumber: string): NotificationEvent {
  eventSeq += 1;
  return { complaintNumber, eventId: `${complaintNumber}:${eventSeq}`, occurredAt: new Date().toISOString() };
}

export function acknowledgement(number: string, promisedBy = '2026-11-24T08:00:00.000Z'): NotificationRequest {
  return { kind: 'acknowledgement', to: { type: 'customer' }, data: { number, stage: 'acknowledged', promisedBy } };
}

/** Enqueues the way `recordTransition` does: inside a transaction. */
export function enqueue(db: Database, service: NotificationService, event: NotificationEvent, requests: NotificationRequest[]): Promise<string[]> {
  return db.transaction((tx) => service.enqueue(tx, event, requests));
}

export async function outboxRow(db: Database, id: string): Promise<NotificationRow> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

export async function outboxRowsOf(db: Database, complaintNumber: string): Promise<NotificationRow[]> {
  return db.select().from(notifications).where(eq(notifications.complaintNumber, complaintNumber));
}
