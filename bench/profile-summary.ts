/**
 * `npm run bench:profile-summary -- <dir>`: what each thread of the profiled service worker spent its
 * time on. `BENCH_CPU_PROF=<dir> npm run bench` makes the worker write one V8 CPU profile per thread
 * (the main thread and each workflow thread) when it stops; this prints, per profile, how busy the
 * thread was and its top frames by self time, grouped by function and file.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.cpuprofile') ? [path.join(dir, e.name)] : []));
}

function shortUrl(url: string): string {
  if (!url) return '';
  const i = url.lastIndexOf('node_modules/');
  if (i >= 0) return url.slice(i + 'node_modules/'.length).split('/').slice(0, 3).join('/');
  return url.replace(/^.*\/(workflows|domain|activities|notifications|db|api|runtime)\//, '$1/');
}

export function summarise(file: string, top = 12): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const totalHits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const perHit = totalHits > 0 ? seconds / totalHits : 0;
  const bySelf = new Map<string, number>();
  for (const node of profile.nodes) {
    const key = `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}`.trim();
    bySelf.set(key, (bySelf.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  const idle = bySelf.get('(idle)') ?? 0;
  const busy = totalHits > 0 ? 1 - idle / totalHits : 0;
  const lines = [`${path.basename(file)}: ${seconds.toFixed(0)} s profiled, busy ${(busy * 100).toFixed(0)} % (${(busy * seconds).toFixed(1)} s of CPU)`];
  for (const [key, hits] of [...bySelf].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`  ${((hits / Math.max(1, totalHits - idle)) * 100).toFixed(1).padStart(5)} %  ${(hits * perHit).toFixed(2).padStart(7)} s  ${key}`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: npm run bench:profile-summary -- <dir written by BENCH_CPU_PROF>');
  // The file name says which thread: CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile (thread 0 is the main thread).
  for (const file of files(dir).sort()) console.log(`${summarise(file)}\n`);
}
