// Summarises a V8 .cpuprofile (node --cpu-prof, e.g. the API's under BENCH_API_CPU_PROF): self
// time by function and by package (node_modules/<package>, our own code by folder, Node's
// internals, V8's idle/GC/program), top N of each, as markdown tables for docs/performance.md.
//
//   node dist/bench/profile-summary.js <file.cpuprofile> [--top 15] [--after-s 20] [--until-s 90]
// --after-s leaves out the first seconds of the profile (the process's start: module loading
// and compiling, which would otherwise hide the request path in a short run); --until-s the rest
// after a moment, so one phase (a timer burst) can be read on its own.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame's code lives: a package, one of our folders, Node itself, or V8's bookkeeping. */
export function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (internals)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scopeOrName, name] = url.slice(modules + '/node_modules/'.length).split('/');
    return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
  }
  const ours = /\/dist\/((?:apps|libs)\/[^/]+|workflows|bench|fixtures)\//.exec(url);
  return ours ? ours[1] : url.replace(/^file:\/\//, '');
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [--top N]');
  const topIndex = process.argv.indexOf('--top');
  const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 15;
  const afterIndex = process.argv.indexOf('--after-s');
  const afterUs = afterIndex > 0 ? Number(process.argv[afterIndex + 1]) * 1e6 : 0;
  const untilIndex = process.argv.indexOf('--until-s');
  const untilUs = untilIndex > 0 ? Number(process.argv[untilIndex + 1]) * 1e6 : Number.POSITIVE_INFINITY;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // Self time of a node: the time deltas of the samples taken while it was on top of the stack.
  const selfUs = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at >= afterUs && at < untilUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  const idle = [...selfUs.entries()].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((sum, [, us]) => sum + us, 0);
  const busy = total - idle;

  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const owner = ownerOf(url, functionName);
    const where = url === '' ? '' : ` ${url.replace(/^.*\/(node_modules|dist)\//, '').replace(/^node:/, 'node:')}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
  }

  // Inclusive time by package: a sample counts once for every package on its stack, so the
  // time spent under a framework's code (and what it called) shows, not only its own frames.
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const underOwner = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const owners = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
      const { url, functionName } = byId.get(node)!.callFrame;
      if (functionName !== '(root)') owners.add(ownerOf(url, functionName));
    }
    for (const owner of owners) underOwner.set(owner, (underOwner.get(owner) ?? 0) + us);
  }

  const table = (title: string, rows: Map<string, number>) => {
    const sorted = [...rows.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
    console.log(`\n| ${title} | ms | % of busy |\n|---|---:|---:|`);
    for (const [name, us] of sorted) console.log(`| \`${name.replace(/\|/g, '\\|')}\` | ${(us / 1000).toFixed(0)} | ${((100 * us) / busy).toFixed(1)} |`);
  };
  console.log(`${file}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled, from ${afterUs / 1e6} s on: ${(busy / 1e6).toFixed(1)} s busy (not idle), ${profile.samples.length} samples`);
  table('package (self time)', byOwner);
  table('function (self time)', byFunction);
  table('package (inclusive: on the stack)', underOwner);
}

if (require.main === module) main();
