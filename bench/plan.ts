// How much load each mode applies. Every phase is bounded by a count and a duration.
import { DEFAULT_WORKER_MAX_CACHED_WORKFLOWS } from '../libs/platform/src/config';
import type { CacheSetting } from '../fixtures/measures/workflow-cache';
import type { LatencyPlan } from './scenarios/latency';
import type { SoakPlan } from './scenarios/soak';

export interface Plan {
  mode: 'full' | 'quick';
  latency: LatencyPlan;
  lifecycle: { levels: number[]; windowMs: number };
  /** Open loop at a fixed rate: `share` of the commands_per_s measured by the lifecycle phase. */
  soak: SoakPlan;
  timerDisputes: number;
  /**
   * The workflow cache sizes the timer burst runs at, ours and the baseline's set alike (issue
   * 18). The first is the worker's production default, whose burst gives the headline timer keys
   * and runs first, on the same stack state as before; the others follow, each on a restarted
   * worker, and the worker returns to the default before the memory phase.
   */
  timerCacheSizes: CacheSetting[];
  /** Longest the timer scenario may spend opening; fewer disputes are used if the machine is slower. */
  timerMaxOpeningMs: number;
  /**
   * Full mode only: open disputes to reach for the memory figure, the sampling step, and the
   * longest the phase may take (the figure is reported only when the target was reached).
   */
  memory?: { target: number; step: number; maxMs: number };
  replayRuns: number;
  orders: number;
}

export const FULL: Plan = {
  mode: 'full',
  latency: { levels: [1, 2, 4, 8, 16, 32, 64], maxOps: 500, maxMs: 15_000, headline: { concurrency: 8, maxOps: 2_000, maxMs: 30_000 } },
  lifecycle: { levels: [8, 16, 32, 64], windowMs: 30_000 },
  // Answers still out when the window closes get the API's own command timeout (30 s) and a margin.
  soak: { share: 0.7, durationMs: 60_000, drainMs: 35_000 },
  timerDisputes: 1_000,
  timerCacheSizes: [DEFAULT_WORKER_MAX_CACHED_WORKFLOWS, 1_000, 'sdk-default'],
  timerMaxOpeningMs: 600_000,
  // About 11 openings/s on the quiet 2-vCPU machine: 10,000 take some 15 minutes; 40 is the cap.
  memory: { target: 10_000, step: 1_000, maxMs: 40 * 60_000 },
  replayRuns: 30,
  orders: 100_000,
};

// Quick mode aims at the 1,000 simultaneous timers but opens only as many as fit in 20 s on
// this machine, and scales down the rest: fewer operations per level, shorter lifecycle
// windows, a 15-second soak instead of 60, no 10,000-dispute memory run. The whole quick run
// must stay under 3 minutes with the build; the soak's 15 s (plus its drain) were paid for with
// 2 s less per lifecycle window and 1 s less per headline phase. The output says what was run.
export const QUICK: Plan = {
  mode: 'quick',
  latency: { levels: [1, 4, 8, 32], maxOps: 60, maxMs: 2_500, headline: { concurrency: 8, maxOps: 300, maxMs: 5_000 } },
  lifecycle: { levels: [8, 32], windowMs: 6_000 },
  soak: { share: 0.7, durationMs: 15_000, drainMs: 35_000 },
  timerDisputes: 1_000,
  // One burst only: the quick run must stay under 3 minutes (the full run has the table).
  timerCacheSizes: [DEFAULT_WORKER_MAX_CACHED_WORKFLOWS],
  timerMaxOpeningMs: 20_000,
  replayRuns: 20,
  orders: 20_000,
};

/** --scale shrinks every count and duration (a smoke run of the harness itself). */
export function scaled(plan: Plan, factor: number): Plan {
  if (factor === 1) return plan;
  const n = (x: number) => Math.max(1, Math.round(x * factor));
  const l = plan.latency;
  return {
    ...plan,
    latency: { ...l, maxOps: n(l.maxOps), maxMs: n(l.maxMs), headline: { ...l.headline, maxOps: n(l.headline.maxOps), maxMs: n(l.headline.maxMs) } },
    lifecycle: { ...plan.lifecycle, windowMs: n(plan.lifecycle.windowMs) },
    soak: { ...plan.soak, durationMs: n(plan.soak.durationMs) },
    timerDisputes: n(plan.timerDisputes),
    timerMaxOpeningMs: n(plan.timerMaxOpeningMs),
    ...(plan.memory ? { memory: { target: n(plan.memory.target), step: n(plan.memory.step), maxMs: n(plan.memory.maxMs) } } : {}),
    replayRuns: Math.max(5, n(plan.replayRuns)),
  };
}

/** Throws when the plan's latency sweep leaves out the concurrency its headline figures are stated at. */
export function assertHeadlineMeasured(plan: Plan): void {
  const { levels, headline } = plan.latency;
  if (!levels.includes(headline.concurrency)) throw new Error(`the latency sweep (${levels.join(', ')}) leaves out concurrency ${headline.concurrency}, where the headline figures are stated`);
}
