/**
 * How the complaint workflow is bundled for the sandbox, in one place for the worker, the tests'
 * prebuilt bundle, the replay test and the memory bench.
 *
 * With the SDK's reusable V8 context, every module of the bundle is evaluated again for each cached
 * complaint, except the SDK's own and those named in `preloadModules`: those are evaluated once when
 * the worker's context starts, shared by every workflow, and deep-frozen. Everything below the
 * workflow entry (`workflows/complaint.ts`) is preloaded: the process class and its collaborators,
 * the message definitions, the deadline rules and the pure domain. That is safe because none of
 * those modules keeps per-workflow state at module scope or calls a workflow API while loading
 * (state lives in `ComplaintProcess` instances; the calendar's index cache is a WeakMap keyed by
 * each workflow's own calendar object, and holds only what that object determines). A module that
 * mutated a shared export would fail loudly (frozen), and `test/unit/workflow-bundle.test.ts`
 * checks the rule for module-scope state.
 */
import type { BundleOptions } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from './payload-codec';

export const WORKFLOWS_PATH = require.resolve('../workflows');

/** Evaluated once per worker context and shared (see above). */
export const SHARED_WORKFLOW_MODULES: readonly string[] = [require.resolve('../workflows/process'), require.resolve('../workflows/messages')];

export function complaintBundleOptions(logger?: BundleOptions['logger']): BundleOptions {
  return {
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    preloadModules: [...SHARED_WORKFLOW_MODULES],
    ...(logger ? { logger } : {}),
  };
}
