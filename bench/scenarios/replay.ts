// Auditor replay of a 10,000-event dispute: the existing fold/verify micro-benchmark
// (bench/audit/fold-verify.ts), run in its own process once the stack is stopped, so it measures
// the code and not the load the other phases left behind.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface Replay {
  foldEventsPerSecond: number;
  verifyEventsPerSecond: number;
  baselineLoopEventsPerSecond: number;
}

export async function replay(events: number, runs: number): Promise<Replay> {
  const script = join(__dirname, '..', 'audit', 'fold-verify.js');
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--events', String(events), '--runs', String(runs), '--json']);
  const { results } = JSON.parse(stdout) as { results: Record<'fold' | 'verify' | 'baselineLoop', { eventsPerSecond: number }> };
  return { foldEventsPerSecond: results.fold.eventsPerSecond, verifyEventsPerSecond: results.verify.eventsPerSecond, baselineLoopEventsPerSecond: results.baselineLoop.eventsPerSecond };
}
