// Bounded soak: open loop at a FIXED arrival rate (a share of the capacity the lifecycle phase
// measured earlier in the same run) for a fixed duration, mixed full-lifecycle commands over
// GraphQL. Open loop means the schedule never waits for answers: command i is due at
// start + i / rate whatever happened to commands before it, and its latency runs from that
// scheduled instant, not from when the request actually left. A closed loop would slow its
// sending whenever the service slows and so hide the queueing (coordinated omission); here a
// stall shows as latency on every command scheduled during it.
//
// Each tick sends the next step of the oldest dispute whose previous step has answered; when
// every dispute in play is still waiting for an answer, the tick opens a new one. So every
// request is a legal next step of a real dispute (the same stories as the lifecycle phase:
// half settle, half go to mediation and appeal), and the tick is never delayed by a dispute
// that is busy.
import { percentile } from '../load/closed-loop';
import { DisputeDriver, type DisputeView, type OrderPool } from '../load/disputes';
import type { GraphQLClient } from '../load/graphql';
import { lifecycleSteps } from './lifecycle';

export interface SoakPlan {
  /** Share of the measured commands_per_s to offer (0.7 = 70 %). */
  share: number;
  durationMs: number;
  /** How long answers still in flight at the end may take before they count as errors. */
  drainMs: number;
}

export interface Soak {
  /** Offered arrival rate, commands per second (share x capacity). */
  ratePerSecond: number;
  /** The capacity it was derived from (commands_per_s of this run). */
  capacityPerSecond: number;
  durationS: number;
  /** Commands scheduled (= sent) inside the window. */
  scheduled: number;
  /** Successful answers, wherever they landed; latency is measured for these. */
  succeeded: number;
  /** Failed commands, plus commands with no answer after the drain. */
  errors: number;
  /** Successful answers that arrived inside the window, per second of window: whether the stack kept up. */
  achievedPerSecond: number;
  /** Latency from the scheduled send time, ms. */
  p50: number;
  p99: number;
  max: number;
  /** How far behind schedule the sender itself was at worst (event-loop lag on the bench side), ms. */
  maxSendLagMs: number;
  disputesOpened: number;
  disputesCompleted: number;
  firstError?: string;
}

interface Story {
  driver: DisputeDriver;
  steps: (() => Promise<DisputeView>)[];
  next: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function soak(plan: SoakPlan, capacityPerSecond: number, api: GraphQLClient, orders: OrderPool): Promise<Soak> {
  const rate = plan.share * capacityPerSecond;
  if (!(rate > 0)) throw new Error(`soak needs a measured capacity above 0 commands/s, got ${capacityPerSecond}`);
  const intervalMs = 1000 / rate;
  const ready: Story[] = [];
  const inFlight = new Set<Promise<void>>();
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let succeededInWindow = 0;
  let disputesOpened = 0;
  let disputesCompleted = 0;
  let maxSendLagMs = 0;
  const fail = (error: unknown) => {
    errors += 1;
    firstError ??= error instanceof Error ? error.message : String(error);
  };

  const start = performance.now() + 50;
  const end = start + plan.durationMs;
  const send = (story: Story, dueAt: number) => {
    const step = story.steps[story.next++];
    const done = step().then(
      () => {
        const now = performance.now();
        latencies.push(now - dueAt);
        if (now <= end) succeededInWindow += 1;
        if (story.next < story.steps.length) ready.push(story);
        else disputesCompleted += 1;
      },
      // The rest of this dispute's story depends on the failed step; it leaves the soak.
      fail,
    );
    const tracked = done.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  let scheduled = 0;
  for (;;) {
    const dueAt = start + scheduled * intervalMs;
    if (dueAt >= end) break;
    const wait = dueAt - performance.now();
    if (wait > 0) await sleep(wait);
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - dueAt);
    let story = ready.shift();
    if (!story) {
      const driver = new DisputeDriver(api, orders.take(), [`soak-mediator-${disputesOpened}-a`, `soak-mediator-${disputesOpened}-b`]);
      story = { driver, steps: lifecycleSteps(driver, disputesOpened % 2 === 0), next: 0 };
      disputesOpened += 1;
    }
    send(story, dueAt);
    scheduled += 1;
  }

  // Let the answers in flight land (they were scheduled inside the window and count), bounded.
  const drained = await Promise.race([Promise.all([...inFlight]).then(() => true), sleep(plan.drainMs).then(() => false)]);
  if (!drained) {
    errors += inFlight.size;
    firstError ??= `${inFlight.size} commands unanswered ${plan.drainMs} ms after the soak ended`;
  }
  // A copy: answers that outlive the drain must not change the figures after they are taken.
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    ratePerSecond: rate,
    capacityPerSecond,
    durationS: plan.durationMs / 1000,
    scheduled,
    succeeded: sorted.length,
    errors,
    achievedPerSecond: succeededInWindow / (plan.durationMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    maxSendLagMs,
    disputesOpened,
    disputesCompleted,
    ...(firstError ? { firstError } : {}),
  };
}
