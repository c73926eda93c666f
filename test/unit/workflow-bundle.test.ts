/**
 * What the workflow sandbox loads. Every module of the bundle is evaluated again for each cached
 * complaint (the SDK shares only its own modules between workflows), so the bundle must not pull in
 * a schema library, a database driver or anything else heavy: zod alone cost ~1 MB of heap per
 * complaint. This builds the real bundle and reads its module list.
 */
import { bundleWorkflowCode } from '@temporalio/worker';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Packages the sandbox may load: the SDK and its own dependencies, and the mutex. */
const ALLOWED_PACKAGES = ['@temporalio', 'async-mutex', 'long', 'ms', 'nexus-rpc'];

let modules: string[];

beforeAll(async () => {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quiet });
  modules = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((m) => m[1]);
}, 120_000);

it('reads its module list from the bundle', () => {
  expect(modules).toContain('./workflows/complaint.ts');
  expect(modules).toContain('./domain/actions.ts');
});

it('loads no zod, no database code and no package beyond the SDK and the mutex', () => {
  const packages = [...new Set(modules.filter((m) => m.includes('node_modules/')).map((m) => m.split('node_modules/')[1].split('/').slice(0, m.split('node_modules/')[1].startsWith('@') ? 2 : 1).join('/')))];
  const foreign = packages.filter((p) => !ALLOWED_PACKAGES.some((allowed) => p === allowed || p.startsWith(`${allowed}/`)));
  expect(foreign).toEqual([]);
  expect(modules.filter((m) => /zod|drizzle|\/pg\//.test(m))).toEqual([]);
});

it('loads only the workflow and the pure domain rules of the project', () => {
  // (`?xxxx` entries are the SDK's empty stand-ins for Node built-ins.)
  const own = modules.filter((m) => m.startsWith('./') && !m.includes('node_modules/'));
  expect(own.filter((m) => !/^\.\/(workflows|domain)\//.test(m))).toEqual([]);
  // The API-only halves stay out: schemas, calendar files, the triage rule tables.
  for (const apiOnly of ['./domain/calendar-file.ts', './domain/text.ts', './domain/triage.ts', './domain/policy.ts', './domain/intake.ts']) expect(own).not.toContain(apiOnly);
});
