// The timer burst on the leanest Temporal path: as many minimal workflows as the dispute burst had,
// all sleeping until one common instant, each then inserting one row. Lag = the row's database
// time minus the due time, as for the disputes. It tells how much of the disputes' lag is this
// server and machine working through that many timers at once, and how much is ours.
// Two shapes: `opened`, each workflow opened by an Update whose handler inserts a row (the
// baseline's own opening) before it sleeps, which is what any opened case holds when its deadline
// fires and what a worker replays after an eviction; and `bare`, started with no Update, the shape
// of the rows before (docs/decisions.md, "The timer burst's baseline is an opened case").
import type { Pool } from 'pg';
import type { Baseline } from '../baseline/worker';
import { cpuPerCommand, sampleBefore, untilQuiet, type CpuPerCommand, type CpuProbe } from '../cpu';
import { inParallel, percentile } from '../load/closed-loop';

export type BaselineTimerShape = 'opened' | 'bare';

export interface BaselineTimerLag {
  shape: BaselineTimerShape;
  workflows: number;
  fired: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU ms per timer by process, measured as for the disputes' burst. */
  cpu?: CpuPerCommand;
  /** From the due time until the stack went quiet: the burst's whole work done (null: still busy 10 s after the last row). */
  drainedMs?: number | null;
}

/** `budgetMs`: the room the dispute burst gave itself to open as many (starting a bare workflow is cheaper). */
export async function baselineTimerLag(count: number, budgetMs: number, baseline: Baseline, pool: Pool, shape: BaselineTimerShape, probe?: CpuProbe): Promise<BaselineTimerLag> {
  const dueAt = Math.round(Date.now() + budgetMs);
  await inParallel(Array.from({ length: count }, () => undefined), 32, () => (shape === 'opened' ? baseline.openedTimer(dueAt) : baseline.timer(dueAt)));
  if (Date.now() > dueAt - 1000) throw new Error(`starting ${count} baseline timers took longer than their budget`);
  const beforeBurst = probe ? await sampleBefore(probe, dueAt) : undefined;
  const payload = `timer:${dueAt}`;
  const giveUp = dueAt + 120_000;
  let fired = 0;
  while (Date.now() < giveUp) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_baseline_rows WHERE payload = $1', [payload]);
    fired = rows[0].n;
    if (fired === count) break;
  }
  const quiet = probe && beforeBurst ? await untilQuiet(probe) : undefined;
  const cpu = quiet && beforeBurst ? cpuPerCommand(beforeBurst, quiet.sample, fired) : undefined;
  const drainedMs = quiet ? (quiet.quietFrom === null ? null : quiet.quietFrom - dueAt) : undefined;
  const { rows } = await pool.query<{ stored: number }>('SELECT extract(epoch FROM recorded_at) * 1000 AS stored FROM bench_baseline_rows WHERE payload = $1', [payload]);
  const lags = rows.map((row) => Number(row.stored) - dueAt).sort((a, b) => a - b);
  return { shape, workflows: count, fired, p50: percentile(lags, 50), p99: percentile(lags, 99), max: lags[lags.length - 1] ?? Number.NaN, ...(cpu ? { cpu } : {}), ...(drainedMs !== undefined ? { drainedMs } : {}) };
}
