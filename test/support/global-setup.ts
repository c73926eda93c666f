import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureChromium } from './browser';
import { exportServicesEnv, spawnServices } from './services-process';

declare global {
  var __complaintTestServices: ChildProcess | undefined;
}

/** Starts the real services once for the whole integration run and hands their addresses to tests via env. */
export default async function globalSetup(): Promise<void> {
  // The staff workspace the browser tests open (skipped when nothing changed since the last build);
  // in a process of its own, since Vite is an ES module the test runner's loader cannot require.
  execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'scripts', 'build-web.ts')], { stdio: ['ignore', 'inherit', 'inherit'] });
  ensureChromium((line) => process.stdout.write(`\n${line}\n`));
  const { child, info } = await spawnServices();
  globalThis.__complaintTestServices = child;
  exportServicesEnv(info);
}
