// Mixed full-lifecycle load: every lane plays whole disputes, one command after another, as
// buyer, seller and mediators would. Half settle (open, respond, message, offer, accept; the
// refund then runs in the workflow), half go the long way (open, respond, message, offer,
// escalate, claim, decide, appeal, claim, decide the appeal). Throughput counts the dispute
// commands answered inside the window; a lane stops at the window's end, mid-dispute if need be.
import type { CpuPerCommand } from '../cpu';
import { percentile } from '../load/closed-loop';
import { DisputeDriver, type DisputeView, type OrderPool } from '../load/disputes';
import type { GraphQLClient } from '../load/graphql';

export interface LifecycleLevel {
  concurrency: number;
  commands: number;
  errors: number;
  commandsPerSecond: number;
  p50: number;
  p99: number;
  disputesCompleted: number;
  firstError?: string;
  /** CPU ms each process spent per command during the level (bench/cpu.ts); set by the runner. */
  cpuMsPerCommand?: CpuPerCommand;
}

export function lifecycleSteps(d: DisputeDriver, settle: boolean): (() => Promise<DisputeView>)[] {
  const common = [() => d.open(), d.respond, d.message, d.offer];
  if (settle) return [...common, d.accept];
  return [...common, d.escalate, () => d.claim(0), d.decide, d.appeal, () => d.claim(1), d.decideAppeal];
}

export async function lifecycleLevel(concurrency: number, windowMs: number, api: GraphQLClient, orders: OrderPool): Promise<LifecycleLevel> {
  const latencies: number[] = [];
  let errors = 0;
  let disputesCompleted = 0;
  let firstError: string | undefined;
  let started = 0;
  const begin = performance.now();
  const end = begin + windowMs;
  const lane = async (id: number) => {
    while (performance.now() < end) {
      const driver = new DisputeDriver(api, orders.take(), [`mediator-${id}-a`, `mediator-${id}-b`]);
      const settle = started++ % 2 === 0;
      let completed = true;
      for (const step of lifecycleSteps(driver, settle)) {
        if (performance.now() >= end) {
          completed = false;
          break;
        }
        const t0 = performance.now();
        try {
          await step();
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
          completed = false;
          break; // the rest of this dispute's story depends on the failed step
        }
      }
      if (completed) disputesCompleted += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, id) => lane(id)));
  const elapsed = performance.now() - begin;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    commands: latencies.length,
    errors,
    commandsPerSecond: latencies.length / (elapsed / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    disputesCompleted,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * The run's capacity figure (`commands_per_s`): throughput at the highest concurrency that ran
 * without errors; the soak offers a share of it.
 */
export function sustainedLevel(levels: LifecycleLevel[]): LifecycleLevel | undefined {
  const clean = levels.filter((level) => level.errors === 0);
  return clean.length ? clean[clean.length - 1] : undefined;
}
