// Worker memory against open disputes (full mode): disputes under the default policy wait on a
// five-day seller-response timer, so every one opened stays open for the rest of the run. The
// x axis is the number of open disputes in the database, whichever phase opened them.
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { defaultPolicy, TERMINAL_STATUSES } from '../../libs/domain/src';
import { inParallel } from '../load/closed-loop';
import { openThroughWorkflow, workerRssMb } from './workflow-disputes';

export async function openDisputeCount(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM disputes WHERE status <> ALL($1::text[])', [[...TERMINAL_STATUSES]]);
  return rows[0].n;
}

/** Opens disputes until `target` are open, sampling the worker's RSS after each step; returns [open, MB] points. */
export async function memoryCurve(target: number, step: number, client: Client, taskQueue: string, pool: Pool, workerUrl: string): Promise<[number, number][]> {
  const points: [number, number][] = [];
  for (let open = await openDisputeCount(pool); ; open = await openDisputeCount(pool)) {
    // A short pause lets the worker finish the tasks of the last step before we read its memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    points.push([open, await workerRssMb(workerUrl)]);
    if (open >= target) return points;
    const batch = Array.from({ length: Math.min(step, target - open) }, () => undefined);
    await inParallel(batch, 32, () => openThroughWorkflow(client, taskQueue, defaultPolicy));
  }
}
