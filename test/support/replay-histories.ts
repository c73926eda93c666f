/**
 * Replays every committed history against the workflow bundle and prints one JSON line of results.
 * Runs as a plain Node process, the way a worker runs, so the check does not depend on how Jest
 * loads modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from './payload-key';

const HISTORIES_DIR = path.join(__dirname, '..', 'fixtures', 'histories');

async function main(): Promise<void> {
  const files = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();
  const histories = files.map((file) => ({
    workflowId: path.basename(file, '.json'),
    history: JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as unknown,
  }));
  const results: { workflowId: string; error: string | null }[] = [];
  const source = process.env.TEST_WORKFLOW_BUNDLE
    ? { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE } }
    : { workflowsPath: require.resolve('../../workflows') };
  // Histories recorded with encryption on need the tests' key; older plain ones pass through.
  const options = { ...source, dataConverter: testDataConverter() };
  for await (const result of Worker.runReplayHistories(options, histories)) {
    results.push({ workflowId: result.workflowId, error: result.error ? String(result.error) : null });
  }
  process.stdout.write(`REPLAY_RESULTS ${JSON.stringify(results)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`replay failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
