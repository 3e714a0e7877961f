// What one entry into a V8 sandbox costs, with and without the `timeout` the Temporal SDK passes
// on every call into its workflow context (its internal isolateExecutionTimeout, 5 s): with a
// timeout Node starts and joins a watchdog thread per call. Explains the self time of
// `runInContext` in the worker's profile (docs/performance.md, "Where the worker's time goes").
//   node dist/bench/vm-entry.js [calls]
import { createContext, Script } from 'node:vm';

const calls = Number(process.argv[2] ?? 20_000);
const context = createContext({}, { microtaskMode: 'afterEvaluate' });
const script = new Script('1 + 1');

function measure(options: { timeout?: number }): { cpuUs: number; wallUs: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) script.runInContext(context, options);
  const used = process.cpuUsage(cpu);
  return { cpuUs: (used.user + used.system) / calls, wallUs: Number(process.hrtime.bigint() - start) / 1_000 / calls };
}

// Alternated, twice each, so a noisy neighbour hits both.
const rows: Array<{ entry: string; cpuUs: number; wallUs: number }> = [];
for (let round = 0; round < 2; round += 1) {
  rows.push({ entry: 'no timeout', ...measure({}) });
  rows.push({ entry: 'timeout 5000 ms (as the SDK)', ...measure({ timeout: 5_000 }) });
}
console.log(`${calls} calls each; µs per call (CPU of all threads, wall)`);
for (const row of rows) console.log(`${row.entry.padEnd(30)} cpu ${row.cpuUs.toFixed(1).padStart(7)}  wall ${row.wallUs.toFixed(1).padStart(7)}`);
