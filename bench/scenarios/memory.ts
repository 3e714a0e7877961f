// Worker memory against open disputes (full mode): disputes under the default policy wait on a
// five-day seller-response timer, so every one opened stays open for the rest of the run. The
// x axis is the number of open disputes in the database, whichever phase opened them.
// They are opened straight through the workflow client (update-with-start, what the API does
// for openDispute, minus the HTTP hop): the worker does the same work per dispute, and it is
// the cheapest way in. Opening is CPU-bound by the worker and the server, not by the client:
// on the shared 2-vCPU machine about 11 a second when quiet (10,000 in some 15 minutes) and
// 4 under heavy load, which the phase's time bound (plan.ts) leaves to report a shortfall.
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { defaultPolicy, TERMINAL_STATUSES } from '../../libs/domain/src';
import { withCountedRetries, type RetryCount } from '../../fixtures/measures/retry';
import { inParallel } from '../load/closed-loop';
import { openThroughWorkflow, workerRssMb } from './workflow-disputes';

/** What the memory phase measured: the curve, and every opening that failed and was retried. */
export interface MemoryCurve {
  points: [number, number][];
  /** Failed openings that were retried: each is an error of the run (report.ts counts them), not hidden by the retry. */
  retries: number;
  firstRetryReason?: string;
}

// This phase is set-up for a memory reading, not a latency figure, and one Update that times out
// on an overloaded dev server (a probe on the loaded machine died that way at 4,772 open) should
// not throw away half an hour of openings, so a failed opening is retried (up to 3 attempts). A
// retry opens a fresh dispute; if the first attempt did open one after all, the count from the
// database includes it. Every retry is counted and reported (issue 18): it is an error of the run.

export async function openDisputeCount(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM disputes WHERE status <> ALL($1::text[])', [[...TERMINAL_STATUSES]]);
  return rows[0].n;
}

/**
 * Opens disputes until `target` are open or `maxMs` has passed, sampling the worker's RSS after
 * each step; returns [open, MB] points (the caller reports the target figure only if reached)
 * and the failed openings that were retried.
 */
export async function memoryCurve(
  plan: { target: number; step: number; maxMs: number },
  client: Client,
  taskQueue: string,
  pool: Pool,
  workerUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<MemoryCurve> {
  const { target, step, maxMs } = plan;
  const deadline = Date.now() + maxMs;
  const points: [number, number][] = [];
  const failures: RetryCount = { retries: 0 };
  const result = (): MemoryCurve => ({ points, retries: failures.retries, ...(failures.firstReason ? { firstRetryReason: failures.firstReason } : {}) });
  for (let open = await openDisputeCount(pool); ; open = await openDisputeCount(pool)) {
    // A short pause lets the worker finish the tasks of the last step before we read its memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    points.push([open, await workerRssMb(workerUrl)]);
    log(`memory: ${open.toLocaleString('en-US')} open disputes, worker RSS ${points[points.length - 1][1].toFixed(0)} MB`);
    if (open >= target || Date.now() >= deadline) return result();
    const batch = Array.from({ length: Math.min(step, target - open) }, () => undefined);
    await inParallel(batch, 32, () => withCountedRetries(() => openThroughWorkflow(client, taskQueue, defaultPolicy), failures, (reason) => log(`memory: opening failed (${reason}), retrying (${failures.retries} retries so far)`)));
  }
}
