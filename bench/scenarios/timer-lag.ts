// 1,000 disputes whose seller-response windows end at (nearly) the same instant: each is opened
// with a policy whose window is "the common due time minus now", so its due time is that instant
// plus the few ms between our clock read and the workflow's. Lag = when DisputeEscalated was
// stored (database clock) minus the due time the dispute pinned in DisputeOpened; both come from
// the events table, so the client plays no part in the measurement.
import type { Client } from '@temporalio/client';
import { Pool } from 'pg';
import { defaultPolicy } from '../../libs/domain/src';
import { cpuPerCommand, quietSample, sampleBefore, untilQuiet, type CpuPerCommand, type CpuProbe } from '../cpu';
import { inParallel, percentile } from '../load/closed-loop';
import { openThroughWorkflow, workerRssMb } from './workflow-disputes';

export interface TimerLag {
  disputes: number;
  escalated: number;
  /** Spread of the pinned due times (max - min), ms. */
  dueSpreadMs: number;
  /** How long after the first opening the windows ended. */
  openBudgetMs: number;
  p50: number;
  p99: number;
  max: number;
  /** Timer fired (the event's workflow time) minus due: Temporal's part of the lag. */
  firedP99: number;
  /** Worker RSS (MB) as the disputes were opened: [open disputes in the run, MB]. */
  memory: [number, number][];
  /** CPU ms per timer by process from just before the due time until the stack is quiet after the last escalation. */
  cpu?: CpuPerCommand;
  /** From the due time until the stack went quiet: the burst's whole work done (null: still busy 10 s after the last escalation). */
  drainedMs?: number | null;
}

/**
 * `wanted` disputes, or fewer when opening them would take longer than `maxOpeningMs` (quick
 * mode on a slow or busy machine); the result says how many.
 */
export async function timerLag(wanted: number, maxOpeningMs: number, client: Client, taskQueue: string, databaseUrl: string, workerUrl: string, openBefore: () => Promise<number>, probe?: CpuProbe): Promise<TimerLag> {
  // The common due time must leave room to open them all; a short calibration tells how much,
  // once the phase before (the soak's tail) has left the stack quiet. Room for twice the
  // calibrated time: 32 openings on an empty queue run faster per opening than 1,000 in a row.
  if (probe) await quietSample(probe);
  const t0 = Date.now();
  await inParallel(Array.from({ length: 32 }, () => undefined), 32, () => openThroughWorkflow(client, taskQueue, defaultPolicy));
  const perOpenMs = (Date.now() - t0) / 32;
  const count = Math.min(wanted, Math.floor(maxOpeningMs / perOpenMs));
  // Whole milliseconds: the domain adds policy durations to ISO times and a fraction would not parse.
  const openBudgetMs = Math.round(Math.max(5_000, perOpenMs * count * 2 + 3_000));
  const dueAt = Date.now() + openBudgetMs;
  const memory: [number, number][] = [[await openBefore(), await workerRssMb(workerUrl)]];
  const ids: string[] = [];
  const chunk = Math.ceil(count / 4);
  for (let from = 0; from < count; from += chunk) {
    const batch = Array.from({ length: Math.min(chunk, count - from) }, () => undefined);
    ids.push(...(await inParallel(batch, 32, () => openThroughWorkflow(client, taskQueue, { ...defaultPolicy, version: 'bench-common-due', sellerResponseWindowMs: Math.max(1000, dueAt - Date.now()) }))));
    memory.push([await openBefore(), await workerRssMb(workerUrl)]);
  }
  if (Date.now() > dueAt - 1000) throw new Error(`opening ${count} disputes took longer than the ${openBudgetMs} ms budget: the windows no longer end together`);

  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const beforeBurst = probe ? await sampleBefore(probe, dueAt) : undefined;
    const give = dueAt + 120_000;
    let escalated = 0;
    while (Date.now() < give) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM dispute_events WHERE type = 'DisputeEscalated' AND dispute_id = ANY($1::uuid[])`, [ids]);
      escalated = rows[0].n;
      if (escalated === ids.length) break;
    }
    const quiet = probe && beforeBurst ? await untilQuiet(probe) : undefined;
    const cpu = quiet && beforeBurst ? cpuPerCommand(beforeBurst, quiet.sample, escalated) : undefined;
    const drainedMs = quiet ? (quiet.quietFrom === null ? null : quiet.quietFrom - dueAt) : undefined;
    const { rows } = await pool.query<{ due: number; stored: number; fired: number }>(
      `SELECT extract(epoch FROM (o.payload->>'sellerResponseDueAt')::timestamptz) * 1000 AS due,
              extract(epoch FROM e.recorded_at) * 1000 AS stored,
              extract(epoch FROM e.occurred_at) * 1000 AS fired
         FROM dispute_events o JOIN dispute_events e ON e.dispute_id = o.dispute_id AND e.type = 'DisputeEscalated'
        WHERE o.type = 'DisputeOpened' AND o.dispute_id = ANY($1::uuid[])`,
      [ids],
    );
    const dues = rows.map((r) => Number(r.due));
    const lags = rows.map((r) => Number(r.stored) - Number(r.due)).sort((a, b) => a - b);
    const fired = rows.map((r) => Number(r.fired) - Number(r.due)).sort((a, b) => a - b);
    return {
      disputes: ids.length,
      escalated,
      openBudgetMs,
      dueSpreadMs: dues.length ? Math.max(...dues) - Math.min(...dues) : Number.NaN,
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      max: lags[lags.length - 1] ?? Number.NaN,
      firedP99: percentile(fired, 99),
      memory,
      ...(cpu ? { cpu } : {}),
      ...(drainedMs !== undefined ? { drainedMs } : {}),
    };
  } finally {
    await pool.end();
  }
}
