// What the worker's memory consists of: starts the real stack (bench/stack.ts) with a worker
// setting to compare (cache size, heap limit; otherwise as deployed), reads the idle worker,
// then opens disputes through the workflow client in steps and samples after each: RSS, V8 heap used, external memory, and
// the SDK's own sticky-cache gauge. Not part of `npm run bench`; the evidence for the worker's
// cache default in libs/platform/src/config.ts and docs/performance.md came from it.
//   node dist/bench/memory-probe.js --open 2000 --step 250 [--cache 500] [--heap 1024] [--env NAME=value]... [--parallel 32]
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import { defaultPolicy } from '../libs/domain/src';
import { inParallel } from './load/closed-loop';
import { openDisputeCount } from './scenarios/memory';
import { openThroughWorkflow } from './scenarios/workflow-disputes';
import { startStack } from './stack';

Runtime.install({ logger: new DefaultLogger('WARN') });

const MB = 1024 * 1024;

/** Sum of a metric's samples in a Prometheus text page (NaN when absent). */
function metric(text: string, name: string): number {
  const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].map((m) => Number(m[1]));
  return values.length ? values.reduce((a, b) => a + b, 0) : Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      open: { type: 'string', default: '1000' },
      step: { type: 'string', default: '250' },
      cache: { type: 'string' },
      heap: { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      parallel: { type: 'string', default: '32' },
    },
  });
  const workerEnv: Record<string, string> = {};
  if (values.cache !== undefined) workerEnv.WORKER_MAX_CACHED_WORKFLOWS = values.cache;
  if (values.heap !== undefined) workerEnv.NODE_OPTIONS = `--max-old-space-size=${values.heap}`;
  for (const pair of values.env) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--env takes NAME=value, got "${pair}"`);
    workerEnv[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const label = `cache=${values.cache ?? 'config default'} heap=${values.heap ?? 'as deployed'}${values.env.length ? ` ${values.env.join(' ')}` : ''}`;
  const began = Date.now();
  const log = (line: string) => console.log(`[probe ${label} ${((Date.now() - began) / 1000).toFixed(0).padStart(3)}s] ${line}`);
  const stack = await startStack(log, { workerEnv });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });
  const pool = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  const rows: Record<string, number>[] = [];
  const sample = async () => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const [app, sdk] = await Promise.all([fetch(`${stack.workerUrl}/metrics`).then((r) => r.text()), fetch(stack.sdkMetricsUrl).then((r) => r.text())]);
    const row = {
      open: await openDisputeCount(pool),
      rssMb: metric(app, 'process_resident_memory_bytes') / MB,
      heapUsedMb: metric(app, 'nodejs_heap_size_used_bytes') / MB,
      heapTotalMb: metric(app, 'nodejs_heap_size_total_bytes') / MB,
      externalMb: metric(app, 'nodejs_external_memory_bytes') / MB,
      stickyCache: metric(sdk, 'temporal_sticky_cache_size'),
      // Sticky tasks whose workflow had been evicted (rebuilt from history), and evictions.
      cacheMisses: metric(sdk, 'temporal_sticky_cache_miss'),
      evictions: metric(sdk, 'temporal_sticky_cache_total_forced_eviction'),
      seconds: (Date.now() - began) / 1000,
    };
    rows.push(row);
    log(Object.entries(row).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(1)}`).join(', '));
  };
  try {
    await sample(); // the idle worker: SDK, Nest, pools, the workflow bundle, no workflow yet
    const target = Number(values.open);
    const step = Number(values.step);
    const t0 = Date.now();
    for (let opened = 0; opened < target; ) {
      const n = Math.min(step, target - opened);
      await inParallel(Array.from({ length: n }, () => undefined), Number(values.parallel), () => openThroughWorkflow(client, stack.taskQueue, defaultPolicy));
      opened += n;
      log(`${opened} opened, ${(opened / ((Date.now() - t0) / 1000)).toFixed(1)}/s`);
      await sample();
    }
    console.log(JSON.stringify({ label, rows }));
  } finally {
    await pool.end();
    await connection.close();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
