// A closed-loop load generator: `concurrency` lanes, each starting its next operation when the
// previous one answered, until `maxOps` operations were started or `maxMs` passed. Both bounds
// always apply, so no phase can run away on a slow machine.

export interface Bounds {
  concurrency: number;
  maxOps: number;
  maxMs: number;
}

export interface PhaseResult {
  concurrency: number;
  ops: number;
  errors: number;
  /** Latencies of the successful operations, ms, sorted ascending. */
  latencies: number[];
  elapsedMs: number;
  firstError?: string;
}

/** `op(lane, index)` does one operation; its own set-up (tokens, ids) happens before it returns a timed call. */
export type Operation = (lane: number, index: number) => Promise<() => Promise<void>>;

export async function closedLoop(bounds: Bounds, op: Operation): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let started = 0;
  const begin = performance.now();
  const deadline = begin + bounds.maxMs;
  const lane = async (id: number) => {
    while (started < bounds.maxOps && performance.now() < deadline) {
      const index = started++;
      try {
        const timed = await op(id, index);
        const t0 = performance.now();
        await timed();
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: bounds.concurrency }, (_, id) => lane(id)));
  latencies.sort((a, b) => a - b);
  return { concurrency: bounds.concurrency, ops: started, errors, latencies, elapsedMs: performance.now() - begin, firstError };
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Runs `work` for each item with at most `concurrency` in flight; for set-up, not for timing.
 * After a failure no new item starts, but the ones in flight finish before the first error is
 * thrown, so nothing is left running against a connection the caller is about to close.
 */
export async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && !failure) {
        const index = next++;
        try {
          results[index] = await work(items[index], index);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
  return results;
}
