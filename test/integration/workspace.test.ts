/**
 * The staff workspace in a real browser (Debian's Chromium), signed in through the embedded OpenID
 * provider: the hotline agent records a call on the New complaint form and triages it from the case
 * page; the handler finds it in My work, records findings and proposes a refund — first with a
 * mistake the API refuses, shown beside the field — then 1,500 CNY; the supervisor approves it on
 * the Approvals page; the complainant accepts on the tracking page; the handler records the
 * execution; the complainant rates 2; the visiting agent records the follow-up and the complaint is
 * reopened. Every action form is drawn from the action's schema. Screenshots in zh-CN and en.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEV_API_AUDIENCE } from '../../runtime/dev-identity-provider';
import { launchBrowser, screenshotPath } from '../support/browser';
import { freePort } from '../support/net';
import { spawnReady, stopProcess } from '../support/processes';
import { eventually, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
let provider: ChildProcess;
let issuer: string;

beforeAll(async () => {
  const [apiPort, providerPort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${providerPort}`;
  stack = await startTestStack(undefined, { port: apiPort, oidc: { issuer, audience: DEV_API_AUDIENCE, embedded: true } });
  ({ child: provider } = await spawnReady('identity-provider-process.ts', { DATABASE_URL: stack.database.url, OIDC_DEV_PORT: String(providerPort), REDIRECT_URIS: `${stack.api.url}/app/` }, (l) => l.startsWith('issuer ')));
}, 180_000);

afterAll(async () => {
  if (provider) await stopProcess(provider, 'SIGTERM');
  await stack?.close();
});

async function signInAs(page: Page, staffId: string): Promise<void> {
  await page.goto(`${stack.api.url}/app/#/work`);
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await page.click('#sign-in');
  await page.waitForURL((url) => url.origin === issuer);
  await page.click(`button[data-staff-id="${staffId}"]`);
  await page.waitForURL((url) => url.href.startsWith(`${stack.api.url}/app/`));
  await page.locator('[data-testid="who"]').waitFor();
}

/** Picks an option of an antd select: the newest open dropdown (an earlier one may still be closing). */
async function choose(page: Page, select: ReturnType<Page['locator']>, option: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).last().click();
}

/** Serious and critical WCAG 2 A/AA violations axe-core finds on the page, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's protocol: the page's own policy allows no injected script tag.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const found = await page.evaluate<{ id: string; impact: string | null; nodes: { target: string[]; why: string }[] }[]>(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target, why: n.failureSummary })) })))",
  );
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.map((n) => `${n.target.join(' ')} (${n.why.replace(/\s+/g, ' ').slice(0, 160)})`).slice(0, 3).join(', ')}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`workspace-${name}`), fullPage: true });

/** Opens an action's drawer on the case page, fills it and submits. */
async function act(page: Page, action: string, fill: () => Promise<void>): Promise<void> {
  await page.click(`[data-testid="actions"] button[data-action="${action}"]`);
  const form = page.locator(`form[data-action-form="${action}"]`);
  await form.waitFor();
  await fill();
  await form.locator('button[type="submit"]').click();
}

async function stageOf(number: string): Promise<string> {
  return (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state.stage;
}

it('a major complaint from the hotline call to its reopening, through the workspace, four people in turn', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    await stack.withWorker(async () => {
      // The hotline agent takes a call.
      await signInAs(page, 'agent-li');
      await shot(page, 'my-work-agent-zh');
      await page.goto(`${stack.api.url}/app/#/new`);
      const intake = page.locator('form[data-testid="intake-form"]');
      await intake.waitFor();
      await intake.getByLabel('姓名').fill('王小明');
      await intake.getByLabel('电话').fill('13800138000');
      await intake.getByLabel('产品名称').fill('智能电饭煲 X1');
      await intake.getByLabel('投诉内容', { exact: true }).fill('电饭煲使用三天后无法加热，要求退款。');
      await shot(page, 'new-complaint-zh');
      await intake.locator('button[type="submit"]').click();
      const number = (await page.locator('[data-testid="new-number"]').textContent())!.trim();
      expect(number).toMatch(/^CMP-\d{8}-\d{6}$/);
      const trackingLink = (await page.locator('[data-testid="tracking-link"]').textContent())!.trim();
      expect(trackingLink).toContain(`/track/${number}#`);
      await eventually(async () => !(await page.locator('text=…').count()));
      await shot(page, 'received-zh');

      // The agent triages it on the case page: major, to after-sales.
      await eventually(async () => (await stageOf(number)) === 'acknowledged');
      await page.goto(`${stack.api.url}/app/#/case/${number}`);
      await act(page, 'triage', async () => {
        const form = page.locator('form[data-action-form="triage"]');
        for (const [label, option] of [['类别', 'product_quality'], ['严重程度', 'high'], ['分级', 'major']] as const) await choose(page, form.getByLabel(label, { exact: true }), option);
        await form.getByLabel('部门', { exact: true }).fill('after_sales');
        await form.getByLabel('负责人', { exact: true }).fill('handler-liu');
      });
      await eventually(async () => (await stageOf(number)) === 'investigating');

      // The handler finds it in My work and records findings.
      await signInAs(page, 'handler-liu');
      await page.locator(`tr[data-number="${number}"]`).waitFor();
      await shot(page, 'my-work-handler-zh');
      await page.click(`tr[data-number="${number}"] a`);
      await page.locator('[data-testid="stage"]').waitFor();
      await act(page, 'recordFindings', async () => {
        const form = page.locator('form[data-action-form="recordFindings"]');
        await form.getByLabel('调查事实').fill('加热盘焊点虚焊，属批次质量问题。');
        await form.getByLabel('根本原因').fill('供应商焊接工艺缺陷');
        await choose(page, form.getByLabel('责任方'), 'company');
      });
      await eventually(async () => (await stageOf(number)) === 'proposing');
      await page.reload();

      // A proposal whose second remedy is in another currency: the API's 400 lands beside that field.
      await act(page, 'propose', async () => {
        const form = page.locator('form[data-action-form="propose"]');
        await form.getByLabel('给投诉人的话').fill('为您办理退款 1,500 元并补偿 50 美元。');
        const fillRemedy = async (row: number, amount: string, currency: string) => {
          await choose(page, form.getByLabel('类型').nth(row), 'refund');
          await form.getByLabel('金额（分）').nth(row).fill(amount);
          await form.getByLabel('币种').nth(row).fill(currency);
        };
        await fillRemedy(0, '150000', 'CNY');
        await form.getByRole('button', { name: '添加一项' }).click();
        await fillRemedy(1, '5000', 'USD');
      });
      const fieldError = page.locator('form[data-action-form="propose"] .ant-form-item-has-error .ant-form-item-explain-error');
      await fieldError.first().waitFor();
      expect(await fieldError.first().textContent()).toContain('CNY');
      await shot(page, 'proposal-field-error-zh');
      // Remove the second remedy and send 1,500 CNY: above a handler's tier, so it waits for approval.
      await page.locator('form[data-action-form="propose"]').getByRole('button', { name: '删除' }).nth(1).click();
      // The findings made the company responsible: an apology, or why not (service recovery).
      await page.locator('form[data-action-form="propose"]').getByLabel('未含致歉的原因').fill('已在电话中向顾客致歉');
      await page.locator('form[data-action-form="propose"] button[type="submit"]').click();
      await eventually(async () => (await stageOf(number)) === 'awaiting_approval');

      // The supervisor approves on the Approvals page, in one click with a reason.
      await signInAs(page, 'sup-sun');
      await page.goto(`${stack.api.url}/app/#/approvals`);
      const row = page.locator(`tr[data-number="${number}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('1500.00 CNY');
      await shot(page, 'approvals-zh');
      await row.getByLabel('审批意见（必填）').fill('批次缺陷已确认，退款符合政策。');
      await row.locator('button[data-decision="approve"]').click();
      await eventually(async () => (await stageOf(number)) === 'negotiating');

      // The complainant accepts on the tracking page (the link the agent read out).
      const track = new URL(trackingLink);
      const customer = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      await customer.goto(`${stack.api.url}${track.pathname}${track.hash}`);
      await customer.locator('#accept').click();
      await customer.locator('#message.info').waitFor();
      await eventually(async () => (await stageOf(number)) === 'executing');

      // The handler records the execution.
      await signInAs(page, 'handler-liu');
      await page.goto(`${stack.api.url}/app/#/case/${number}`);
      await page.locator('[data-testid="stage"]').waitFor();
      await act(page, 'completeExecution', async () => {
        await page.locator('form[data-action-form="completeExecution"]').getByLabel('执行凭证').fill('退款单 RF-1500 已到账');
      });
      await eventually(async () => (await stageOf(number)) === 'confirming');

      // The complainant rates 2: a follow-up visit is scheduled.
      await customer.reload();
      await customer.locator('#rate-2').click();
      await customer.locator('#outcome').waitFor();
      await customer.screenshot({ path: screenshotPath('workspace-tracking-rated-zh'), fullPage: true });
      await eventually(async () => (await stageOf(number)) === 'follow_up', 30_000);

      // The visiting agent finds the visit in My work and records it: reached, not satisfied → reopened.
      const visitor = await stack.caseWorker(number, 'agent');
      await signInAs(page, visitor);
      const visit = page.locator(`tr[data-number="${number}"]`);
      await visit.waitFor();
      await shot(page, 'my-work-visit-zh');
      await visit.locator('a').click();
      await page.locator('[data-testid="stage"]').waitFor();
      await act(page, 'recordFollowUp', async () => {
        const form = page.locator('form[data-action-form="recordFollowUp"]');
        await form.getByLabel('已联系上').click();
        await form.getByLabel('备注').fill('顾客表示加热问题复现，要求重新处理。');
      });
      await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state.reopenCount === 1);
      await page.reload();
      await page.locator('[data-testid="stage"]').waitFor();
      await shot(page, 'case-reopened-zh');

      // The supervisor opens a systemic problem for it on the Problems page (the form drawn from its schema).
      await signInAs(page, 'sup-sun');
      await page.goto(`${stack.api.url}/app/#/problems`);
      await page.getByRole('button', { name: '登记问题' }).click();
      const problem = page.locator('form[data-problem-form="new"]');
      await problem.waitFor();
      await problem.getByLabel('标题').fill('X1 加热盘批次虚焊');
      await choose(page, problem.getByLabel('来源'), 'hot_spot');
      await problem.getByLabel('关联投诉编号').click();
      await page.keyboard.type(number);
      await page.keyboard.press('Enter');
      // Sent from the keyboard: Enter in a text field submits the form.
      await problem.getByLabel('标题').press('Enter');
      await page.locator('td:has-text("X1 加热盘批次虚焊")').waitFor();
      const problems = await stack.request('GET', '/problems', { role: 'supervisor', sub: 'sup-sun' });
      expect(problems.body.items).toEqual([expect.objectContaining({ title: 'X1 加热盘批次虚焊', complaints: 1, openedBy: 'sup-sun' })]);

      // Every page, in both languages, photographed and checked with axe (WCAG 2 A and AA).
      const accessibility: string[] = [];
      for (const locale of ['zh-CN', 'en'] as const) {
        await page.evaluate(`localStorage.setItem('complaints.locale', '${locale}')`);
        for (const route of ['work', 'new', 'search', 'approvals', 'team', 'reports', 'problems', `case/${number}`]) {
          await page.goto(`${stack.api.url}/app/#/${route}`);
          await page.reload();
          await page.locator('[data-testid="who"]').waitFor();
          await page.waitForLoadState('networkidle');
          if (route === 'reports') await page.locator('[data-kpi="volume"]').waitFor();
          accessibility.push(...(await axeViolations(page)).map((v) => `${route} (${locale}): ${v}`));
          await shot(page, `page-${route.replace(/\/.*$/, '')}-${locale}`);
        }
      }
      await customer.close();
      expect(accessibility).toEqual([]);
    });
  } finally {
    await browser.close();
  }
});

it('a banking complaint shows its legal clock on the case page, and the complainant reads the legal date on the tracking page', async () => {
  const browser = await launchBrowser();
  try {
    await stack.withWorker(async () => {
      const receivedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
      const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake({ channel: 'letter', regime: 'cn-banking-insurance', receivedAt }) });
      expect(res.status).toBe(201);
      const number = res.body.number as string;
      await eventually(async () => (await stageOf(number)) === 'acknowledged');
      const due = (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state.deadlines.find((d: { kind: string }) => d.kind === 'legal');
      expect(due).toMatchObject({ regime: 'cn-banking-insurance', clock: 'decision', binding: true });

      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
      await signInAs(page, 'sup-wang');
      const accessibility: string[] = [];
      for (const locale of ['zh-CN', 'en'] as const) {
        await page.evaluate(`localStorage.setItem('complaints.locale', '${locale}')`);
        await page.goto(`${stack.api.url}/app/#/case/${number}`);
        await page.reload();
        const heading = page.locator('[data-testid="legal-clocks"]');
        await heading.waitFor();
        expect(await heading.textContent()).toContain(locale === 'zh-CN' ? '法定期限 · 银行业保险业消费投诉' : 'Legal clocks · Banking and insurance consumer complaint');
        await page.locator(`td:has-text("${locale === 'zh-CN' ? '作出处理决定并告知投诉人' : 'Decide and tell the complainant'}")`).waitFor();
        await page.waitForLoadState('networkidle');
        accessibility.push(...(await axeViolations(page)).map((v) => `case (${locale}): ${v}`));
        await shot(page, `case-legal-${locale}`);
      }
      expect(accessibility).toEqual([]);

      // A regulator's transfer whose reply date has passed: the reports page shows the regime's on-time rate.
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 480 * 60_000).toISOString().slice(0, 10);
      const transfer = await stack.request('POST', '/complaints', {
        role: 'agent',
        sub: 'agent-li',
        body: validIntake({ channel: 'regulator_transfer', regime: 'cn-samr-transfer', receivedAt: new Date(Date.now() - 4 * 86_400_000).toISOString(), regulator: { reference: 'SH-12315-7', dueDate: day(-1) } }),
      });
      expect(transfer.status).toBe(201);
      await eventually(async () => (await stack.request('GET', '/reports/summary', { role: 'supervisor', sub: 'sup-wang' })).body.legal?.length > 0);
      await page.evaluate(`localStorage.setItem('complaints.locale', 'zh-CN')`);
      await page.goto(`${stack.api.url}/app/#/reports`);
      await page.reload();
      await page.locator('[data-table="legal"] td:has-text("市场监管部门转办投诉")').waitFor();
      await shot(page, 'reports-legal-zh-CN');

      const customer = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const track = new URL(res.body.links.tracking as string);
      await customer.goto(`${stack.api.url}${track.pathname}${track.hash}`);
      const line = customer.locator('[data-promise="legalAnswerBy"]');
      await line.waitFor();
      expect(await line.textContent()).toMatch(/^依法应于 .+ 前答复$/);
      await customer.screenshot({ path: screenshotPath('workspace-tracking-legal-zh'), fullPage: true });
    });
  } finally {
    await browser.close();
  }
});

it('a complainant asks for their data on the tracking page; the handler answers it in the workspace; a supervisor puts the case under a legal hold', async () => {
  const browser = await launchBrowser();
  try {
    await stack.withWorker(async () => {
      const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake({ channel: 'hotline' }) });
      expect(res.status).toBe(201);
      const number = res.body.number as string;
      await eventually(async () => (await stageOf(number)) === 'acknowledged');
      expect((await stack.request('POST', `/complaints/${number}/triage`, { role: 'agent', sub: 'agent-li', body: { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'after_sales', assigneeId: 'handler-liu' } })).status).toBe(200);

      // The complainant, on their phone, without an account.
      const customer = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const track = new URL(res.body.links.tracking as string);
      await customer.goto(`${stack.api.url}${track.pathname}${track.hash}`);
      await customer.locator('#data-request-kind').waitFor();
      await customer.selectOption('#data-request-kind', 'access');
      await customer.locator('#privacy textarea[name="details"]').fill('请提供你们保存的我的全部信息');
      await customer.click('#data-request-send');
      await customer.locator('#data-requests li').filter({ hasText: '处理中' }).waitFor();
      await customer.screenshot({ path: screenshotPath('workspace-tracking-data-request-zh'), fullPage: true });

      // The handler finds it in their queue, reads it in the drawer and answers it.
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
      await signInAs(page, 'handler-liu');
      const accessibility: string[] = [];
      await page.goto(`${stack.api.url}/app/#/privacy`);
      const row = page.locator('td a').filter({ hasText: /^PIR-/ }).first();
      await row.waitFor();
      accessibility.push(...(await axeViolations(page)).map((v) => `privacy (zh-CN): ${v}`));
      await shot(page, 'page-privacy-zh-CN');
      await row.click();
      const drawer = page.locator('[data-testid="data-request"]');
      await drawer.waitFor();
      expect(await drawer.textContent()).toContain('请提供你们保存的我的全部信息');
      await drawer.getByRole('button', { name: /^办\s*理$/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /OK|确\s*定/ }).click();
      await drawer.getByRole('button', { name: '导出可读版' }).waitFor();
      await shot(page, 'data-request-answered-zh-CN');
      await page.evaluate(`localStorage.setItem('complaints.locale', 'en')`);
      await page.goto(`${stack.api.url}/app/#/privacy`);
      await page.reload();
      await page.getByText('Answered').first().click();
      await page.locator('td a').filter({ hasText: /^PIR-/ }).first().waitFor();
      accessibility.push(...(await axeViolations(page)).map((v) => `privacy (en): ${v}`));
      await shot(page, 'page-privacy-en');

      // A supervisor puts the case under a legal hold from the case page.
      await page.evaluate(`localStorage.setItem('complaints.locale', 'zh-CN')`);
      await signInAs(page, 'sup-wang');
      await page.goto(`${stack.api.url}/app/#/case/${number}`);
      const card = page.locator('[data-testid="personal-data"]');
      await card.getByRole('button', { name: '设置法律保留' }).click();
      const form = page.locator('.ant-drawer form');
      await form.getByLabel('说明').fill('顾客已申请仲裁，保留全部材料');
      await form.locator('button[type="submit"]').click();
      await card.getByText('顾客已申请仲裁，保留全部材料').waitFor();
      expect(await card.textContent()).toContain('争议处理中');
      await page.waitForLoadState('networkidle');
      accessibility.push(...(await axeViolations(page)).map((v) => `case personal data (zh-CN): ${v}`));
      await card.screenshot({ path: screenshotPath('workspace-case-personal-data-zh-CN') });

      // The administrator reads the retention rules and runs the sweep from the workspace.
      await signInAs(page, 'admin');
      for (const locale of ['zh-CN', 'en'] as const) {
        await page.evaluate(`localStorage.setItem('complaints.locale', '${locale}')`);
        await page.goto(`${stack.api.url}/app/#/retention`);
        await page.reload();
        await page.locator('[data-testid="retention"] td').filter({ hasText: '1095 days' }).first().waitFor();
        accessibility.push(...(await axeViolations(page)).map((v) => `retention (${locale}): ${v}`));
      }
      await page.getByRole('button', { name: 'Run the sweep now' }).click();
      await page.locator('tr.ant-table-row').filter({ hasText: /\d+ \/ \d+ \/ \d+/ }).first().waitFor();
      await shot(page, 'page-retention-en');
      expect(accessibility).toEqual([]);

      // The complainant sees the answer and downloads their data.
      await customer.reload();
      await customer.locator('#data-requests li').filter({ hasText: '已办理' }).getByRole('button', { name: '下载我的信息' }).waitFor();
      await customer.screenshot({ path: screenshotPath('workspace-tracking-data-request-answered-zh'), fullPage: true });
    });
  } finally {
    await browser.close();
  }
}, 180_000);

it('learning from cases in the workspace: an article at triage, the legal reviewer’s sign-off, a quality review, the triage rules', async () => {
  const browser = await launchBrowser();
  try {
    await stack.withWorker(async () => {
      // A supervisor published the article on burnt smells (the API: its drawer is photographed below).
      const article = await stack.request('POST', '/knowledge/articles', {
        role: 'supervisor',
        sub: 'sup-sun',
        body: { title: '电饭煲加热时有焦味', problem: '电饭煲加热后有焦糊味，多为内胆涂层过热。', remedy: '上门检测；涂层损坏的免费更换内胆。', wording: '非常抱歉给您带来不便，我们将安排上门检测。', categories: ['product_quality'], products: ['电饭煲'], keywords: ['电饭煲', '焦味'] },
      });
      expect((await stack.request('PUT', `/knowledge/articles/${article.body.id}/status`, { role: 'supervisor', sub: 'sup-sun', body: { status: 'published' } })).status).toBe(200);
      const filed = await stack.request('POST', '/complaints', {
        role: 'agent',
        sub: 'agent-li',
        body: validIntake({ description: '电饭煲加热后有焦味，我已经请了律师。', complainant: { name: '赵先生', phone: '+86 139 1111 2222', email: 'zhao.ws@example.com', customerId: 'cust-ws-4' }, subject: { productName: '电饭煲 Z9', sku: 'RC-Z9', amountMinor: 39_900, currency: 'CNY' } }),
      });
      const number = filed.body.number as string;
      await eventually(async () => (await stageOf(number)) === 'acknowledged');

      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
      const accessibility: string[] = [];
      // The agent opens the triage drawer: the article is suggested, and they use it.
      await signInAs(page, 'agent-li');
      await page.goto(`${stack.api.url}/app/#/case/${number}`);
      await page.click('[data-testid="actions"] button[data-action="triage"]');
      const suggestions = page.locator('[data-testid="knowledge-suggestions"]');
      await suggestions.getByText('电饭煲加热时有焦味').waitFor();
      await suggestions.getByRole('button', { name: /采\s*用/ }).click();
      await suggestions.getByRole('button', { name: /已采用/ }).waitFor();
      accessibility.push(...(await axeViolations(page)).map((v) => `triage drawer (zh-CN): ${v}`));
      await shot(page, 'triage-knowledge-zh-CN');
      expect((await stack.request('GET', '/reports/knowledge', { role: 'manager' })).body.items).toEqual([expect.objectContaining({ articleId: article.body.id, usedAtTriage: 1 })]);
      expect((await stack.request('POST', `/complaints/${number}/triage`, { role: 'agent', sub: 'agent-li', body: { category: 'product_quality', severity: 'high', grade: 'major', departmentId: 'after_sales', assigneeId: 'handler-liu' } })).status).toBe(200);

      // The legal reviewer finds the review in My work and signs it off from the case page.
      await signInAs(page, 'legal-he');
      await page.locator(`tr[data-number="${number}"]`).waitFor();
      await shot(page, 'my-work-review-zh-CN');
      await page.goto(`${stack.api.url}/app/#/case/${number}`);
      const reviews = page.locator('[data-testid="major-reviews"]');
      await reviews.getByText('待签署').waitFor();
      expect(await reviews.textContent()).toContain('签署前方案不能发送给客户');
      accessibility.push(...(await axeViolations(page)).map((v) => `case reviews (zh-CN): ${v}`));
      await reviews.screenshot({ path: screenshotPath('workspace-case-major-reviews-zh-CN') });
      await act(page, 'signOffMajorReview', async () => {
        const form = page.locator('form[data-action-form="signOffMajorReview"]');
        await choose(page, form.getByLabel('审核', { exact: true }), 'legal');
        await choose(page, form.getByLabel('审批决定', { exact: true }), 'cleared_with_conditions');
        await form.getByLabel('备注', { exact: true }).fill('可致歉并退款，勿承认设计缺陷');
      });
      await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state.majorReviews[0].status === 'signed_off');
      await page.reload();
      await reviews.getByText('已签署').waitFor();
      await reviews.screenshot({ path: screenshotPath('workspace-case-major-reviews-signed-zh-CN') });

      // The quality team scores a queued review in its drawer (the queue filled through the API's sampling run).
      const closed = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake({ description: '收银员态度不好', complainant: { name: '钱女士', phone: '+86 139 3333 4444', email: 'qian.ws@example.com', customerId: 'cust-ws-5' }, subject: { productName: '门店', sku: 'STORE-1' } }) });
      const simple = closed.body.number as string;
      await eventually(async () => (await stageOf(simple)) === 'acknowledged');
      expect((await stack.request('POST', `/complaints/${simple}/triage`, { role: 'agent', sub: 'agent-li', body: { category: 'service_attitude', severity: 'low', grade: 'simple', departmentId: 'customer_service' } })).status).toBe(200);
      expect((await stack.request('POST', `/complaints/${simple}/on-spot-resolution`, { role: 'agent', sub: 'agent-li', body: { remedies: [{ type: 'apology' }], note: '当面致歉' } })).status).toBe(200);
      expect((await stack.request('POST', `/complaints/${simple}/satisfaction`, { role: 'agent', sub: 'agent-li', body: { score: 2 } })).status).toBe(200);
      await signInAs(page, 'qa-lin');
      await page.goto(`${stack.api.url}/app/#/quality`);
      await page.click('[data-testid="sample"]');
      await page.locator('[data-testid="sampled"]').waitFor();
      await page.locator('td a').filter({ hasText: simple }).click();
      const form = page.locator('form[data-review-form="score"]');
      await form.waitFor();
      for (const input of await form.locator('input.ant-input-number-input').all()) await input.fill('4');
      await form.locator('textarea').fill('致歉及时；可进一步说明改进措施。');
      accessibility.push(...(await axeViolations(page)).map((v) => `quality drawer (zh-CN): ${v}`));
      await shot(page, 'quality-score-zh-CN');
      await form.locator('button[type="submit"]').click();
      await page.locator('td').filter({ hasText: '已评分' }).first().waitFor();

      // The administrator adds a risk word on the triage-rules page.
      await signInAs(page, 'admin');
      await page.goto(`${stack.api.url}/app/#/triage-rules`);
      const rules = page.locator('[data-testid="triage-rules-form"]');
      await rules.waitFor();
      await rules.getByLabel('舆情风险词').click();
      await page.keyboard.type('黑猫投诉');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await rules.getByLabel('修改原因（必填，记入审计）').fill('黑猫投诉是公开投诉平台');
      await rules.locator('button[type="submit"]').click();
      await page.getByText('版本 1').first().waitFor();
      expect((await stack.request('GET', '/admin/triage-rules', { role: 'admin' })).body.rules.riskWords.media).toContain('黑猫投诉');

      // Each new page in both languages, photographed and checked.
      for (const [who, route, ready] of [
        ['sup-sun', 'knowledge', 'td a'],
        ['qa-lin', 'quality', 'td a'],
        ['admin', 'triage-rules', '[data-testid="triage-rules-form"]'],
      ] as const) {
        await signInAs(page, who);
        for (const locale of ['zh-CN', 'en'] as const) {
          await page.evaluate(`localStorage.setItem('complaints.locale', '${locale}')`);
          await page.goto(`${stack.api.url}/app/#/${route}`);
          await page.reload();
          await page.locator(ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          accessibility.push(...(await axeViolations(page)).map((v) => `${route} (${locale}): ${v}`));
          await shot(page, `page-${route}-${locale}`);
        }
        await page.evaluate(`localStorage.setItem('complaints.locale', 'zh-CN')`);
      }
      await signInAs(page, 'handler-liu');
      await page.goto(`${stack.api.url}/app/#/knowledge`);
      await page.locator('td a').filter({ hasText: '电饭煲加热时有焦味' }).click();
      await page.locator('.ant-drawer').getByText('上门检测；涂层损坏的免费更换内胆。').waitFor();
      await shot(page, 'knowledge-article-zh-CN');
      expect(accessibility).toEqual([]);
    });
  } finally {
    await browser.close();
  }
}, 180_000);
