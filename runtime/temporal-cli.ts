import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The one place the Temporal CLI version is pinned (Server 1.29.1 with the Web UI). */
export const TEMPORAL_CLI_VERSION = '1.5.1';

export type TemporalCliSource =
  | { kind: 'path'; path: string; origin: 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'built' }
  | { kind: 'download' };

export function temporalCliCacheDir(env = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'complaint-service', 'temporal-cli', TEMPORAL_CLI_VERSION);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string, env = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function hasGo(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Builds the pinned CLI with Go into the per-user cache, streaming Go's progress (minutes the first time). */
async function buildWithGo(targetDir: string, log: (line: string) => void): Promise<string> {
  fs.mkdirSync(targetDir, { recursive: true });
  const started = Date.now();
  log(`Building Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${targetDir} (first run only; takes a few minutes)…`);
  const args = [
    'install',
    '-v',
    '-ldflags',
    `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
    `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', args, {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: targetDir },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let packages = 0;
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        packages += 1;
        // `go install -v` names every package it compiles; a line every 100 shows it is alive.
        if (line.startsWith('go: downloading') || packages % 100 === 0) log(`  [${Math.round((Date.now() - started) / 1000)}s] ${line.trim()}`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install failed (exit ${code}):\n${tail}`))));
  });
  const binary = path.join(targetDir, 'temporal');
  if (!isExecutable(binary)) throw new Error(`go install finished but ${binary} is missing`);
  log(`Built Temporal CLI in ${Math.round((Date.now() - started) / 1000)}s.`);
  return binary;
}

/**
 * Finds the Temporal CLI dev server, in this order: TEMPORAL_CLI_PATH; `temporal` on PATH; the cached
 * build of the pinned version; a fresh Go build into the cache; and, without Go, the SDK's download.
 */
export async function provisionTemporalCli(log: (line: string) => void = console.log, env = process.env): Promise<TemporalCliSource> {
  if (env.TEMPORAL_CLI_PATH) {
    if (!isExecutable(env.TEMPORAL_CLI_PATH)) throw new Error(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable file`);
    return { kind: 'path', path: env.TEMPORAL_CLI_PATH, origin: 'TEMPORAL_CLI_PATH' };
  }
  const onPath = findOnPath('temporal', env);
  if (onPath) return { kind: 'path', path: onPath, origin: 'PATH' };
  const cacheDir = temporalCliCacheDir(env);
  const cached = path.join(cacheDir, 'temporal');
  if (isExecutable(cached)) return { kind: 'path', path: cached, origin: 'cache' };
  if (hasGo()) return { kind: 'path', path: await buildWithGo(cacheDir, log), origin: 'built' };
  log('Go is not installed: falling back to the Temporal SDK download of the dev server.');
  return { kind: 'download' };
}
