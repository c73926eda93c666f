/**
 * Committed histories of representative complaints replay against the current workflow code, inside
 * this Jest process: a change to workflow logic that is not behind `patched()` fails here. The
 * negative case proves the check bites: a workflow that schedules one extra activity before the real
 * process must fail every history with a DeterminismViolationError.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker, type Logger, type ReplayResult } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/histories';
import { FAILURE_CONVERTER_PATH } from '../../runtime/payload-codec';
import { complaintBundleOptions } from '../../runtime/workflow-bundle';
import { testDataConverter } from '../support/payload-key';

const files = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];
const histories = files.map((file) => ({
  workflowId: path.basename(file, '.json'),
  history: JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as unknown,
}));

const quiet: Logger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** The workflow type a history starts (complaints; since 1.2 also people's data requests). */
const typeOf = (history: unknown) => (history as { events: { workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[] }).events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;

async function replayAll(source: { workflowBundle: { code: string } | { codePath: string } }, only = histories): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  // Histories recorded with encryption on need the tests' key; older plain ones pass through.
  for await (const result of Worker.runReplayHistories({ ...source, dataConverter: testDataConverter() }, only)) results.push(result);
  return results;
}

it('has the representative histories committed', () => {
  // Release 1.0: every path the lifecycle tests drive, recorded from the folded workflow.
  expect(files).toEqual(expect.arrayContaining(['approval-ladder.json', 'approval-owners.json', 'breach-escalates-up-the-org-chart.json', 'closed-as-duplicate.json', 'complex-with-approval.json', 'customer-no-response.json', 'first-response-breach-escalation.json', 'follow-up-reopen.json', 'hotline-tracking-page.json', 'late-follow-up-visit.json', 'pause-and-resume.json', 'regrade-to-investigation.json', 'rejected-rounds-unresolved.json', 'satisfaction-not-given.json', 'simple-on-the-spot.json', 'withdrawn.json']));
  // Release 1.1: an agent asking to reopen on the complainant's behalf (a validator change; no command changed).
  expect(files).toContain('reopened-by-agent.json');
  // Release 1.2: a person's data request, warned, missed and answered.
  expect(files).toContain('data-request-warned-missed-answered-1.2.json');
  expect(files).toContain('retention-sweep-1.2.json');
  // Release 1.3: a major case through its legal review, the apology it owed and an unexecutable remedy (patches major-case-review, service-recovery); a scheduled quality sampling.
  expect(files).toContain('major-case-legal-review-recovery-1.3.json');
  expect(files).toContain('quality-sampling-1.3.json');
});

it('replays every committed history without nondeterminism', async () => {
  const codePath = process.env.TEST_WORKFLOW_BUNDLE;
  const results = await replayAll(codePath ? { workflowBundle: { codePath } } : { workflowBundle: await bundleWorkflowCode(complaintBundleOptions(quiet)) });
  expect(results.map((r) => r.workflowId).sort()).toEqual(files.map((f) => path.basename(f, '.json')).sort());
  expect(results.filter((r) => r.error !== undefined).map((r) => `${r.workflowId}: ${String(r.error)}`)).toEqual([]);
});

it('fails with a DeterminismViolationError when the workflow changes without patched()', async () => {
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../fixtures/changed-workflow'), failureConverterPath: FAILURE_CONVERTER_PATH, logger: quiet });
  // The changed fixture is a complaint workflow: the complaints' histories must all fail on it.
  const complaints = histories.filter((h) => typeOf(h.history) === 'complaintWorkflow');
  const results = await replayAll({ workflowBundle }, complaints);
  expect(results).toHaveLength(complaints.length);
  for (const result of results) expect(result.error).toBeInstanceOf(DeterminismViolationError);
});
