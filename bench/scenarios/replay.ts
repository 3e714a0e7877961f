// Auditor replay of about 10,000 events: the fold/verify micro-benchmark
// (bench/audit/fold-verify.ts), run in its own process once the stack is stopped, so it measures
// the code and not the load the other phases left behind. Its history is whole disputes played
// from real commands (a realistic event mix), and its figures are medians with their spread.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunsSummary } from '../../fixtures/measures/runs';

export interface Replay {
  /** Median runs (the headline figures). */
  foldEventsPerSecond: number;
  verifyEventsPerSecond: number;
  baselineLoopEventsPerSecond: number;
  fold: RunsSummary;
  verify: RunsSummary;
  /** What was replayed: the history's kind, how many disputes, and its events by type. */
  history: { kind: string; disputes: number; mix: Record<string, number> };
  events: number;
}

export async function replay(events: number, runs: number): Promise<Replay> {
  const script = join(__dirname, '..', 'audit', 'fold-verify.js');
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--events', String(events), '--runs', String(runs), '--json']);
  const out = JSON.parse(stdout) as { events: number; history: Replay['history']; results: Record<'fold' | 'verify' | 'baselineLoop', RunsSummary> };
  const { results } = out;
  return {
    foldEventsPerSecond: results.fold.eventsPerSecond,
    verifyEventsPerSecond: results.verify.eventsPerSecond,
    baselineLoopEventsPerSecond: results.baselineLoop.eventsPerSecond,
    fold: results.fold,
    verify: results.verify,
    history: out.history,
    events: out.events,
  };
}
