/** The in-app inbox (read/unread, pages) and the per-complaint delivery status view. */
import { countUnread, createNotificationService, InvalidCursorError, listForComplaint, listInbox, markAllRead, markRead } from '../../notifications';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { acknowledgement, enqueue, eventFor, insertComplaint, insertStaff, staffMember } from '../support/notification-fixtures';

let database: TestDatabase;
let notifications: ReturnType<typeof createNotificationService>;

const ME = { recipientType: 'staff' as const, recipientId: 'inbox-owner' };
const SOMEONE_ELSE = { recipientType: 'staff' as const, recipientId: 'inbox-other' };

beforeAll(async () => {
  database = await createTestDatabase();
  await insertStaff(database.db, [staffMember('inbox-owner'), staffMember('inbox-other')]);
  notifications = createNotificationService({ db: database.db });
});
afterAll(async () => {
  await database?.close();
});

async function assign(to: string, count: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const number = await insertComplaint(database.db);
    numbers.push(number);
    // Separate transactions, as separate workflow steps would write them.
    await enqueue(database.db, notifications, eventFor(number), [{ kind: 'assignment', to: { type: 'staff', id: to }, data: { number, stage: 'investigating' } }]);
  }
  return numbers;
}

describe('the in-app inbox', () => {
  it('pages through the newest first without gaps or repeats, and tracks read state', async () => {
    const numbers = await assign(ME.recipientId, 5);
    await assign(SOMEONE_ELSE.recipientId, 2);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listInbox(database.db, { ...ME, limit: 2, cursor });
      seen.push(...page.items.map((i) => i.complaintNumber));
      expect(page.unreadCount).toBe(5);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...numbers].reverse());

    const first = (await listInbox(database.db, { ...ME, limit: 1 })).items[0]!;
    expect(first.subject).toBe(`【新任务】投诉 ${first.complaintNumber}`);
    expect(first.bodyText).toContain(first.complaintNumber);
    expect(first.bodyHtml).toContain('<!DOCTYPE html>');

    // Nobody can mark someone else's notification, and the answer does not reveal that it exists.
    expect(await markRead(database.db, first.id, SOMEONE_ELSE)).toBe(false);
    expect(await markRead(database.db, first.id, ME)).toBe(true);
    expect(await markRead(database.db, first.id, ME)).toBe(true);
    expect(await countUnread(database.db, ME)).toBe(4);

    const unread = await listInbox(database.db, { ...ME, unreadOnly: true });
    expect(unread.items.map((i) => i.id)).not.toContain(first.id);
    expect(unread.items).toHaveLength(4);
    const all = await listInbox(database.db, ME);
    expect(all.items.find((i) => i.id === first.id)).toMatchObject({ read: true, readAt: expect.any(String) });

    expect(await markAllRead(database.db, ME)).toBe(4);
    expect(await countUnread(database.db, ME)).toBe(0);
    expect(await countUnread(database.db, SOMEONE_ELSE)).toBe(2);
  });

  it('shows only in-app copies, not the e-mail rows of the same notification', async () => {
    const [number] = await assign('inbox-owner', 1);
    const page = await listInbox(database.db, ME);
    expect(page.items.filter((i) => i.complaintNumber === number)).toHaveLength(1);
    expect(page.items.every((i) => i.id.endsWith(':in_app'))).toBe(true);
  });

  it('rejects a forged cursor', async () => {
    await expect(listInbox(database.db, { ...ME, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('serves the customer their own inbox by complaint when they have no account', async () => {
    const number = await insertComplaint(database.db);
    await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    const page = await listInbox(database.db, { recipientType: 'customer', recipientId: `customer:${number}` });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.kind).toBe('acknowledgement');
  });
});

describe('delivery status of a complaint', () => {
  it('lists every notification with its status and no message bodies', async () => {
    const number = await insertComplaint(database.db, { complainantPhone: null });
    const [emailId] = await enqueue(database.db, notifications, eventFor(number), [acknowledgement(number)]);
    let status = await listForComplaint(database.db, number);
    expect(status.map((s) => [s.channel, s.status, s.attempts])).toEqual([
      ['email', 'pending', 0],
      ['in_app', 'sent', 0],
    ]);
    await notifications.deliver(emailId!, 1, 5);
    status = await listForComplaint(database.db, number);
    expect(status.find((s) => s.id === emailId)).toMatchObject({
      kind: 'acknowledgement',
      recipientType: 'customer',
      status: 'sent',
      attempts: 1,
      lastError: 'SMTP not configured: kept in outbox, not sent',
      sentAt: expect.any(String),
    });
    for (const item of status) {
      expect(Object.keys(item).sort()).toEqual(['attempts', 'channel', 'createdAt', 'id', 'kind', 'lastError', 'readAt', 'recipientId', 'recipientType', 'sentAt', 'status']);
    }
  });
});
