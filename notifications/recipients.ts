/**
 * Who a notification goes to and over which channels. The complainant comes from the complaint row,
 * staff from the directory. Only the recipient's identity, locale and channels leave this module:
 * addresses are looked up again at delivery time, so the outbox never holds contact data.
 */
import { sql, type SQL } from 'drizzle-orm';
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

/** What resolving recipients reads of a staff row (plain JSON values, so one statement can carry them). */
export type DirectoryEntry = Pick<StaffRow, 'id' | 'role' | 'departmentId' | 'locale' | 'email' | 'webhookUrl' | 'preferences' | 'active'>;

/** The directory rows a set of audiences may reach: the named people, and everyone active of the named roles. */
export interface DirectoryNeeds {
  staffIds: string[];
  roles: StaffRow['role'][];
}

export function directoryNeedsOf(audiences: readonly NotificationAudience[]): DirectoryNeeds {
  return {
    staffIds: [...new Set(audiences.flatMap((a) => (a.type === 'staff' ? [a.id] : [])))],
    roles: [...new Set(audiences.flatMap((a) => (a.type === 'role' ? [a.role] : [])))],
  };
}

/** The rows `needs` names, as a SQL expression yielding a JSON array (for callers that read it with other things in one statement). */
export function directoryEntriesSql(needs: DirectoryNeeds): SQL<DirectoryEntry[]> {
  if (needs.staffIds.length === 0 && needs.roles.length === 0) return sql<DirectoryEntry[]>`'[]'::json`;
  const ids = needs.staffIds.length > 0 ? sql`${staff.id} in ${needs.staffIds}` : sql`false`;
  const roles = needs.roles.length > 0 ? sql`(${staff.role} in ${needs.roles} and ${staff.active})` : sql`false`;
  return sql<DirectoryEntry[]>`(select coalesce(json_agg(json_build_object(
      'id', ${staff.id}, 'role', ${staff.role}, 'departmentId', ${staff.departmentId}, 'locale', ${staff.locale},
      'email', ${staff.email}, 'webhookUrl', ${staff.webhookUrl}, 'preferences', ${staff.preferences}, 'active', ${staff.active})
      order by ${staff.id}), '[]'::json) from ${staff} where ${ids} or ${roles})`;
}

export async function loadDirectoryEntries(tx: DbExecutor, needs: DirectoryNeeds): Promise<DirectoryEntry[]> {
  if (needs.staffIds.length === 0 && needs.roles.length === 0) return [];
  const [row] = await tx.select({ entries: directoryEntriesSql(needs) }).from(sql`(select 1) as one`);
  return row?.entries ?? [];
}

function fromStaffRow(row: DirectoryEntry): ResolvedRecipient {
  return { type: 'staff', id: row.id, locale: row.locale, channels: staffChannels(row) };
}

/** Everyone active of a role in the department, else of that role anywhere (as the activity that picks an owner falls back). */
function staffOfRole(directory: readonly DirectoryEntry[], role: StaffRow['role'], departmentId: string | undefined): DirectoryEntry[] {
  const ofRole = directory.filter((r) => r.role === role && r.active).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (departmentId) {
    const inDepartment = ofRole.filter((r) => r.departmentId === departmentId);
    if (inDepartment.length > 0) return inDepartment;
  }
  return ofRole;
}

/**
 * Resolves every audience of one event from the directory rows `directoryNeedsOf` named; the same
 * person reached twice is listed once.
 */
export function resolveAudiencesFrom(
  directory: readonly DirectoryEntry[],
  complaintNumber: string,
  complaint: ComplaintRow | undefined,
  audiences: readonly NotificationAudience[],
  options: RecipientOptions,
): ResolvedRecipient[][] {
  const byId = new Map(directory.map((row) => [row.id, row]));
  return audiences.map((audience): ResolvedRecipient[] => {
    switch (audience.type) {
      case 'customer':
        return [resolveCustomer(complaintNumber, complaint, options)];
      case 'staff': {
        const row = byId.get(audience.id);
        // Someone not (yet) in the directory still finds the notice in their in-app inbox.
        return [row ? fromStaffRow(row) : { type: 'staff', id: audience.id, locale: 'zh-CN', channels: ['in_app'] }];
      }
      case 'role': {
        const rows = staffOfRole(directory, audience.role, audience.departmentId);
        return rows.length > 0
          ? rows.map(fromStaffRow)
          : [{ type: 'role', id: audience.departmentId ? `${audience.role}:${audience.departmentId}` : audience.role, locale: 'zh-CN', channels: ['in_app'] }];
      }
    }
  });
}
