/**
 * What the complainant sees and hears, on the real stack: a hotline complaint with only a phone
 * number followed and answered on the tracking page in headless Chromium; the customer view checked
 * field by field at every stage for anything internal; the link's secret (wrong, revoked, unknown,
 * rate-limited); the acknowledgement e-mail through a real SMTP sink; contact data masked for staff
 * who do not handle the case, revealed with a reason on the timeline.
 */
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { complaints, notifications, timelineEvents } from '../../db/schema';
import type { Role } from '../../domain/model';
import { launchBrowser, screenshotPath } from '../support/browser';
import { saveHistoryIfRecording } from '../support/histories';
import { startSmtpSink, type SmtpSink } from '../support/notification-servers';
import { eventually, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  // E-mails really go out (to the sink), with the tracking link in the acknowledgement.
  stack = await startTestStack(undefined, { smtpUrl: smtp.url });
});
afterAll(async () => {
  await stack?.close();
  await smtp?.close();
});

const withMailingWorker = <T>(fn: () => Promise<T>) => stack.withWorker(fn);

async function ok(number: string, action: string, role: Role, body: unknown, sub: string) {
  const res = await stack.request('POST', `/complaints/${number}/${action}`, { role, sub, body });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

async function staffStage(number: string): Promise<string> {
  return (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state.stage;
}

async function hotlineComplaint(): Promise<{ number: string; link: string; secret: string }> {
  const res = await stack.request('POST', '/complaints', {
    role: 'agent',
    sub: 'agent-li',
    body: validIntake({ channel: 'hotline', complainant: { name: '赵大妈', phone: '13700137000' }, evidence: [] }),
  });
  expect(res.status).toBe(201);
  const link = res.body.links.tracking as string;
  expect(link).toMatch(new RegExp(`^http://localhost:3000/track/${res.body.number}#[A-Za-z0-9_-]{43}$`));
  await eventually(async () => (await staffStage(res.body.number)) === 'acknowledged');
  return { number: res.body.number, link, secret: link.split('#')[1]! };
}

const track = (number: string, secret: string, path = '', init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${stack.api.url}/track/api/${number}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'x-tracking-secret': secret, 'content-type': 'application/json', ...(init.headers ?? {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

/** Opens the page the link opens (same path and fragment, on the test's API). */
async function openPage(page: Page, number: string, secret: string): Promise<void> {
  // A fresh query string makes it a new load (a fragment alone would not reload the page).
  await page.goto(`${stack.api.url}/track/${number}?v=${Date.now()}#${secret}`);
  await page.locator('#stage').waitFor();
}

describe('the tracking page in a real browser', () => {
  it('a hotline complainant follows the case, rejects a proposal with a counter-demand, accepts the second, rates 5', async () => {
    await withMailingWorker(async () => {
      const { number, secret } = await hotlineComplaint();
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await openPage(page, number, secret);
        expect(await page.locator('#stage').innerText()).toBe('已受理');
        expect(await page.locator('[data-promise="firstContactBy"]').innerText()).toMatch(/\d{4}\/\d\d\/\d\d \d\d:\d\d（北京时间）/);
        expect(await page.locator('[data-promise="replyBy"]').innerText()).toMatch(/\d{4}\/\d\d\/\d\d \d\d:\d\d（北京时间）/);
        await page.screenshot({ path: screenshotPath('tracking-acknowledged'), fullPage: true });

        await ok(number, 'triage', 'agent', { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality', reason: '内部：疑似批次问题' }, 'agent-li');
        await ok(number, 'findings', 'handler', { facts: '加热盘虚焊', rootCause: '内部：供应商焊接工艺缺陷', responsibility: 'company' }, 'handler-chen');
        await ok(number, 'proposal', 'handler', { remedies: [{ type: 'repair' }, { type: 'apology' }], message: '免费上门维修并致歉' }, 'handler-chen');

        await openPage(page, number, secret);
        expect(await page.locator('#stage').innerText()).toBe('方案协商中');
        expect(await page.locator('#proposal-message').innerText()).toBe('免费上门维修并致歉');
        expect(await page.locator('[data-promise="answerProposalBy"]').count()).toBe(1);
        await page.locator('#counter-demand').fill('希望直接换新机');
        await page.locator('#reject').click();
        await page.locator('#message.info').waitFor();
        expect(await page.locator('#stage').innerText()).toBe('制定处理方案中');
        await page.screenshot({ path: screenshotPath('tracking-rejected'), fullPage: true });
        const [rejected] = await stack.database.db.select().from(timelineEvents).where(and(eq(timelineEvents.complaintNumber, number), eq(timelineEvents.type, 'proposal_rejected')));
        expect(rejected.data).toMatchObject({ counterDemand: '希望直接换新机' });

        await ok(number, 'proposal', 'handler', { remedies: [{ type: 'replacement' }], message: '为您更换新机', apologyOmittedReason: '首轮方案已致歉' }, 'handler-chen');
        await openPage(page, number, secret);
        expect(await page.locator('#proposal-message').innerText()).toBe('为您更换新机');
        await page.locator('#accept').click();
        await page.locator('#message.info').waitFor();
        expect(await page.locator('#stage').innerText()).toBe('方案执行中');

        await ok(number, 'execution', 'handler', { proof: '内部：换货单 R-1' }, 'handler-chen');
        await openPage(page, number, secret);
        expect(await page.locator('#stage').innerText()).toBe('待确认满意度');
        await page.locator('#rate-5').click();
        await page.locator('#outcome').waitFor();
        expect(await page.locator('#stage').innerText()).toBe('已结案');
        expect(await page.locator('#outcome').innerText()).toBe('已解决');
        // A closed case promises no reply date any more.
        expect(await page.locator('[data-promise="replyBy"]').count()).toBe(0);
        await page.screenshot({ path: screenshotPath('tracking-closed'), fullPage: true });
        const body = await page.locator('body').innerText();
        for (const internal of ['内部', 'agent-li', 'handler-chen', '13700137000']) expect(body).not.toContain(internal);
        // The same view in English.
        await page.goto(`${stack.api.url}/track/${number}?lang=en#${secret}`);
        await page.locator('#stage').waitFor();
        expect(await page.locator('#stage').innerText()).toBe('closed');
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
      expect(await staffStage(number)).toBe('closed');
      await saveHistoryIfRecording(number, 'hotline-tracking-page');
    });
  });
});

describe('the customer view, field by field, at every stage', () => {
  const FORBIDDEN = ['agent-li', 'handler-chen', 'sup-wang', 'mgr-zhang', 'sup-sun', '内部', 'INTERNAL-NOTE', 'TRIAGE-REASON', 'ESCALATION-REASON', 'APPROVAL-REASON', 'ROOT-CAUSE', 'PROOF-REF', '13800138000', 'xiaoming@example.com', 'staff.example.com'];

  it('contains no staff ids, internal notes, reasons, approval internals, root causes or contact data', async () => {
    await withMailingWorker(async () => {
      const created = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake() });
      const number = created.body.number as string;
      const secret = (created.body.links.tracking as string).split('#')[1]!;
      const seen: string[] = [];
      const check = async () => {
        const stage = await staffStage(number);
        seen.push(stage);
        const viaLink = await (await track(number, secret)).text();
        const viaToken = JSON.stringify((await stack.request('GET', `/complaints/${number}`, { role: 'customer', sub: 'cust-1' })).body);
        const history = JSON.stringify((await stack.request('GET', `/complaints/${number}/timeline`, { role: 'customer', sub: 'cust-1' })).body);
        for (const text of [viaLink, viaToken, history]) for (const secretText of FORBIDDEN) expect({ stage, leaked: text.includes(secretText) ? secretText : null }).toEqual({ stage, leaked: null });
        const view = JSON.parse(viaLink) as Record<string, unknown>;
        expect(Object.keys(view).sort()).toEqual(expect.arrayContaining(['actions', 'evidence', 'history', 'number', 'promised', 'stage']));
        for (const key of ['state', 'assigneeId', 'departmentId', 'triageDecision', 'findings', 'escalationLevel', 'complainant', 'taskForce']) expect(view).not.toHaveProperty(key);
      };
      await eventually(async () => (await staffStage(number)) === 'acknowledged');
      await ok(number, 'notes', 'agent', { text: '内部 INTERNAL-NOTE 客户脾气急' }, 'agent-li');
      await check();
      await ok(number, 'triage', 'agent', { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality', reason: 'TRIAGE-REASON' }, 'agent-li');
      await ok(number, 'escalation', 'agent', { reason: 'ESCALATION-REASON' }, 'agent-li');
      await check();
      await ok(number, 'findings', 'handler', { facts: 'facts', rootCause: 'ROOT-CAUSE', responsibility: 'company' }, 'handler-chen');
      await check();
      await ok(number, 'proposal', 'handler', { remedies: [{ type: 'refund', amountMinor: 100_000, currency: 'CNY' }], message: '退款 1000 元', apologyOmittedReason: '已电话致歉' }, 'handler-chen');
      await check(); // awaiting approval: the proposal is not the customer's yet
      expect(JSON.parse(await (await track(number, secret)).text()).proposal).toBeUndefined();
      await ok(number, 'approval', 'supervisor', { decision: 'approve', reason: 'APPROVAL-REASON' }, 'sup-sun');
      await check();
      await ok(number, 'customer-response', 'customer', { accept: true }, 'cust-1');
      await check();
      await ok(number, 'execution', 'handler', { proof: 'PROOF-REF' }, 'handler-chen');
      await ok(number, 'notes', 'handler', { text: '退款已到账，请查收', toCustomer: true }, 'handler-chen');
      await check();
      expect(JSON.parse(await (await track(number, secret)).text()).history.map((h: { text?: string }) => h.text)).toContain('退款已到账，请查收');
      await ok(number, 'satisfaction', 'customer', { score: 2 }, 'cust-1');
      await check();
      await eventually(async () => (await staffStage(number)) === 'follow_up', 20_000);
      await check();
      expect(seen).toEqual(['acknowledged', 'investigating', 'proposing', 'awaiting_approval', 'negotiating', 'executing', 'confirming', 'closed', 'follow_up']);
    });
  });
});

describe('the link’s secret', () => {
  it('wrong, revoked and unknown all get the same answer; 20 wrong attempts from one client get 429', () => withMailingWorker(async () => {
    const { number, secret } = await hotlineComplaint();
    expect((await track(number, secret)).status).toBe(200);
    const wrong = await track(number, secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    const unknown = await track('CMP-20000101-000001', secret);
    const reissued = await stack.request('POST', `/complaints/${number}/tracking-link`, { role: 'agent', sub: 'agent-li' });
    expect(reissued.status).toBe(201);
    const revoked = await track(number, secret);
    const answers = await Promise.all([wrong, unknown, revoked].map(async (r) => ({ status: r.status, body: ((await r.json()) as { error: { code: string; message: string } }).error })));
    expect(answers[0]).toEqual({ status: 404, body: expect.objectContaining({ code: 'not_found', message: 'no complaint matches this link' }) });
    expect(answers.map((a) => ({ status: a.status, code: a.body.code, message: a.body.message }))).toEqual(Array(3).fill({ status: 404, code: 'not_found', message: 'no complaint matches this link' }));
    const fresh = (reissued.body.url as string).split('#')[1]!;
    expect((await track(number, fresh)).status).toBe(200);
    // Revoked outright: even the new link stops working.
    expect((await stack.request('DELETE', `/complaints/${number}/tracking-link`, { role: 'supervisor', sub: 'sup-wang' })).status).toBe(204);
    expect((await track(number, fresh)).status).toBe(404);
    // 4 failures so far from this client; up to 20 the answer stays 404, then 429 (even with a right secret).
    const statuses: number[] = [];
    for (let i = 0; i < 18; i++) statuses.push((await track(number, 'x'.repeat(43))).status);
    expect(statuses.filter((s) => s === 404).length).toBe(16);
    expect(statuses.at(-1)).toBe(429);
    const limited = await track(number, fresh);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  }));
});

describe('the acknowledgement', () => {
  it('e-mails the number, the first-contact time, the reply-by date and the tracking link', async () => {
    await withMailingWorker(async () => {
      const res = await stack.request('POST', '/complaints', { role: 'customer', sub: 'cust-77', body: validIntake({ complainant: { name: '钱女士', email: 'qian@example.org' } }) });
      const number = res.body.number as string;
      const link = res.body.links.tracking as string;
      const mail = await eventually(async () => smtp.messages.find((m) => m.envelopeTo.includes('qian@example.org') && m.parsed.subject?.includes(number)), 20_000);
      const text = mail.parsed.text ?? '';
      expect(text).toContain(number);
      expect(text).toMatch(/我们将在 \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+8\) 前与您联系/);
      expect(text).toMatch(/我们将在 \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+8\) 前给您正式答复/);
      expect(text).toContain(link);
      expect(text).not.toMatch(/请回复/);
    });
  });
});

describe('identities that cannot collide', () => {
  it('a token cannot take the name of a complainant without an account, and their stored in-app copy holds no tracking secret', async () => {
    await withMailingWorker(async () => {
      const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake({ channel: 'hotline', complainant: { name: '孙先生', email: 'sun@example.org' }, evidence: [] }) });
      expect(res.status).toBe(201);
      const number = res.body.number as string;
      const secret = (res.body.links.tracking as string).split('#')[1]!;
      // The person still gets the link, by e-mail.
      const mail = await eventually(async () => smtp.messages.find((m) => m.envelopeTo.includes('sun@example.org') && m.parsed.subject?.includes(number)), 20_000);
      expect(mail.parsed.text ?? '').toContain(secret);
      // The stored in-app copy (recipient `customer:<number>`) carries no link and no secret.
      const stored = await eventually(async () => {
        const rows = await stack.database.db.select().from(notifications).where(and(eq(notifications.complaintNumber, number), eq(notifications.kind, 'acknowledgement'), eq(notifications.recipientType, 'customer')));
        return rows.length >= 2 ? rows : undefined;
      });
      const inApp = stored.find((r) => r.channel === 'in_app')!;
      expect(inApp.recipientId).toBe(`customer:${number}`);
      expect(JSON.stringify(inApp)).not.toContain(secret);
      expect(inApp.bodyText).not.toContain('/track/');
      expect(JSON.stringify(stored.find((r) => r.channel === 'email'))).toContain(secret);
      // A token that chooses that name (or the tracking page's) is refused, before any route runs.
      for (const sub of [`customer:${number}`, `tracking:${number}`]) {
        const inbox = await stack.request('GET', '/inbox', { role: 'customer', sub });
        expect(inbox.status).toBe(401);
        expect((await stack.request('POST', `/complaints/${number}/withdrawal`, { role: 'customer', sub, body: { reason: '冒名' } })).status).toBe(401);
      }
      expect(await staffStage(number)).toBe('acknowledged');
    });
  });
});

describe('contact data by need', () => {
  it('is masked for staff who do not handle the case, and a reveal with a reason goes on the timeline', async () => {
    await withMailingWorker(async () => {
      const created = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake() });
      const number = created.body.number as string;
      await eventually(async () => (await staffStage(number)) === 'acknowledged');
      await ok(number, 'triage', 'agent', { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality', assigneeId: 'handler-chen' }, 'agent-li');
      const read = async (role: Role, sub: string) => (await stack.request('GET', `/complaints/${number}`, { role, sub })).body.complainant;
      expect(await read('handler', 'handler-chen')).toMatchObject({ phone: '+86 138 0013 8000', email: 'xiaoming@example.com', masked: false });
      expect(await read('supervisor', 'sup-sun')).toMatchObject({ masked: false }); // the owner's supervisor
      const masked = await read('agent', 'agent-zhao');
      expect(masked).toMatchObject({ phone: '861******8000', email: 'x***@example.com', masked: true });
      const reveal = await stack.request('POST', `/complaints/${number}/contact-reveal`, { role: 'agent', sub: 'agent-zhao', body: { reason: '客户来电要求回拨' } });
      expect(reveal.status).toBe(200);
      expect(reveal.body.contact).toEqual({ name: '王小明', phone: '+86 138 0013 8000', email: 'xiaoming@example.com' });
      const [event] = await stack.database.db.select().from(timelineEvents).where(and(eq(timelineEvents.complaintNumber, number), eq(timelineEvents.type, 'contact_revealed')));
      expect(event).toMatchObject({ actorId: 'agent-zhao', reason: '客户来电要求回拨', internal: true });
      // Lists never carry contact data.
      const list = JSON.stringify((await stack.request('GET', '/complaints', { role: 'supervisor', sub: 'sup-wang' })).body);
      // (a bare '138' would also match a timestamp's milliseconds, so look for the whole number)
      expect(list).not.toContain('0013 8000');
      expect(list).not.toContain('xiaoming');
      const [row] = await stack.database.db.select({ hash: complaints.trackingSecretHash }).from(complaints).where(eq(complaints.number, number));
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
