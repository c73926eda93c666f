/**
 * Headless Chromium for the page tests: Debian's `chromium` package (`.ci/run` installs it) driven by
 * playwright-core, which downloads no browser of its own. Screenshots go to `test-output/screenshots`
 * (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'test-output', 'screenshots');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s `chromium` package (`.ci/run` does) or set CHROMIUM_PATH');
  return found;
}

/**
 * Installs Debian's Chromium and a CJK font when they are missing (the browser tests need both), as
 * `.ci/run` does: `npm test` on a fresh machine needs no manual step. Needs root and apt-get;
 * otherwise it says what to install.
 */
export function ensureChromium(log: (line: string) => void): void {
  const hasBrowser = (() => {
    try {
      chromiumPath();
      return true;
    } catch {
      return false;
    }
  })();
  const hasFont = (() => {
    try {
      return /wenquanyi|wqy/i.test(execFileSync('fc-list', { encoding: 'utf8' }));
    } catch {
      return false;
    }
  })();
  if (hasBrowser && hasFont) return;
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    throw new Error('The browser tests need Debian\'s `chromium` and `fonts-wqy-microhei`: install them (as root: apt-get install -y chromium fonts-wqy-microhei) or set CHROMIUM_PATH.');
  }
  log('installing Chromium and a CJK font from Debian\'s packages for the browser tests (once, a minute or two)…');
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'] as ('ignore' | 'inherit')[], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  execFileSync('apt-get', ['update'], quiet);
  execFileSync('apt-get', ['install', '-y', 'chromium', 'fonts-wqy-microhei'], quiet);
  log(`installed ${execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8' }).trim()}`);
}

export async function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Root in CI: no sandbox. The closed network: no background traffic, no component updates.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export function screenshotPath(name: string): string {
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}
