/**
 * Committed histories of representative complaints replay against the current workflow code: a
 * change to workflow logic that is not behind `patched()` fails here.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { HISTORIES_DIR } from '../support/histories';

const root = path.join(__dirname, '..', '..');
const files = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];

it('has the representative histories committed', () => {
  expect(files).toEqual(expect.arrayContaining(['complex-with-approval.json', 'first-response-breach-escalation.json', 'follow-up-reopen.json', 'simple-on-the-spot.json']));
});

it('replays every committed history without nondeterminism', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'support', 'replay-histories.ts')], {
    cwd: root,
    env: process.env,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('REPLAY_RESULTS '));
  expect(line).toBeDefined();
  const results = JSON.parse(line!.slice('REPLAY_RESULTS '.length)) as { workflowId: string; error: string | null }[];
  expect(results.map((r) => r.workflowId).sort()).toEqual(files.map((f) => path.basename(f, '.json')));
  expect(results.filter((r) => r.error !== null)).toEqual([]);
});
