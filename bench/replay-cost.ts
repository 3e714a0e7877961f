// What a wake-up of an evicted workflow costs a worker before it can act: the replay of the
// history it has so far. Under a workflow cache of 250, most disputes of a timer burst are out of
// the cache when their deadline fires, so this is the worker's part of the burst's lag beyond the
// engine's. Opens disputes (update-with-start, as timer-lag does) and the baseline's two timer
// workflows on the real stack, fetches their histories as they wait on their deadlines, stops the
// stack, then replays each set in this process with the SDK's replay worker (the same code path a
// cache miss runs), alternating the sides, and reports CPU ms (every thread of this process) per
// history. Not part of `npm run bench`.
//   node dist/bench/replay-cost.js [--histories 200] [--rounds 5] [--keep DIR]
// --keep writes the histories to DIR; --from DIR replays those instead of starting the stack, and
// --only <side> replays one side, e.g. under `node --cpu-prof` to see where a replay's time goes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { disputeWorkflowId } from '../libs/contracts/src';
import { defaultPolicy } from '../libs/domain/src';
import { bundleBaseline, startBaseline } from './baseline/worker';
import { inParallel } from './load/closed-loop';
import { openThroughWorkflow } from './scenarios/workflow-disputes';
import { startStack } from './stack';

type History = temporal.api.history.v1.IHistory;

interface Side {
  key: string;
  name: string;
  options: ReplayWorkerOptions;
  histories: History[];
  cpuMs: number[];
}

/** CPU and wall ms per history, leaving out the first (the replay worker's start and its context). */
async function replay(options: ReplayWorkerOptions, histories: History[]): Promise<{ cpuMs: number; wallMs: number }> {
  let cpuAtFirst: NodeJS.CpuUsage | null = null;
  let wallAtFirst = 0;
  let replayed = 0;
  const named = histories.map((history, index) => ({ workflowId: `replay-${index}`, history }));
  for await (const result of Worker.runReplayHistories(options, named)) {
    if (result.error) throw result.error;
    replayed++;
    if (cpuAtFirst === null) {
      cpuAtFirst = process.cpuUsage();
      wallAtFirst = performance.now();
    }
  }
  const cpu = process.cpuUsage(cpuAtFirst ?? undefined);
  const wallMs = performance.now() - wallAtFirst;
  return { cpuMs: (cpu.user + cpu.system) / 1000 / (replayed - 1), wallMs: wallMs / (replayed - 1) };
}

function sizeOf(histories: History[]): { events: number; bytes: number } {
  const events = histories.reduce((sum, history) => sum + (history.events?.length ?? 0), 0);
  const bytes = histories.reduce((sum, history) => sum + temporal.api.history.v1.History.encode(history).finish().length, 0);
  return { events: events / histories.length, bytes: bytes / histories.length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { histories: { type: 'string', default: '200' }, rounds: { type: 'string', default: '5' }, keep: { type: 'string' }, from: { type: 'string' }, only: { type: 'string' } } });
  const rounds = Number(values.rounds);
  const all = values.from ? await savedSides(values.from) : await recordSides(Number(values.histories));
  if (values.keep) {
    mkdirSync(values.keep, { recursive: true });
    for (const side of all) writeFileSync(join(values.keep, `${side.key}.json`), `[${side.histories.map((history) => historyToJSON(history)).join(',')}]`);
  }
  const sides = all.filter((side) => !values.only || side.key === values.only);
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) side.cpuMs.push((await replay(side.options, side.histories)).cpuMs);
  }
  console.log(`replay of one history as it waits on its deadline (${sides[0].histories.length} histories per side, ${rounds} rounds, CPU ms per history, median and range):`);
  for (const side of sides) {
    const size = sizeOf(side.histories);
    console.log(`  ${side.name.padEnd(30)} ${median(side.cpuMs).toFixed(2).padStart(6)} ms (${Math.min(...side.cpuMs).toFixed(2)} to ${Math.max(...side.cpuMs).toFixed(2)})   ${size.events.toFixed(1)} events, ${Math.round(size.bytes)} bytes`);
  }
  console.log(JSON.stringify(Object.fromEntries(sides.map((side) => [side.key, { cpuMs: side.cpuMs, ...sizeOf(side.histories) }]))));
}

const OURS = { workflowBundle: { codePath: join(__dirname, '..', 'workflows', 'bundle.js') } };

async function savedSides(dir: string): Promise<Side[]> {
  const baselineOptions = { workflowBundle: await bundleBaseline() };
  const load = (key: string) => (JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as unknown[]).map((json) => historyFromJSON(json));
  return [
    { key: 'dispute', name: 'dispute (ours)', options: OURS, histories: load('dispute'), cpuMs: [] },
    { key: 'baseline-opened', name: 'baseline, opened by an Update', options: baselineOptions, histories: load('baseline-opened'), cpuMs: [] },
    { key: 'baseline-bare', name: 'baseline, started bare', options: baselineOptions, histories: load('baseline-bare'), cpuMs: [] },
  ];
}

async function recordSides(count: number): Promise<Side[]> {
  const log = (line: string) => console.log(`[replay] ${line}`);
  const baselineBundle = bundleBaseline();
  const stack = await startStack(log);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });
  const baseline = await startBaseline(stack.temporalAddress, stack.databaseUrl, client, baselineBundle, 250);
  const fetch = (workflowIds: string[]) => Promise.all(workflowIds.map((id) => client.workflow.getHandle(id).fetchHistory()));
  try {
    // Far enough ahead that no deadline fires while the histories are read.
    const dueAt = Date.now() + 30 * 60_000;
    const each = Array.from({ length: count }, () => undefined);
    const disputes = await inParallel(each, 16, () => openThroughWorkflow(client, stack.taskQueue, { ...defaultPolicy, version: 'bench-replay', sellerResponseWindowMs: dueAt - Date.now() }));
    const opened = await inParallel(each, 16, () => baseline.openedTimer(dueAt));
    const bare = await inParallel(each, 16, () => baseline.timer(dueAt));
    // Let the openings' activities and last workflow tasks complete, so each history is the one a deadline would wake.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const baselineOptions = { workflowBundle: await baselineBundle };
    return [
      { key: 'dispute', name: 'dispute (ours)', options: OURS, histories: await fetch(disputes.map(disputeWorkflowId)), cpuMs: [] },
      { key: 'baseline-opened', name: 'baseline, opened by an Update', options: baselineOptions, histories: await fetch(opened), cpuMs: [] },
      { key: 'baseline-bare', name: 'baseline, started bare', options: baselineOptions, histories: await fetch(bare), cpuMs: [] },
    ];
  } finally {
    await baseline.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
