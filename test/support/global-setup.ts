import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

declare global {
  var __complaintTestServices: ChildProcess | undefined;
}

/** Starts the real services once for the whole integration run and hands their addresses to tests via env. */
export default async function globalSetup(): Promise<void> {
  const root = path.join(__dirname, '..', '..');
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(__dirname, 'services.ts')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  globalThis.__complaintTestServices = child;
  const line = await new Promise<string>((resolve, reject) => {
    // The dev server writes to the same stdout; the ready line is marked.
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (l) => {
      if (l.startsWith('SERVICES_READY ')) resolve(l.slice('SERVICES_READY '.length));
    });
    child.once('exit', (code) => reject(new Error(`test services exited early (code ${code})`)));
  });
  const info = JSON.parse(line) as Record<string, string>;
  process.env.TEST_PG_ADMIN_URL = info.pgAdminUrl;
  process.env.TEST_TEMPORAL_ADDRESS = info.temporalAddress;
  process.env.TEST_TEMPORAL_NAMESPACE = info.temporalNamespace;
  process.env.TEST_WORKFLOW_BUNDLE = info.workflowBundlePath;
  process.env.TEST_WORK_DIR = info.workDir;
}
