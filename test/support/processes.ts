/** Helpers for tests that run parts of the service as processes of their own, to kill them. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.join(__dirname, '..', '..');

/** Starts `test/support/<script>` under tsx and resolves once it prints `ready` (or the line `ready` matches). */
export async function spawnReady(script: string, env: NodeJS.ProcessEnv, ready: (line: string) => boolean): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'support', script)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => ready(l) && resolve(l));
    child.once('exit', (code) => reject(new Error(`${script} exited early (${code})`)));
  });
  return { child, line };
}

/** A complaint worker in its own process (test/support/worker-process.ts). */
export async function spawnWorker(env: { DATABASE_URL: string; TASK_QUEUE: string; PAYLOAD_ENCRYPTION_KEY: string; SMTP_URL?: string }): Promise<ChildProcess> {
  return (await spawnReady('worker-process.ts', { TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS, ...env }, (l) => l === 'worker ready')).child;
}

/** SIGKILL (no warning, no cleanup) or SIGTERM, and wait for the exit. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
