import type { DisputeChange, DisputeChangeFeed } from '../../../../libs/persistence/src/dispute-change-feed';

/**
 * An async iterator over the feed's changes that pass `accept`, each turned into what the
 * subscriber receives by `read` (null skips it, e.g. when the viewer may no longer see it).
 * Changes are handled one at a time in arrival order; ending the subscription unsubscribes.
 */
export function changeStream<T>(feed: DisputeChangeFeed, accept: (change: DisputeChange) => boolean, read: (change: DisputeChange) => Promise<T | null>): AsyncIterableIterator<T> {
  const ready: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let done = false;
  let chain: Promise<void> = Promise.resolve();

  const push = (value: T) => {
    const next = waiting.shift();
    if (next) next({ value, done: false });
    else ready.push(value);
  };
  const unsubscribe = feed.subscribe((change) => {
    if (done || !accept(change)) return;
    chain = chain.then(async () => {
      const value = await read(change).catch(() => null);
      if (value !== null && !done) push(value);
    });
  });
  const finish = async (): Promise<IteratorResult<T>> => {
    done = true;
    unsubscribe();
    for (const next of waiting.splice(0)) next({ value: undefined, done: true });
    return { value: undefined, done: true };
  };

  return {
    next: () => {
      if (ready.length > 0) return Promise.resolve({ value: ready.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
