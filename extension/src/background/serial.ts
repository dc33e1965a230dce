/**
 * Runs async read-modify-write steps one after another. `storage.local` has no transactions: two messages
 * updating the same key at once would otherwise lose one update.
 */
export function serial(): <T>(step: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (step) => {
    const run = tail.then(step, step);
    tail = run.catch(() => undefined);
    return run;
  };
}
