// CPU time spent by the stack's processes, read from /proc/<pid>/stat (utime + stime): the figure
// that does not depend on how busy the machine is, unlike latency. Divided by the commands served
// in a phase, it says what one command costs each process, and so how many commands a core buys.
// Processes: the API, the worker, Temporal's server, the PostgreSQL backends connected to the
// bench's database (found in pg_stat_activity at each sample), and this bench process, which is
// the load generator for ours and the client and worker of the baseline.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';
import { cpuMsBetween, cpuTicksOfStat, perCommand, ticksToMs, totalOf } from '../fixtures/measures/proc-cpu';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU milliseconds the process has used so far; undefined when it is gone or unreadable. */
function cpuMsOf(pid: number): number | undefined {
  if (!pid) return undefined;
  try {
    const ticks = cpuTicksOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return ticks === null ? undefined : ticksToMs(ticks, TICKS_PER_SECOND);
  } catch {
    return undefined;
  }
}

/** The processes measured, by role; Temporal's are re-read at each sample (a cluster node may have restarted). */
export interface StackProcesses {
  api: number;
  worker: number;
  temporal: () => number[];
}

/** CPU ms so far by role; `temporal` is undefined when the server runs elsewhere (reused through TEMPORAL_ADDRESS) and its processes are not ours to read. */
export interface CpuSample {
  api: number | undefined;
  worker: number | undefined;
  temporal: number | undefined;
  /** CPU ms so far of each backend connected to the bench's database, by pid. */
  postgres: Map<number, number>;
  bench: number | undefined;
}

/** CPU ms per command by process between two samples, with the totals the ratio compares. */
export interface CpuPerCommand {
  api: number | undefined;
  worker: number | undefined;
  temporal: number | undefined;
  postgres: number | undefined;
  bench: number | undefined;
  /** The service's side of a command of ours: API + worker + Temporal + PostgreSQL. */
  ours: number | undefined;
  /** The baseline's side: this process (its client and worker) + Temporal + PostgreSQL. */
  baseline: number | undefined;
  /** Backends that disconnected during the phase: their CPU after the first sample is missing. */
  postgresBackendsLost: number;
}

export const OURS: readonly string[] = ['api', 'worker', 'temporal', 'postgres'];
export const BASELINE: readonly string[] = ['bench', 'temporal', 'postgres'];

export type CpuProbe = () => Promise<CpuSample>;

/** Samples the stack's processes; `pool` is connected to the bench's database, whose backends are read. */
export function cpuProbe(processes: StackProcesses, pool: Pool): CpuProbe {
  return async () => {
    const { rows } = await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'");
    const postgres = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = cpuMsOf(pid);
      if (ms !== undefined) postgres.set(pid, ms);
    }
    const temporalPids = processes.temporal();
    const temporalMs = temporalPids.map(cpuMsOf);
    return {
      api: cpuMsOf(processes.api),
      worker: cpuMsOf(processes.worker),
      temporal: temporalPids.length === 0 || temporalMs.includes(undefined) ? undefined : temporalMs.reduce((sum: number, ms) => sum + (ms ?? 0), 0),
      postgres,
      bench: cpuMsOf(process.pid),
    };
  };
}

/** CPU ms per command for each process between two samples, `commands` being those served in between. */
export function cpuPerCommand(before: CpuSample, after: CpuSample, commands: number): CpuPerCommand {
  const spent = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : to - from);
  const postgres = cpuMsBetween(before.postgres, after.postgres);
  const each = perCommand(
    { api: spent(before.api, after.api), worker: spent(before.worker, after.worker), temporal: spent(before.temporal, after.temporal), postgres: postgres.ms, bench: spent(before.bench, after.bench) },
    commands,
  );
  return {
    api: each.api,
    worker: each.worker,
    temporal: each.temporal,
    postgres: each.postgres,
    bench: each.bench,
    ours: totalOf(each, OURS),
    baseline: totalOf(each, BASELINE),
    postgresBackendsLost: postgres.lost,
  };
}

/** Total CPU ms of the sample's processes. */
function totalMs(sample: CpuSample): number {
  let sum = (sample.api ?? 0) + (sample.worker ?? 0) + (sample.temporal ?? 0) + (sample.bench ?? 0);
  for (const ms of sample.postgres.values()) sum += ms;
  return sum;
}

/** The stack is quiet when its processes together use less than this share of one core. */
const QUIET_SHARE = 0.1;
const QUIET_WINDOW_MS = 300;
const QUIET_WAIT_MS = 10_000;

/**
 * Waits until the stack is quiet (or until `giveUp`, 10 s by default) and returns the sample that says so. A
 * phase's work does not end with its last answer: the Temporal server writes visibility records
 * and history tasks after it has answered, the worker finishes activations. Sampling at once
 * charged that tail to whichever phase came next (the baseline's, for our openings), so each
 * phase is now sampled once the stack has gone quiet, before and after (docs/decisions.md).
 */
export async function quietSample(probe: CpuProbe, giveUp = Date.now() + QUIET_WAIT_MS): Promise<CpuSample> {
  return (await untilQuiet(probe, giveUp)).sample;
}

/**
 * `quietSample`, and when the quiet began: the start of the first quiet window (epoch ms), or null
 * when the stack was still busy at `giveUp`. A burst's work is done then, whichever moment its
 * lag was measured at.
 */
export async function untilQuiet(probe: CpuProbe, giveUp = Date.now() + QUIET_WAIT_MS): Promise<{ sample: CpuSample; quietFrom: number | null }> {
  let last = await probe();
  let lastAt = Date.now();
  if (lastAt > giveUp) return { sample: last, quietFrom: null };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    const next = await probe();
    if (totalMs(next) - totalMs(last) < QUIET_SHARE * QUIET_WINDOW_MS) return { sample: next, quietFrom: lastAt };
    if (Date.now() > giveUp) return { sample: next, quietFrom: null };
    last = next;
    lastAt = Date.now();
  }
}

/** Runs `phase` between two samples, each taken once the stack is quiet; `served` says how many commands it served. */
export async function measuredCpu<T>(probe: CpuProbe | undefined, phase: () => Promise<T>, served: (result: T) => number): Promise<{ result: T; cpu?: CpuPerCommand }> {
  if (!probe) return { result: await phase() };
  const before = await quietSample(probe);
  const result = await phase();
  return { result, cpu: cpuPerCommand(before, await quietSample(probe), served(result)) };
}

/**
 * The sample a burst's CPU starts from: taken once the stack is quiet after the openings, or just
 * before `dueAt` if it is not quiet by then (the timers must not fire before the sample).
 */
export function sampleBefore(probe: CpuProbe, dueAt: number): Promise<CpuSample> {
  return quietSample(probe, Math.min(dueAt - 500, Date.now() + QUIET_WAIT_MS));
}

/** The machine's busy and total jiffies since boot, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the machine waiting, not working.
  return { busy: total - fields[3] - (fields[4] ?? 0), total };
}

/**
 * Waits until the whole machine is quiet (under a tenth of its cores busy over a second), at most
 * `maxWaitMs`, and returns how long that took and the busy share of the last second. The
 * auditor's fold and verify are pure CPU work in this process, measured after the stack has
 * stopped; PostgreSQL's background writers and the kernel's reclaim after the memory phase can
 * still hold a core then, and the medians of that run spread six times over (docs/performance.md).
 */
export async function machineQuiet(maxWaitMs: number): Promise<{ waitedMs: number; busyShare: number }> {
  const began = Date.now();
  let last = machineTicks();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = machineTicks();
    const busyShare = (next.busy - last.busy) / Math.max(1, next.total - last.total);
    if (busyShare < QUIET_SHARE || Date.now() - began > maxWaitMs) return { waitedMs: Date.now() - began, busyShare };
    last = next;
  }
}
