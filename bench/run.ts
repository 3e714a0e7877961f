// `npm run bench` (full) / `npm run bench -- --quick` (at most 3 minutes): the service measured
// end to end against the leanest Temporal path on the same server in the same run. See
// docs/performance.md for what each figure means and the latest results.
//   options: --quick, --scale <factor> (shrink every count, for a smoke run), --out <file>,
//   --engine dev|cluster (the Temporal CLI dev server, default, or the PostgreSQL cluster of
//   scripts/temporal-cluster.sh; the cluster's results go to bench/results/engines/cluster/),
//   --no-memory (a full run without its 10,000-dispute memory phase), --timers <n> (the timer
//   burst opens exactly n disputes, however long that takes: an A/B of the burst at one size)
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import { bundleBaseline, startBaseline } from './baseline/worker';
import { OrderPool } from './load/disputes';
import { graphqlClient } from './load/graphql';
import { assertHeadlineMeasured, FULL, QUICK, scaled } from './plan';
import { machine, report, type Measured } from './report/results';
import { anatomy } from './scenarios/anatomy';
import { latencySweep, measureLevel } from './scenarios/latency';
import { lifecycleLevel, sustainedLevel, type LifecycleLevel } from './scenarios/lifecycle';
import { memoryCurve, openDisputeCount } from './scenarios/memory';
import { baselineTimerLag } from './scenarios/baseline-timers';
import { replay } from './scenarios/replay';
import { soak, type Soak } from './scenarios/soak';
import { timerLag } from './scenarios/timer-lag';
import { cpuPerCommand, cpuProbe, machineQuiet, quietSample } from './cpu';
import { cachedWorkflowsFor } from '../fixtures/measures/workflow-cache';
import { DEFAULT_WORKER_MAX_CACHED_WORKFLOWS } from '../libs/platform/src/config';
import type { TimerBurst } from './report/results';
import { startStack, type Engine } from './stack';

// The SDK's default workflow cache follows the V8 heap limit. The worker runs with the deployed
// heap limit, sized for the default cache (250); for the larger caches of the timer-burst table
// it is restarted on the same Node with no heap flag (BIG_CACHE_HEAP), so this process's limit is
// the worker's then.
const HEAP_LIMIT_MIB = getHeapStatistics().heap_size_limit / 1024 / 1024;
/**
 * A worker with 1,000 or the SDK default's ~2,400 cached workflows needs more heap than the
 * deployed limit sized for 250 gives; a deployment raising the cache raises the limit with it.
 * These rows show the memory-for-latency trade on the machine's default heap, as they did before.
 */
const BIG_CACHE_HEAP = { NODE_OPTIONS: '' };

/** The burst's whole work done (the stack quiet again), for the log line. */
const drained = (ms: number | null | undefined): string => (ms === undefined ? '' : ms === null ? '; still busy 10 s after the last' : `; all its work done ${ms} ms after the due time`);

// The baseline worker runs in this process; the SDK's INFO lines would drown the table.
Runtime.install({ logger: new DefaultLogger('WARN') });

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, scale: { type: 'string', default: '1' }, out: { type: 'string' }, engine: { type: 'string', default: 'dev' }, 'no-memory': { type: 'boolean' }, timers: { type: 'string' } } });
  if (values.engine !== 'dev' && values.engine !== 'cluster') throw new Error(`--engine must be dev or cluster, not ${values.engine}`);
  const engine: Engine = values.engine;
  const chosen = scaled(values.quick ? QUICK : FULL, Number(values.scale));
  // The headline figures are stated at one concurrency; a plan without that level would leave
  // them unmeasured, so it is refused before anything runs.
  assertHeadlineMeasured(chosen);
  // --no-memory leaves out the full run's 10,000-dispute memory phase (some 15 minutes), e.g. to
  // put the two engines side by side in one sitting; the report then says it was not measured.
  const withoutMemory = values['no-memory'] ? { ...chosen, memory: undefined } : chosen;
  // Quick mode opens as many as fit in 20 s, which varies with the machine and the code: a fixed
  // size makes two runs' bursts comparable.
  const plan = values.timers ? { ...withoutMemory, timerDisputes: Number(values.timers), timerMaxOpeningMs: FULL.timerMaxOpeningMs } : withoutMemory;
  const out = values.out ?? join(__dirname, '..', '..', 'bench', 'results', ...(engine === 'cluster' ? ['engines', 'cluster'] : []), 'latest.json');
  const began = Date.now();
  const log = (line: string) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(3)}s] ${line}`);
  const host = machine();
  log(`${plan.mode} mode${values.scale === '1' ? '' : ` scaled by ${values.scale}`}, engine ${engine}, on ${host.cpus} x ${host.cpuModel}, ${host.memoryGb} GB, load ${host.loadAverage.join(' ')}`);

  const bundle = bundleBaseline();
  const stack = await startStack(log, { engine });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });
  // Both workers start with the same workflow cache, our worker's production default (issue 18:
  // the baseline used to run with the SDK's, which holds some 2,400 workflows here).
  let workerCache = DEFAULT_WORKER_MAX_CACHED_WORKFLOWS;
  let baselineCache = DEFAULT_WORKER_MAX_CACHED_WORKFLOWS;
  let baseline = await startBaseline(stack.temporalAddress, stack.databaseUrl, client, bundle, baselineCache);
  const pool = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  let measured: Omit<Measured, 'replay'>;
  try {
    const orders = new OrderPool(`b${randomBytes(3).toString('hex')}`, plan.orders);
    await orders.register(stack.databaseUrl);
    const api = graphqlClient(stack.apiUrl, stack.jwtSecret);
    log(`${plan.orders.toLocaleString('en-US')} orders registered; latency sweep at concurrency ${plan.latency.levels.join(', ')}`);
    // Warm-up (JIT, connection pools, caches): not in the figures, but its errors count.
    const warmup = await measureLevel(4, { maxOps: 24, maxMs: 10_000 }, api, orders, baseline);
    const probe = cpuProbe(stack.processes, pool);
    const latency = await latencySweep(plan.latency, api, orders, baseline, log, probe);
    const perCommand = await anatomy(10, client, api, orders, baseline);
    // Nothing after this sends them commands; left asleep, they would wake in later phases.
    await baseline.endOpened();

    const lifecycle: LifecycleLevel[] = [];
    for (const concurrency of plan.lifecycle.levels) {
      const before = await quietSample(probe);
      const level = await lifecycleLevel(concurrency, plan.lifecycle.windowMs, api, orders);
      level.cpuMsPerCommand = cpuPerCommand(before, await quietSample(probe), level.commands);
      lifecycle.push(level);
      log(`lifecycle c=${concurrency}: ${level.commandsPerSecond.toFixed(1)} commands/s, p50 ${level.p50.toFixed(1)} ms, p99 ${level.p99.toFixed(1)} ms, ${level.errors} errors${level.firstError ? ` (${level.firstError})` : ''}`);
    }

    // The soak offers a fixed share of the capacity just measured, before the timer burst and the
    // memory run add thousands of open disputes, so it runs on the same stack state as the lifecycle.
    const capacity = sustainedLevel(lifecycle)?.commandsPerSecond;
    let soaked: Soak | undefined;
    if (capacity) {
      log(`soak: open loop at ${(plan.soak.share * capacity).toFixed(1)} commands/s (${plan.soak.share * 100} % of ${capacity.toFixed(1)}) for ${plan.soak.durationMs / 1000} s`);
      soaked = await soak(plan.soak, capacity, api, orders);
      log(`soak: ${soaked.succeeded}/${soaked.scheduled} answered, ${soaked.achievedPerSecond.toFixed(1)}/s inside the window, p50 ${soaked.p50.toFixed(0)} ms, p99 ${soaked.p99.toFixed(0)} ms from the scheduled send, ${soaked.errors} errors${soaked.firstError ? ` (${soaked.firstError})` : ''}`);
    } else {
      log('soak skipped: no lifecycle level ran without errors, so there is no capacity to take a share of');
    }

    // The timer burst at each cache size, ours and the baseline's worker set alike.
    const bursts: TimerBurst[] = [];
    for (const setting of plan.timerCacheSizes) {
      const size = cachedWorkflowsFor(setting, HEAP_LIMIT_MIB);
      if (size !== workerCache) {
        await stack.restartWorker({ WORKER_MAX_CACHED_WORKFLOWS: String(size), ...(size > DEFAULT_WORKER_MAX_CACHED_WORKFLOWS ? BIG_CACHE_HEAP : {}) });
        workerCache = size;
      }
      if (size !== baselineCache) {
        await baseline.stop();
        baseline = await startBaseline(stack.temporalAddress, stack.databaseUrl, client, bundle, size);
        baselineCache = size;
      }
      log(`up to ${plan.timerDisputes} disputes whose seller-response windows end together; workflow cache ${size} (${setting === 'sdk-default' ? 'the SDK default' : size === DEFAULT_WORKER_MAX_CACHED_WORKFLOWS ? 'the worker\'s default' : 'set for this burst'}) on both workers`);
      const burstTimers = await timerLag(plan.timerDisputes, plan.timerMaxOpeningMs, client, stack.taskQueue, stack.databaseUrl, stack.workerUrl, () => openDisputeCount(pool), probe);
      log(`timers: due ${(burstTimers.openBudgetMs / 1000).toFixed(0)} s after the first opening; ${burstTimers.escalated}/${burstTimers.disputes} escalated, lag p50 ${burstTimers.p50.toFixed(0)} ms, p99 ${burstTimers.p99.toFixed(0)} ms (due times spread over ${burstTimers.dueSpreadMs.toFixed(0)} ms)${drained(burstTimers.drainedMs)}`);
      const burstBaseline = await baselineTimerLag(burstTimers.disputes, burstTimers.openBudgetMs, baseline, pool, 'opened', probe);
      log(`baseline timers: ${burstBaseline.fired}/${burstBaseline.workflows} minimal workflows (opened by an Update) fired, lag p50 ${burstBaseline.p50.toFixed(0)} ms, p99 ${burstBaseline.p99.toFixed(0)} ms${drained(burstBaseline.drainedMs)}`);
      // At the deployed cache also the bare shape the rows used before, so runs stay comparable.
      const bareBaseline = size === DEFAULT_WORKER_MAX_CACHED_WORKFLOWS ? await baselineTimerLag(burstTimers.disputes, burstTimers.openBudgetMs, baseline, pool, 'bare', probe) : undefined;
      if (bareBaseline) log(`baseline timers, started bare: ${bareBaseline.fired}/${bareBaseline.workflows} fired, lag p50 ${bareBaseline.p50.toFixed(0)} ms, p99 ${bareBaseline.p99.toFixed(0)} ms`);
      bursts.push({ setting, maxCachedWorkflows: size, timers: burstTimers, baselineTimers: burstBaseline, ...(bareBaseline ? { bareBaselineTimers: bareBaseline } : {}) });
    }
    // The headline timer keys: the burst at the worker's production default.
    const atDefault = bursts.find((burst) => burst.maxCachedWorkflows === DEFAULT_WORKER_MAX_CACHED_WORKFLOWS) ?? bursts[0];
    const { timers, baselineTimers } = atDefault;
    if (workerCache !== DEFAULT_WORKER_MAX_CACHED_WORKFLOWS) await stack.restartWorker({ WORKER_MAX_CACHED_WORKFLOWS: String(DEFAULT_WORKER_MAX_CACHED_WORKFLOWS) });

    let memory = timers.memory;
    let memoryRetries: number | undefined;
    if (plan.memory) {
      log(`opening disputes up to ${plan.memory.target.toLocaleString('en-US')} open, sampling worker memory`);
      const curve = await memoryCurve(plan.memory, client, stack.taskQueue, pool, stack.workerUrl, log);
      memory = [...memory, ...curve.points];
      memoryRetries = curve.retries;
      log(`memory: ${curve.retries} failed openings retried${curve.firstRetryReason ? ` (first: ${curve.firstRetryReason})` : ''}`);
    }
    measured = { plan, warmupErrors: warmup.open.errors + warmup.command.errors + warmup.baselineOpen.errors + warmup.baselineCommand.errors, latency, anatomy: perCommand, lifecycle, soak: soaked, timers, baselineTimers, memory, memoryRetries, timerBursts: bursts };
  } finally {
    await pool.end();
    await baseline.stop();
    await connection.close();
    await stack.stop();
  }
  const quiet = await machineQuiet(120_000);
  log(`stack stopped; machine quiet after ${(quiet.waitedMs / 1000).toFixed(0)} s (${(quiet.busyShare * 100).toFixed(0)} % busy); auditor replay of a 10,000-event dispute`);
  const replayed = await replay(10_000, plan.replayRuns);
  const { text, json, charts } = report({ ...measured, replay: replayed }, host, (Date.now() - began) / 1000, engine);
  console.log(`\n${text}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  for (const [name, svg] of Object.entries(charts)) writeFileSync(join(dirname(out), name), svg);
  log(`wrote ${out} and ${Object.keys(charts).join(', ')}`);
}

main().then(
  // The Temporal runtime keeps native handles open; the figures are written, so leave.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
