/**
 * Temporal's real server (not the CLI's development server) for the production-like cluster
 * (`npm run cluster`): the server, its SQL schema tool and the Web UI server, each built once with Go
 * from the module proxy into the per-user cache, like the CLI (runtime/temporal-cli.ts). The schema
 * files come from the server's module in Go's module cache.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The one place the server version is pinned: the same server the CLI 1.5.1 embeds. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
/** The Web UI server, the version compose runs (`temporalio/ui`). */
export const TEMPORAL_UI_SERVER_VERSION = '2.42.1';

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  uiServer: string;
  /** `…/schema/postgresql/v12`, with `temporal/versioned` and `visibility/versioned`. */
  postgresSchemaDir: string;
}

function cacheDir(name: string, version: string, env = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'complaint-service', name, version);
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function goInstall(targetDir: string, packages: string[], log: (line: string) => void): Promise<void> {
  fs.mkdirSync(targetDir, { recursive: true });
  const started = Date.now();
  log(`Building ${packages.join(', ')} with Go into ${targetDir} (first run only; takes several minutes)…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', ...packages], { env: { ...process.env, CGO_ENABLED: '0', GOBIN: targetDir }, stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install failed (exit ${code}):\n${tail}`))));
  });
  log(`Built in ${Math.round((Date.now() - started) / 1000)}s.`);
}

/** Finds or builds the server, its schema tool and the UI server; fails with one sentence without Go. */
export async function provisionTemporalServer(log: (line: string) => void = console.log): Promise<TemporalServerBinaries> {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('the production-like cluster builds Temporal’s server with Go; install Go (https://go.dev/dl) or use `npm start`, which runs the CLI’s development server');
  }
  const serverDir = cacheDir('temporal-server', TEMPORAL_SERVER_VERSION);
  const server = path.join(serverDir, 'server');
  const sqlTool = path.join(serverDir, 'sql');
  if (!executable(server) || !executable(sqlTool)) {
    await goInstall(serverDir, [`go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`, `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`], log);
  }
  const uiDir = cacheDir('temporal-ui-server', TEMPORAL_UI_SERVER_VERSION);
  const uiServer = path.join(uiDir, 'server');
  if (!executable(uiServer)) await goInstall(uiDir, [`github.com/temporalio/ui-server/v2/cmd/server@v${TEMPORAL_UI_SERVER_VERSION}`], log);
  const modCache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  const postgresSchemaDir = path.join(modCache, `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  if (!fs.existsSync(path.join(postgresSchemaDir, 'temporal', 'versioned'))) {
    // The module cache was cleaned since the build: fetch the module again for its schema files.
    spawnSync('go', ['mod', 'download', `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`], { stdio: 'ignore', cwd: os.tmpdir() });
  }
  return { server, sqlTool, uiServer, postgresSchemaDir };
}
