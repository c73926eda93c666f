/**
 * What the workflow sandbox loads. Every module of the bundle is evaluated again for each cached
 * complaint (the SDK shares only its own modules between workflows), so the bundle must not pull in
 * a schema library, a database driver or anything else heavy: zod alone cost ~1 MB of heap per
 * complaint. This builds the real bundle and reads its module list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import ts from 'typescript';
import { complaintBundleOptions, SHARED_WORKFLOW_MODULES } from '../../runtime/workflow-bundle';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Packages the sandbox may load: the SDK and its own dependencies, and the mutex. */
const ALLOWED_PACKAGES = ['@temporalio', 'async-mutex', 'long', 'ms', 'nexus-rpc'];

let modules: string[];
let code: string;

beforeAll(async () => {
  ({ code } = await bundleWorkflowCode(complaintBundleOptions(quiet)));
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
  // (The failure converter is the data converter's half that runs in the sandbox.)
  expect(own.filter((m) => !/^\.\/(workflows|domain)\//.test(m) && m !== './runtime/failure-converter.ts')).toEqual([]);
  // The API-only halves stay out: schemas, calendar files, the triage rule tables.
  for (const apiOnly of ['./domain/calendar-file.ts', './domain/text.ts', './domain/triage.ts', './domain/policy.ts', './domain/intake.ts']) expect(own).not.toContain(apiOnly);
});

describe('modules shared by every cached complaint (runtime/workflow-bundle.ts)', () => {
  it('are preloaded by the bundle', () => {
    const preload = code.slice(code.indexOf('preloadModules = function'), code.indexOf('importWorkflows = function'));
    for (const shared of SHARED_WORKFLOW_MODULES) expect(preload).toContain(`./${path.relative(path.join(__dirname, '../..'), shared)}`);
  });

  it('keep no state at module scope: no let or var, and no Map or Set unless typed read-only', () => {
    // Evaluated once per worker and shared, a module-scope variable would carry one complaint's
    // state into another's. Frozen exports fail loudly when mutated; module-local bindings do not.
    const own = modules.filter((m) => /^\.\/(workflows|domain)\/.*\.ts$/.test(m) && m !== './workflows/index.ts' && m !== './workflows/complaint.ts');
    expect(own.length).toBeGreaterThan(15);
    const found: string[] = [];
    for (const file of own) {
      const source = ts.createSourceFile(file, fs.readFileSync(path.join(__dirname, '../..', file), 'utf8'), ts.ScriptTarget.Latest, true);
      for (const statement of source.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const flags = statement.declarationList.flags;
        for (const d of statement.declarationList.declarations) {
          const name = d.name.getText(source);
          if (!(flags & ts.NodeFlags.Const)) found.push(`${file}: ${flags & ts.NodeFlags.Let ? 'let' : 'var'} ${name}`);
          else if (d.initializer && ts.isNewExpression(d.initializer) && /^(Map|Set|Array)$/.test(d.initializer.expression.getText(source)) && !/^Readonly/.test(d.type?.getText(source) ?? ''))
            found.push(`${file}: const ${name} = new ${d.initializer.expression.getText(source)}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
