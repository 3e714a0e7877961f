/**
 * Runs commands one at a time. Update handlers are async (they wait for the append
 * activity), so without this two commands could both decide against the same state.
 */
export class CommandLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
