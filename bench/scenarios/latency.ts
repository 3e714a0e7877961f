// openDispute and one command (postMessage) over GraphQL against the baseline (raw
// update-with-start and raw Update on the minimal workflow), level by level. At each level the
// baseline and ours run back to back, so both see the same machine state; commands go to
// disputes opened at that level, one per lane, so lanes never queue behind each other.
import type { Baseline } from '../baseline/worker';
import { measuredCpu, type CpuPerCommand, type CpuProbe } from '../cpu';
import { closedLoop, percentile, type PhaseResult } from '../load/closed-loop';
import { DisputeDriver, type OrderPool } from '../load/disputes';
import type { GraphQLClient } from '../load/graphql';

export interface LatencyLevel {
  concurrency: number;
  open: Summary;
  baselineOpen: Summary;
  command: Summary;
  baselineCommand: Summary;
  /** The baseline's Update storing its row by a local activity (`recordInTask`); at the headline level only. */
  baselineInTaskCommand?: Summary;
  /** CPU ms per operation served in each phase, by process (bench/cpu.ts); absent when not sampled. */
  cpu?: { open?: CpuPerCommand; baselineOpen?: CpuPerCommand; command?: CpuPerCommand; baselineCommand?: CpuPerCommand; baselineInTaskCommand?: CpuPerCommand };
}

export interface Summary {
  ops: number;
  errors: number;
  p50: number;
  p99: number;
  perSecond: number;
  firstError?: string;
}

export const summarise = (r: PhaseResult): Summary => ({
  ops: r.ops,
  errors: r.errors,
  p50: percentile(r.latencies, 50),
  p99: percentile(r.latencies, 99),
  perSecond: r.latencies.length / (r.elapsedMs / 1000),
  ...(r.firstError ? { firstError: r.firstError } : {}),
});

export interface LatencyPlan {
  levels: number[];
  /** Operations and time per phase; `headline` applies at the concurrency the targets are stated for. */
  maxOps: number;
  maxMs: number;
  headline: { concurrency: number; maxOps: number; maxMs: number };
}

export async function measureLevel(concurrency: number, bounds: { maxOps: number; maxMs: number }, api: GraphQLClient, orders: OrderPool, baseline: Baseline, probe?: CpuProbe, withInTask = false): Promise<LatencyLevel> {
  const b = { concurrency, ...bounds };
  // Each phase between two CPU samples, divided by the operations it served.
  const phase = (run: () => Promise<PhaseResult>) => measuredCpu(probe, run, (r) => r.latencies.length);
  const baselineIds: string[] = [];
  const baselineOpen = await phase(() => closedLoop(b, async () => async () => void baselineIds.push(await baseline.open())));
  const drivers: DisputeDriver[] = [];
  const open = await phase(() =>
    closedLoop(b, async (lane) => {
      const driver = new DisputeDriver(api, orders.take(), [`m-${lane}-a`, `m-${lane}-b`]);
      await api.token('BUYER', driver.order.buyerId);
      return async () => {
        await driver.open();
        drivers.push(driver);
      };
    }),
  );
  const baselineCommand = await phase(() => closedLoop(b, async (lane) => async () => baseline.command(baselineIds[lane % baselineIds.length])));
  const command = await phase(() => closedLoop(b, async (lane) => async () => void (await drivers[lane % drivers.length].message())));
  // After ours, so the phases before it run in the order of every earlier round.
  const inTask = withInTask ? await phase(() => closedLoop(b, async (lane) => async () => baseline.commandInTask(baselineIds[lane % baselineIds.length]))) : undefined;
  return {
    concurrency,
    open: summarise(open.result),
    baselineOpen: summarise(baselineOpen.result),
    command: summarise(command.result),
    baselineCommand: summarise(baselineCommand.result),
    ...(inTask ? { baselineInTaskCommand: summarise(inTask.result) } : {}),
    ...(probe ? { cpu: { open: open.cpu, baselineOpen: baselineOpen.cpu, command: command.cpu, baselineCommand: baselineCommand.cpu, ...(inTask ? { baselineInTaskCommand: inTask.cpu } : {}) } } : {}),
  };
}

export async function latencySweep(plan: LatencyPlan, api: GraphQLClient, orders: OrderPool, baseline: Baseline, log: (line: string) => void, probe?: CpuProbe): Promise<LatencyLevel[]> {
  const levels: LatencyLevel[] = [];
  for (const concurrency of plan.levels) {
    const bounds = concurrency === plan.headline.concurrency ? plan.headline : plan;
    const level = await measureLevel(concurrency, bounds, api, orders, baseline, probe, concurrency === plan.headline.concurrency);
    levels.push(level);
    const f = (s: Summary) => `${s.p50.toFixed(1)}/${s.p99.toFixed(1)} ms`;
    const inTask = level.baselineInTaskCommand ? `, in its task ${f(level.baselineInTaskCommand)}` : '';
    log(`c=${concurrency}: open ${f(level.open)} (baseline ${f(level.baselineOpen)}), command ${f(level.command)} (baseline ${f(level.baselineCommand)}${inTask})`);
  }
  return levels;
}
