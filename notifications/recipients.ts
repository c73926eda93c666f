/**
 * Who a notification goes to and over which channels. The complainant comes from the complaint row,
 * staff from the directory. Only the recipient's identity, locale and channels leave this module:
 * addresses are looked up again at delivery time, so the outbox never holds contact data.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import { staff, type ComplaintRow, type StaffRow } from '../db/schema';
import { NOTIFICATION_CHANNELS, type NotificationAudience, type NotificationChannel, type RecipientType } from '../domain/notification-kinds';

export { NOTIFICATION_CHANNELS, type NotificationChannel, type RecipientType };

export interface ResolvedRecipient {
  type: RecipientType;
  id: string;
  locale: string;
  channels: NotificationChannel[];
}

export interface RecipientOptions {
  /** SMS gateway for customers who gave a phone number; without it customers get no webhook. */
  customerSmsWebhookUrl?: string;
}

/** The complainant's inbox id: their customer account if they have one, else the complaint's own. */
export function customerRecipientId(complaintNumber: string, customerId: string | null | undefined): string {
  return customerId ? customerId : `customer:${complaintNumber}`;
}

export function resolveCustomer(complaintNumber: string, complaint: ComplaintRow | undefined, options: RecipientOptions): ResolvedRecipient {
  if (!complaint) {
    // Without the row there is no contact data to use; keep the notice where the customer can read it.
    return { type: 'customer', id: customerRecipientId(complaintNumber, undefined), locale: 'zh-CN', channels: ['in_app'] };
  }
  const channels: NotificationChannel[] = ['in_app'];
  if (complaint.complainantEmail) channels.push('email');
  if (complaint.complainantPhone && options.customerSmsWebhookUrl) channels.push('webhook');
  return { type: 'customer', id: customerRecipientId(complaint.number, complaint.customerId), locale: complaint.preferredLocale, channels };
}

/**
 * A staff member's channels: their preference, limited to the channels they have an address for.
 * Without a preference: in-app plus every channel they have an address for. A preference that
 * leaves nothing usable falls back to in-app, so a notification is never silently dropped.
 */
export function staffChannels(row: Pick<StaffRow, 'email' | 'webhookUrl' | 'preferences' | 'active'>): NotificationChannel[] {
  if (!row.active) return ['in_app'];
  const available: Record<NotificationChannel, boolean> = { in_app: true, email: !!row.email, webhook: !!row.webhookUrl };
  const preferred = Array.isArray(row.preferences?.channels) ? row.preferences.channels : NOTIFICATION_CHANNELS;
  const chosen = NOTIFICATION_CHANNELS.filter((c) => preferred.includes(c) && available[c]);
  return chosen.length > 0 ? chosen : ['in_app'];
}

function fromStaffRow(row: StaffRow): ResolvedRecipient {
  return { type: 'staff', id: row.id, locale: row.locale, channels: staffChannels(row) };
}

async function staffOfRole(tx: DbExecutor, role: StaffRow['role'], departmentId: string | undefined): Promise<StaffRow[]> {
  if (departmentId) {
    const inDepartment = await tx
      .select()
      .from(staff)
      .where(and(eq(staff.role, role), eq(staff.departmentId, departmentId), eq(staff.active, true)))
      .orderBy(asc(staff.id));
    if (inDepartment.length > 0) return inDepartment;
  }
  // Same fallback as the activity that picks an owner: someone of that role anywhere beats no one.
  return tx.select().from(staff).where(and(eq(staff.role, role), eq(staff.active, true))).orderBy(asc(staff.id));
}

/** Resolves every audience of one event; the same person reached twice is listed once. */
export async function resolveAudiences(
  tx: DbExecutor,
  complaintNumber: string,
  complaint: ComplaintRow | undefined,
  audiences: NotificationAudience[],
  options: RecipientOptions,
): Promise<ResolvedRecipient[][]> {
  const staffIds = [...new Set(audiences.flatMap((a) => (a.type === 'staff' ? [a.id] : [])))];
  const byId = new Map<string, StaffRow>();
  if (staffIds.length > 0) {
    for (const row of await tx.select().from(staff).where(inArray(staff.id, staffIds))) byId.set(row.id, row);
  }
  const out: ResolvedRecipient[][] = [];
  for (const audience of audiences) {
    switch (audience.type) {
      case 'customer':
        out.push([resolveCustomer(complaintNumber, complaint, options)]);
        break;
      case 'staff': {
        const row = byId.get(audience.id);
        // Someone not (yet) in the directory still finds the notice in their in-app inbox.
        out.push([row ? fromStaffRow(row) : { type: 'staff', id: audience.id, locale: 'zh-CN', channels: ['in_app'] }]);
        break;
      }
      case 'role': {
        const rows = await staffOfRole(tx, audience.role, audience.departmentId);
        out.push(
          rows.length > 0
            ? rows.map(fromStaffRow)
            : [{ type: 'role', id: audience.departmentId ? `${audience.role}:${audience.departmentId}` : audience.role, locale: 'zh-CN', channels: ['in_app'] }],
        );
        break;
      }
    }
  }
  return out;
}
