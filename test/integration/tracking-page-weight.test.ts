/**
 * The tracking page stays light on a phone: what it loads is measured from the build (under 150 KB
 * gzip, no staff code), and its load on Chromium's "Fast 3G" profile is printed for the record (a
 * figure, not a timed assertion).
 */
import { gzipSize } from '../../scripts/build-web';
import { launchBrowser, screenshotPath } from '../support/browser';
import { eventually, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

it('loads under 150 KB gzip without the staff code, and opens on Fast 3G', async () => {
  // The build's own measure of what each page's HTML loads (scripts/build-web.ts).
  const sizes = gzipSize();
  expect(sizes.track).toBeGreaterThan(0);
  expect(sizes.track).toBeLessThan(150);
  expect(sizes.track).toBeLessThan(sizes.workspace / 10);

  const { number, link } = await stack.withWorker(async () => {
    const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake({ channel: 'hotline', complainant: { name: '王小明', phone: '13800138000' } }) });
    await eventually(async () => (await stack.request('GET', `/complaints/${res.body.number}`, { role: 'agent', sub: 'agent-li' })).body.state?.stage === 'acknowledged');
    return { number: res.body.number as string, link: new URL(res.body.links.tracking as string) };
  });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const page = await context.newPage();
    // Chromium's "Fast 3G" preset: 562.5 ms latency, about 1.4 Mbit/s down and 0.7 Mbit/s up.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 });
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    const started = Date.now();
    await page.goto(`${stack.api.url}${link.pathname}${link.hash}`);
    await page.locator('#stage').waitFor();
    const seconds = (Date.now() - started) / 1000;
    expect(await page.locator('#stage').innerText()).toBe('已受理');
    expect(scripts.every((s) => /\/app\/assets\/track-/.test(s))).toBe(true);
    await page.screenshot({ path: screenshotPath('tracking-fast-3g'), fullPage: true });
    console.log(`tracking page: ${sizes.track} KiB gzip (staff workspace ${sizes.workspace} KiB); complaint ${number} shown on Fast 3G after ${seconds.toFixed(2)} s`);
  } finally {
    await browser.close();
  }
});
