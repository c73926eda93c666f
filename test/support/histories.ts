import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { provisionTemporalCli } from '../../runtime/temporal-cli';

export const HISTORIES_DIR = path.join(__dirname, '..', 'fixtures', 'histories');

/**
 * With RECORD_HISTORIES=1, the lifecycle tests save the event history of representative complaints;
 * the replay test replays every saved history against the current workflow code, so a change that is
 * not behind `patched()` fails CI. Record again only for a deliberate, versioned change.
 * The Temporal CLI writes the history in the JSON form the replayer reads.
 */
export async function saveHistoryIfRecording(workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  // A complaint's payloads are under its own data key, which lives in the test's throwaway database:
  // recorded with the service key alone, the history replays from the fixture with the tests' key.
  if (/^CMP-/.test(workflowId) && process.env.PAYLOAD_DATA_KEYS !== 'decode-only') throw new Error('record complaint histories with PAYLOAD_DATA_KEYS=decode-only (README, "Tests")');
  const cli = await provisionTemporalCli(() => undefined);
  if (cli.kind !== 'path') throw new Error('recording histories needs the Temporal CLI');
  const { stdout } = await promisify(execFile)(
    cli.path,
    ['workflow', 'show', '--workflow-id', workflowId, '--address', process.env.TEST_TEMPORAL_ADDRESS!, '--namespace', process.env.TEST_TEMPORAL_NAMESPACE ?? 'default', '--output', 'json'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  // RECORD_HISTORIES_SUFFIX keeps the recordings of an earlier version beside the new ones (both replay).
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}${process.env.RECORD_HISTORIES_SUFFIX ?? ''}.json`), `${JSON.stringify(JSON.parse(stdout), null, 1)}\n`);
}
