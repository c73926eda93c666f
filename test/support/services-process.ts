import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface ServicesInfo {
  pgAdminUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  workflowBundlePath: string;
  workDir: string;
}

const root = path.join(__dirname, '..', '..');

/** Starts test/support/services.ts in its own process and waits for its ready line. */
export async function spawnServices(): Promise<{ child: ChildProcess; info: ServicesInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'services.ts')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const line = await new Promise<string>((resolve, reject) => {
    // The dev server writes to the same stdout; the ready line is marked.
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('SERVICES_READY ')) resolve(l.slice('SERVICES_READY '.length));
    });
    child.once('exit', (code) => reject(new Error(`test services exited early (code ${code})`)));
  });
  return { child, info: JSON.parse(line) as ServicesInfo };
}

/** Hands the services' addresses to code that reads them from the environment (tests, bench). */
export function exportServicesEnv(info: ServicesInfo): void {
  process.env.TEST_PG_ADMIN_URL = info.pgAdminUrl;
  process.env.TEST_TEMPORAL_ADDRESS = info.temporalAddress;
  process.env.TEST_TEMPORAL_NAMESPACE = info.temporalNamespace;
  process.env.TEST_WORKFLOW_BUNDLE = info.workflowBundlePath;
  process.env.TEST_WORK_DIR = info.workDir;
}

export function stopServices(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
