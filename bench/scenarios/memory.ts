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
import { inParallel } from '../load/closed-loop';
import { openThroughWorkflow, workerRssMb } from './workflow-disputes';

/**
 * This phase is set-up for a memory reading, not a latency figure, and one Update that times
 * out on an overloaded dev server (a probe on the loaded machine died that way at 4,772 open)
 * should not throw away half an hour of openings. A retry opens a fresh dispute; if the first
 * attempt did open one after all, the count from the database includes it.
 */
async function openWithRetry(client: Client, taskQueue: string, log: (line: string) => void): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await openThroughWorkflow(client, taskQueue, defaultPolicy);
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`memory: opening failed (${error instanceof Error ? error.message : String(error)}), retrying`);
    }
  }
}

export async function openDisputeCount(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM disputes WHERE status <> ALL($1::text[])', [[...TERMINAL_STATUSES]]);
  return rows[0].n;
}

/**
 * Opens disputes until `target` are open or `maxMs` has passed, sampling the worker's RSS after
 * each step; returns [open, MB] points (the caller reports the target figure only if reached).
 */
export async function memoryCurve(
  plan: { target: number; step: number; maxMs: number },
  client: Client,
  taskQueue: string,
  pool: Pool,
  workerUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<[number, number][]> {
  const { target, step, maxMs } = plan;
  const deadline = Date.now() + maxMs;
  const points: [number, number][] = [];
  for (let open = await openDisputeCount(pool); ; open = await openDisputeCount(pool)) {
    // A short pause lets the worker finish the tasks of the last step before we read its memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    points.push([open, await workerRssMb(workerUrl)]);
    log(`memory: ${open.toLocaleString('en-US')} open disputes, worker RSS ${points[points.length - 1][1].toFixed(0)} MB`);
    if (open >= target || Date.now() >= deadline) return points;
    const batch = Array.from({ length: Math.min(step, target - open) }, () => undefined);
    await inParallel(batch, 32, () => openWithRetry(client, taskQueue, log));
  }
}
