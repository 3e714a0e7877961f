// How often each side enters the workflow sandbox, and how many promises its workflow thread
// creates, per operation: openings and postMessage at concurrency 1 over GraphQL, against the
// baseline's raw update-with-start and Update on the minimal workflow (bench/scenarios/latency.ts).
// Every entry costs the SDK's watchdog thread (bench/vm-entry.ts) and every promise a stack
// capture, so these counts say what a command costs the worker apart from our own code.
// Not part of `npm run bench`.
//   node dist/bench/sandbox-entries.js [--ops 150]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { deployedWorkerProcessEnv } from '../fixtures/worker-process';
import { bundleBaseline, startBaseline } from './baseline/worker';
import { OrderPool } from './load/disputes';
import { graphqlClient } from './load/graphql';
import { measureLevel } from './scenarios/latency';
import { startStack } from './stack';

interface ThreadCounts {
  pid: number;
  calls: Record<string, { count: number; microseconds: number }>;
  promises: number;
}

const PRELOAD = join(__dirname, 'sandbox-entries-preload.js');

function read(dir: string): Map<number, ThreadCounts> {
  const byPid = new Map<number, ThreadCounts>();
  for (const file of readdirSync(dir)) byPid.set(Number(file.split('-')[0]), JSON.parse(readFileSync(join(dir, file), 'utf8')) as ThreadCounts);
  return byPid;
}

function perOperation(after: ThreadCounts | undefined, before: ThreadCounts | undefined, operations: number): Record<string, number> {
  if (!after) return {};
  const out: Record<string, number> = { promises: (after.promises - (before?.promises ?? 0)) / operations };
  let entries = 0;
  let microseconds = 0;
  for (const [name, call] of Object.entries(after.calls)) {
    const count = call.count - (before?.calls[name]?.count ?? 0);
    out[name] = count / operations;
    entries += count;
    microseconds += call.microseconds - (before?.calls[name]?.microseconds ?? 0);
  }
  return { ...out, entries: entries / operations, msInSandbox: microseconds / 1000 / operations };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { ops: { type: 'string', default: '150' } } });
  const ops = Number(values.ops);
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-entries-'));
  process.env.SANDBOX_ENTRIES_DIR = dir;
  const log = (line: string) => console.log(`[entries] ${line}`);
  const deployed = deployedWorkerProcessEnv(join(__dirname, '..', '..'));
  const bundle = bundleBaseline();
  const stack = await startStack(log, { workerEnv: { NODE_OPTIONS: `${deployed.NODE_OPTIONS} --require ${PRELOAD}`, SANDBOX_ENTRIES_DIR: dir } });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });
  const baseline = await startBaseline(stack.temporalAddress, stack.databaseUrl, client, bundle, 250);
  try {
    const orders = new OrderPool(`e${randomBytes(3).toString('hex')}`, 2 * ops + 100);
    await orders.register(stack.databaseUrl);
    const api = graphqlClient(stack.apiUrl, stack.jwtSecret);
    await measureLevel(2, { maxOps: 20, maxMs: 20_000 }, api, orders, baseline); // warm-up
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1_200));
    await settle();
    const before = read(dir);
    const level = await measureLevel(1, { maxOps: ops, maxMs: 120_000 }, api, orders, baseline);
    await settle();
    const after = read(dir);
    const operations = level.open.ops + level.command.ops;
    if (level.baselineOpen.ops + level.baselineCommand.ops !== operations) throw new Error('the two sides served different numbers of operations');
    const ours = perOperation(after.get(stack.processes.worker), before.get(stack.processes.worker), operations);
    const theirs = perOperation(after.get(process.pid), before.get(process.pid), operations);
    console.log(`per operation (${level.open.ops} openings and ${level.command.ops} postMessage each side, concurrency 1):`);
    for (const key of [...new Set([...Object.keys(ours), ...Object.keys(theirs)])]) console.log(`  ${key.padEnd(22)} ours ${(ours[key] ?? 0).toFixed(2).padStart(8)}   baseline ${(theirs[key] ?? 0).toFixed(2).padStart(8)}`);
    console.log(JSON.stringify({ operations, ours, baseline: theirs }));
  } finally {
    await baseline.stop();
    await stack.stop();
  }
}

// This process runs the baseline's worker, whose workflow thread inherits the node flags: the
// script starts itself again with the preload when it was started without.
if (process.execArgv.includes(PRELOAD)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  process.exitCode = spawnSync(process.execPath, ['--require', PRELOAD, __filename, ...process.argv.slice(2)], { stdio: 'inherit' }).status ?? 1;
}
