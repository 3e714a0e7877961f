// Preloaded by bench/sandbox-entries.ts into the worker, and into the bench process for the
// baseline's worker: in each workflow thread, counts the calls into the workflow sandbox (by the
// SDK function called, with the time spent inside) and the promises the thread creates, and
// writes them to SANDBOX_ENTRIES_DIR every second. Only for that measurement.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promiseHooks } from 'node:v8';
import vm from 'node:vm';
import { isMainThread, threadId } from 'node:worker_threads';

const dir = process.env.SANDBOX_ENTRIES_DIR;
if (dir && !isMainThread) {
  const calls: Record<string, { count: number; microseconds: number }> = {};
  let promises = 0;
  promiseHooks.onInit(() => {
    promises += 1;
  });
  const runInContext = vm.Script.prototype.runInContext;
  vm.Script.prototype.runInContext = function (this: vm.Script, context: vm.Context, options?: vm.RunningScriptOptions) {
    // The SDK names the workflow-side function it calls in __temporal_args (reusable-vm.js).
    const args = (context as { __temporal_args?: unknown[] }).__temporal_args;
    const name = Array.isArray(args) ? String(args[1]) : 'other';
    const started = process.hrtime.bigint();
    try {
      return runInContext.call(this, context, options);
    } finally {
      const entry = (calls[name] ??= { count: 0, microseconds: 0 });
      entry.count += 1;
      entry.microseconds += Number(process.hrtime.bigint() - started) / 1000;
    }
  };
  setInterval(() => writeFileSync(join(dir, `${process.pid}-${threadId}.json`), JSON.stringify({ pid: process.pid, calls, promises })), 500).unref();
}
