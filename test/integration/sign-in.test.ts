/**
 * Signing in through the embedded OpenID provider in a real browser (Debian's Chromium): two people
 * of different departments pick themselves on the development sign-in, come back to the service's
 * sign-in page with an access token the API verifies against the provider's published keys, and
 * see different queues. A disabled person, a person the directory no longer knows by that subject,
 * and a forged role are refused.
 */
import type { ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { DEV_API_AUDIENCE } from '../../runtime/dev-identity-provider';
import { launchBrowser, screenshotPath } from '../support/browser';
import { freePort } from '../support/net';
import { spawnReady, stopProcess } from '../support/processes';
import { eventually, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
let provider: ChildProcess;
let issuer: string;
const numbers: Record<'afterSales' | 'logistics', string> = { afterSales: '', logistics: '' };

beforeAll(async () => {
  const [apiPort, providerPort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${providerPort}`;
  stack = await startTestStack(undefined, { port: apiPort, oidc: { issuer, audience: DEV_API_AUDIENCE, embedded: true } });
  ({ child: provider } = await spawnReady('identity-provider-process.ts', { DATABASE_URL: stack.database.url, OIDC_DEV_PORT: String(providerPort), REDIRECT_URIS: `${stack.api.url}/signin` }, (l) => l.startsWith('issuer ')));
  // One complaint handled in after-sales (handler-liu), one in logistics (handler-zhou).
  await stack.withWorker(async () => {
    for (const [key, departmentId, assigneeId] of [['afterSales', 'after_sales', 'handler-liu'], ['logistics', 'logistics', 'handler-zhou']] as const) {
      const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake() });
      const number = res.body.number as string;
      await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'agent', sub: 'agent-li' })).body.state?.stage === 'acknowledged');
      const triaged = await stack.request('POST', `/complaints/${number}/triage`, { role: 'agent', sub: 'agent-li', body: { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId, assigneeId } });
      expect(triaged.status).toBe(200);
      numbers[key] = number;
    }
  });
}, 180_000);

afterAll(async () => {
  if (provider) await stopProcess(provider, 'SIGTERM');
  await stack?.close();
});

async function signInAs(page: Page, staffId: string, screenshot?: string): Promise<void> {
  await page.goto(`${stack.api.url}/signin`);
  await page.click('#signin');
  // The provider's development sign-in: the directory's active people, by department.
  await page.waitForURL((url) => url.origin === issuer);
  const choice = page.locator(`button[data-staff-id="${staffId}"]`);
  await choice.waitFor();
  if (screenshot) await page.screenshot({ path: screenshotPath(screenshot), fullPage: true });
  await choice.click();
  await page.waitForURL(`${stack.api.url}/signin`);
}

async function queueOf(page: Page): Promise<string[]> {
  await page.locator('#queue:not([hidden])').waitFor();
  const rows = page.locator('#items tr[data-number]');
  return Promise.all((await rows.all()).map(async (row) => (await row.getAttribute('data-number'))!));
}

// Evaluated in the page (no DOM types in this project's compilation).
const accessToken = (page: Page) => page.evaluate<string | null>('sessionStorage.getItem("complaints.accessToken")');

it('two people of different departments sign in and see their own queues; refused people and forged roles are refused', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 }, locale: 'zh-CN' });

    await signInAs(page, 'handler-liu', 'sign-in-pick-person');
    expect(await page.locator('#profile p').getAttribute('data-staff-id')).toBe('handler-liu');
    const liu = await queueOf(page);
    expect(liu).toContain(numbers.afterSales);
    expect(liu).not.toContain(numbers.logistics);
    await page.screenshot({ path: screenshotPath('sign-in-handler-liu'), fullPage: true });
    // The token is the provider's (RS256 from its JWKS, for the API's audience), not the service's own.
    const liuToken = (await accessToken(page))!;
    const header = JSON.parse(Buffer.from(liuToken.split('.')[0], 'base64url').toString());
    const claims = JSON.parse(Buffer.from(liuToken.split('.')[1], 'base64url').toString());
    expect(header.alg).toBe('RS256');
    expect(claims).toMatchObject({ iss: issuer, aud: DEV_API_AUDIENCE, sub: 'handler-liu' });
    // Out of his scope: the other department's complaint is 404, exactly like an unknown number.
    const other = await fetch(`${stack.api.url}/complaints/${numbers.logistics}`, { headers: { authorization: `Bearer ${liuToken}` } });
    expect(other.status).toBe(404);

    await page.click('#signout');
    await signInAs(page, 'handler-zhou');
    const zhou = await queueOf(page);
    expect(zhou).toContain(numbers.logistics);
    expect(zhou).not.toContain(numbers.afterSales);
    await page.screenshot({ path: screenshotPath('sign-in-handler-zhou'), fullPage: true });
    const zhouToken = (await accessToken(page))!;

    // Disabled after signing in: the same token is refused from then on.
    await page.click('#signout');
    await signInAs(page, 'agent-zhao');
    await queueOf(page);
    const disabled = await stack.request('PUT', '/admin/staff/agent-zhao', { role: 'admin', sub: 'admin', body: { name: '赵敏', role: 'agent', departmentId: 'customer_service', supervisorId: 'sup-wang', active: false } });
    expect(disabled.status).toBe(200);
    await page.reload();
    await page.locator('#message:not([hidden])').waitFor();
    expect(await page.locator('#message').textContent()).toContain('Sign-in refused');
    await page.screenshot({ path: screenshotPath('sign-in-refused'), fullPage: true });
    expect((await fetch(`${stack.api.url}/me`, { headers: { authorization: `Bearer ${await accessToken(page)}` } })).status).toBe(403);
    // …and the provider no longer offers them.
    await page.evaluate('sessionStorage.clear()');
    await page.goto(`${stack.api.url}/signin`);
    await page.click('#signin');
    await page.waitForURL((url) => url.origin === issuer);
    await page.locator('button[data-staff-id="handler-liu"]').waitFor();
    expect(await page.locator('button[data-staff-id="agent-zhao"]').count()).toBe(0);

    // Unknown: the directory now knows handler-zhou by another subject at the provider.
    const moved = await stack.request('PUT', '/admin/staff/handler-zhou', { role: 'admin', sub: 'admin', body: { name: '周杰', role: 'handler', departmentId: 'logistics', supervisorId: 'sup-sun', externalSubject: 'zhou.jie@corp.example' } });
    expect(moved.status).toBe(200);
    const unknown = await fetch(`${stack.api.url}/me/work`, { headers: { authorization: `Bearer ${zhouToken}` } });
    expect(unknown.status).toBe(403);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('this person is not in the staff directory');

    // A forged role: the service's own token for agent-li claiming manager acts as the agent she is.
    const forged = await stack.token('manager', 'agent-li');
    const me = await fetch(`${stack.api.url}/me`, { headers: { authorization: `Bearer ${forged}` } });
    expect(await me.json()).toMatchObject({ id: 'agent-li', role: 'agent', departmentId: 'customer_service' });
    expect((await fetch(`${stack.api.url}/supervision/team`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(403);

    // Each refusal is in the audit trail, once per person and reason.
    const audit = await stack.request('GET', '/admin/audit?action=sign_in_refused', { role: 'admin', sub: 'admin' });
    expect(audit.body.items.map((i: { subject: string; reason: string }) => `${i.subject} ${i.reason}`).sort()).toEqual(['agent-zhao inactive', 'handler-zhou unknown']);
  } finally {
    await browser.close();
  }
});
