import type { ChildProcess } from 'node:child_process';
import { exportServicesEnv, spawnServices } from './services-process';

declare global {
  var __complaintTestServices: ChildProcess | undefined;
}

/** Starts the real services once for the whole integration run and hands their addresses to tests via env. */
export default async function globalSetup(): Promise<void> {
  const { child, info } = await spawnServices();
  globalThis.__complaintTestServices = child;
  exportServicesEnv(info);
}
