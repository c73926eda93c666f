/**
 * The reports as the quality team meets them, on the real stack: complaints taken in through the API
 * and handled by the workflow (plus generated histories written through the recording path, for
 * volume), the summary over HTTP with its errors, a systemic problem opened from a hot spot with its
 * corrective action, the reports page in headless Chromium in both languages (tiles, charts drawn,
 * no console errors, screenshots), and every table's CSV export read back against the JSON.
 */
import type { ConsoleMessage } from 'playwright-core';
import { storeIntake } from '../../api/write/intake';
import { reportTables, parseCsv, REPORT_TABLES, type Cell } from '../../api/read/report-tables';
import { createActivities } from '../../activities';
import type { Intake } from '../../domain/intake';
import { createNotificationService } from '../../notifications';
import { contactHashKey, createContactKeys } from '../../runtime/contact-keys';
import type { ChildProcess } from 'node:child_process';
import { DEV_API_AUDIENCE } from '../../runtime/dev-identity-provider';
import { launchBrowser, screenshotPath } from '../support/browser';
import { freePort } from '../support/net';
import { spawnReady, stopProcess } from '../support/processes';
import { TEST_PAYLOAD_KEY } from '../support/payload-key';
import { generateHistories } from '../support/report-histories';
import { eventually, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
let provider: ChildProcess;
let issuer: string;
const numbers: string[] = [];

async function ok(number: string, action: string, role: 'agent' | 'customer', body: unknown, sub: string) {
  const res = await stack.request('POST', `/complaints/${number}/${action}`, { role, sub, body });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  // The workspace's reports page signs in through the embedded provider.
  const [apiPort, providerPort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${providerPort}`;
  stack = await startTestStack(undefined, { port: apiPort, oidc: { issuer, audience: DEV_API_AUDIENCE, embedded: true } });
  ({ child: provider } = await spawnReady('identity-provider-process.ts', { DATABASE_URL: stack.database.url, OIDC_DEV_PORT: String(providerPort), REDIRECT_URIS: `${stack.api.url}/app/` }, (l) => l.startsWith('issuer ')));
  await stack.withWorker(async () => {
    // Three complaints about one rice cooker, by one phone in two spellings and no account.
    for (const phone of ['+86 138 0013 8000', '13800138000', '13900000000']) {
      const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake({ complainant: { name: '王小明', phone }, subject: { productName: phone.startsWith('139') ? '智能电饭煲 x1' : '智能电饭煲 X1' } }) });
      expect(res.status).toBe(201);
      numbers.push(res.body.number);
    }
    for (const n of numbers) await eventually(async () => (await stack.request('GET', `/complaints/${n}`, { role: 'supervisor' })).body.state.stage === 'acknowledged');
    // One resolved on the spot and rated.
    await ok(numbers[0], 'triage', 'agent', { category: 'product_quality', severity: 'low', grade: 'simple', departmentId: 'dept-service' }, 'agent-li');
    await ok(numbers[0], 'on-spot-resolution', 'agent', { remedies: [{ type: 'apology' }], note: '已致歉并指导使用' }, 'agent-li');
    await ok(numbers[0], 'satisfaction', 'agent', { score: 5 }, 'agent-li');
    await eventually(async () => (await stack.request('GET', `/complaints/${numbers[0]}`, { role: 'supervisor' })).body.state.stage === 'closed');
  });
  // Volume for the charts: generated histories over the last weeks, through the same recording path.
  const db = stack.database.db;
  const activities = createActivities({ db, notifications: createNotificationService({ db }) });
  const contactKeys = createContactKeys(contactHashKey(TEST_PAYLOAD_KEY));
  const now = Date.now();
  for (const c of generateHistories(7, 120, now - 25 * 86_400_000, now - 86_400_000, 500)) {
    const intake = { channel: c.channel, complainant: { name: 'T', phone: c.phone, email: c.email, customerId: c.customerId, locale: 'zh-CN' }, subject: { productName: c.productName, sku: c.sku }, description: 'generated', evidence: [] } as unknown as Intake;
    await db.transaction((tx) => storeIntake(tx, { number: c.number.replace('20261001', '20261002'), receivedAt: new Date(c.receivedAt), actor: { id: 'a-1', role: 'agent' }, intake, contactKeys, trackingSecretHash: null }));
    let seq = 0;
    for (const [i, b] of c.batches.entries()) {
      if (b.events.some((e) => e.at > now)) break;
      await activities.recordTransition({
        complaintNumber: c.number.replace('20261001', '20261002'),
        projection: { stage: b.stageAfter, category: b.category, departmentId: b.departmentId, assigneeId: b.assigneeId, escalationLevel: 0, slaBreached: false, possiblySystemic: false, reopenCount: 0, stateVersion: i + 1, lastTransitionAt: new Date(b.events.at(-1)!.at).toISOString() },
        events: b.events.map((e, j) => ({ id: `${c.number.replace('20261001', '20261002')}:${seq + j + 1}`, seq: seq + j + 1, type: e.type, stage: e.stage, actor: e.actor, data: e.data, internal: e.internal, occurredAt: new Date(e.at).toISOString(), notifications: [] })),
      });
      seq += b.events.length;
    }
  }
}, 180_000);

afterAll(async () => {
  if (provider) await stopProcess(provider, 'SIGTERM');
  await stack?.close();
});

describe('GET /reports/summary', () => {
  it('answers the last 30 days by default, with the handled complaint and the phone-only repeat', async () => {
    // The quality team counts every complaint; a supervisor only their departments' (below).
    const res = await stack.request('GET', '/reports/summary', { role: 'quality' });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(Date.parse(r.period.to) - Date.parse(r.period.from)).toBe(30 * 86_400_000);
    expect(r.figures.volume).toBeGreaterThanOrEqual(100);
    expect(r.figures.firstContactResolutionRate.part).toBeGreaterThanOrEqual(1);
    const repeat = r.repeatComplainants.find((x: { numbers: string[] }) => x.numbers.includes(numbers[0]));
    expect(repeat).toMatchObject({ complaints: 2, customerId: null });
    expect(repeat.numbers.sort()).toEqual([numbers[0], numbers[1]].sort());
    expect(JSON.stringify(r)).not.toMatch(/138\s?0013|13800138000|xiaoming/);
    // The product filter finds the three cooker complaints whatever the case.
    const cooker = await stack.request('GET', '/reports/summary?product=%E6%99%BA%E8%83%BD%E7%94%B5%E9%A5%AD%E7%85%B2%20x1', { role: 'quality' });
    expect(cooker.body.figures.volume).toBe(3);
  });

  it('counts for a supervisor only the complaints of their departments and of the people below them', async () => {
    const everything = (await stack.request('GET', '/reports/summary', { role: 'quality' })).body;
    const mine = await stack.request('GET', '/reports/summary', { role: 'supervisor', sub: 'sup-wang' });
    expect(mine.status).toBe(200);
    // sup-wang leads customer service (agents li and zhao): their department, the untriaged front line,
    // and what agent-li kept (dept-service, resolved on the spot) — none of the other departments.
    const departments = mine.body.byDepartment.map((d: { departmentId: string | null }) => d.departmentId);
    expect(departments).toContain('dept-service');
    expect(departments.filter((d: string | null) => d !== null && !['customer_service', 'dept-service'].includes(d))).toEqual([]);
    expect(everything.byDepartment.map((d: { departmentId: string | null }) => d.departmentId)).toEqual(expect.arrayContaining(['dept-a', 'dept-b', 'dept-c']));
    expect(mine.body.figures.volume).toBeGreaterThan(0);
    expect(mine.body.figures.volume).toBeLessThan(everything.figures.volume);
    const table = await fetch(`${stack.api.url}/reports/export/departments.csv`, { headers: { authorization: `Bearer ${await stack.token('supervisor', 'sup-wang')}` } });
    expect(await table.text()).not.toMatch(/dept-a|dept-b|dept-c/);
  });

  it('refuses what it cannot answer with a 4xx naming the field, and other roles with a 403', async () => {
    const bad = [
      ['?from=2026-13-01', 'query.from'],
      ['?from=2026-11-10&to=2026-11-01', 'query.to'],
      ['?from=2020-01-01&to=2026-01-01', 'query.from'],
      ['?interval=year', 'query.interval'],
      ['?product=%00x', 'query.product'],
      ['?unknown=1', 'query'],
    ];
    for (const [query, field] of bad) {
      const res = await stack.request('GET', `/reports/summary${query}`, { role: 'supervisor' });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.fields.map((f: { path: string }) => f.path).join(' ')).toContain(field);
    }
    expect((await stack.request('GET', '/reports/summary', { role: 'agent' })).status).toBe(403);
    expect((await stack.request('GET', '/reports/export/nothing.csv', { role: 'supervisor' })).status).toBe(404);
  });
});

describe('systemic problems', () => {
  it('a supervisor opens one from a hot spot, links complaints, records the corrective action, and resolves it', async () => {
    const opened = await stack.request('POST', '/problems', { role: 'supervisor', sub: 'sup-wang', body: { title: '电饭煲 X1 加热故障', origin: 'hot_spot', category: 'product_quality', product: '智能电饭煲 X1', complaintNumbers: [numbers[0], numbers[1]] } });
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    expect(opened.body).toMatchObject({ status: 'open', complaints: 2, productKey: 'name:智能电饭煲 x1', ageDays: 0 });

    // All or nothing: an unknown complaint links nothing.
    const unknown = await stack.request('POST', `/problems/${id}/complaints`, { role: 'supervisor', body: { numbers: [numbers[2], 'CMP-19990101-000001'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('body.numbers.1');
    expect((await stack.request('POST', `/problems/${id}/complaints`, { role: 'supervisor', body: { numbers: [numbers[2], numbers[2]] } })).body.complaints).toBe(3);

    // Acting needs what, who and by when; the owner must be a member of staff.
    const incomplete = await stack.request('PATCH', `/problems/${id}`, { role: 'supervisor', body: { status: 'acting', correctiveAction: '更换加热盘供应商' } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['body.ownerId', 'body.dueDate']);
    const nobody = await stack.request('PATCH', `/problems/${id}`, { role: 'supervisor', body: { ownerId: 'nobody-here' } });
    expect(nobody.body.error.fields[0].path).toBe('body.ownerId');
    const owner = (await stack.request('GET', '/staff', { role: 'admin' })).body.items?.[0]?.id ?? 'sup-wang';
    const acting = await stack.request('PATCH', `/problems/${id}`, { role: 'supervisor', body: { status: 'acting', correctiveAction: '更换加热盘供应商', ownerId: owner, dueDate: '2027-01-15' } });
    expect(acting.status).toBe(200);
    expect(acting.body).toMatchObject({ status: 'acting', ownerId: owner, dueDate: '2027-01-15' });

    // Linked complaints show the problem (to staff, not to the customer).
    const doc = await stack.request('GET', `/complaints/${numbers[1]}`, { role: 'supervisor' });
    expect(doc.body.problems).toEqual([{ id, title: '电饭煲 X1 加热故障', status: 'acting' }]);

    // The report lists it while it is open.
    const report = await stack.request('GET', '/reports/summary', { role: 'supervisor' });
    expect(report.body.openProblems).toEqual([expect.objectContaining({ id, status: 'acting', complaints: 3, ageDays: 0, overdue: false })]);

    // Agents may not; a resolved problem cannot go to acting; resolving needs a resolution.
    expect((await stack.request('POST', '/problems', { role: 'agent', body: { title: 'x', origin: 'other' } })).status).toBe(403);
    expect((await stack.request('PATCH', `/problems/${id}`, { role: 'supervisor', body: { status: 'resolved' } })).body.error.fields[0].path).toBe('body.resolution');
    expect((await stack.request('PATCH', `/problems/${id}`, { role: 'supervisor', body: { status: 'resolved', resolution: '新批次加热盘已上线，投诉不再发生' } })).status).toBe(200);
    const wrong = await stack.request('PATCH', `/problems/${id}`, { role: 'supervisor', body: { status: 'acting' } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_status', status: 'resolved' });
    expect((await stack.request('GET', '/reports/summary', { role: 'supervisor' })).body.openProblems).toEqual([]);
    expect((await stack.request('GET', '/problems?status=resolved', { role: 'manager' })).body.items).toHaveLength(1);
    expect((await stack.request('GET', '/problems/abc', { role: 'manager' })).status).toBe(400);
    expect((await stack.request('GET', '/problems/999', { role: 'manager' })).status).toBe(404);
  });
});

describe('CSV export', () => {
  it('every table reads back as the JSON it came from', async () => {
    const query = 'from=2026-01-01&to=2026-12-31&interval=week';
    const json = (await stack.request('GET', `/reports/summary?${query}`, { role: 'quality' })).body;
    const tables = reportTables(json);
    for (const name of REPORT_TABLES) {
      const res = await fetch(`${stack.api.url}/reports/export/${name}.csv?${query}`, { headers: { authorization: `Bearer ${await stack.token('quality')}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parseCsv(await res.text());
      const asText = (c: Cell) => (c === null ? '' : typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : String(c));
      expect({ name, rows }).toEqual({ name, rows: [tables[name].columns, ...tables[name].rows.map((r) => r.map(asText))] });
    }
  });
});

describe('the reports page of the workspace in Chromium', () => {
  it('loads real data, draws the charts in both languages, and exports a table', async () => {
    const browser = await launchBrowser();
    try {
      for (const lang of ['zh-CN', 'en'] as const) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true, reducedMotion: 'reduce' });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m: ConsoleMessage) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        page.on('pageerror', (e) => problems.push(String(e)));
        // /reports sends the browser to the workspace's page; the quality team signs in there.
        await page.goto(`${stack.api.url}/app/`);
        await page.evaluate(`localStorage.setItem('complaints.locale', '${lang}')`);
        await page.goto(`${stack.api.url}/reports`);
        expect(page.url()).toBe(`${stack.api.url}/app/#/reports`);
        await page.click('#sign-in');
        await page.click('button[data-staff-id="quality-test"]');
        await page.locator('[data-kpi="volume"]').waitFor();
        for (const chart of ['trend', 'stages', 'hotSpots']) {
          const canvas = page.locator(`[data-chart="${chart}"] canvas`);
          await canvas.first().waitFor();
          const drawn = await canvas.first().evaluate((c) => {
            const el = c as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
            const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
            return painted;
          });
          expect(drawn).toBeGreaterThan(1000);
        }
        expect(Number(await page.locator('[data-kpi="volume"]').getAttribute('data-value'))).toBeGreaterThanOrEqual(100);
        expect(await page.locator('[data-kpi="handlingRate"] [data-kpi-name]').textContent()).toBe(lang === 'en' ? 'Handling rate' : '投诉处理率');
        expect(await page.locator('[data-kpi="satisfiedRate"] [data-target]').getAttribute('data-target')).toMatch(/met|missed/);
        const rows = page.locator('[data-table="departments"] tbody tr.ant-table-row');
        expect(await rows.count()).toBeGreaterThan(0);
        await page.screenshot({ path: screenshotPath(`reports-${lang}`), fullPage: true });

        const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="departments"]')]);
        const csv = parseCsv(await streamText(await download.createReadStream()));
        expect(csv[0]).toEqual(['departmentId', 'volume', 'handlingRate', 'closedWithinDeadline', 'slaBreachRate', 'breached', 'satisfiedRate', 'satisfied', 'rated', 'firstContactResolutionRate', 'firstContactResolved']);
        expect(csv.length - 1).toBe(await rows.count());
        expect(problems).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
