/**
 * The project's layers and the arrows allowed between them (README, "Layout"). Reads every import
 * (type imports included) of the service's TypeScript files and fails on an import circle, on a lower
 * layer reaching up into the API, and on database code in the HTTP transport.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SOURCE_DIRS = ['api', 'activities', 'db', 'domain', 'notifications', 'runtime', 'workflows'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sourceFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

const files = [...SOURCE_DIRS.flatMap(sourceFiles), 'worker.ts'];

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.normalize(path.join(path.dirname(from), spec));
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
  return undefined;
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms;
const graph = new Map<string, string[]>(
  files.map((f) => {
    const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => resolveImport(f, m[1])).filter((t): t is string => t !== undefined);
    return [f, [...new Set(targets)]];
  }),
);
const packagesOf = (f: string) => [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(IMPORT)].map((m) => m[1]).filter((s) => !s.startsWith('.'));

it('reads the imports of the service', () => {
  expect(files.length).toBeGreaterThan(80);
  expect(graph.get('workflows/process.ts')).toContain('workflows/transitions.ts');
});

it('has no import circle', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (f: string, trail: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(f)), f].join(' → '));
      return;
    }
    state.set(f, 'open');
    for (const t of graph.get(f) ?? []) visit(t, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of files) visit(f, []);
  expect(cycles).toEqual([]);
});

it('lets no lower layer import the API', () => {
  const upward = files.filter((f) => !f.startsWith('api/')).flatMap((f) => graph.get(f)!.filter((t) => t.startsWith('api/')).map((t) => `${f} → ${t}`));
  expect(upward).toEqual([]);
});

it('keeps database code out of the HTTP transport and the operations table', () => {
  const offenders = files
    .filter((f) => f.startsWith('api/http/') || f.startsWith('api/operations/'))
    .flatMap((f) => packagesOf(f).filter((p) => p.startsWith('drizzle-orm') || p === 'pg').map((p) => `${f} imports ${p}`));
  expect(offenders).toEqual([]);
});

it('keeps the workflow sandbox on the workflow and the pure domain', () => {
  const outside = files.filter((f) => f.startsWith('workflows/')).flatMap((f) => graph.get(f)!.filter((t) => !/^(workflows|domain)\//.test(t) && t !== 'activities/index.ts').map((t) => `${f} → ${t}`));
  expect(outside).toEqual([]);
});
