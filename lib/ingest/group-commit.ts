// Group commit: requests that arrive while a write is in flight are stored together by the next write, one
// statement and one WAL flush for many deliveries. Under light load a delivery is written at once (no timer, no
// added latency); under heavy load batches grow by themselves. If a batch fails, its items are retried one by
// one, so one bad row cannot fail the deliveries that happened to share its statement.

type Pending<I, O> = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };

export type GroupCommitOptions = { maxBatch?: number; maxInFlight?: number };

export function createGroupCommit<I, O>(write: (items: I[]) => Promise<O[]>, options: GroupCommitOptions = {}) {
  const maxBatch = options.maxBatch ?? 100;
  const maxInFlight = options.maxInFlight ?? 2;
  const queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function writeBatch(batch: Pending<I, O>[]): Promise<void> {
    try {
      const results = await write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(
        batch.map((p) =>
          write([p.item]).then(
            ([result]) => p.resolve(result!),
            (single: unknown) => p.reject(single),
          ),
        ),
      );
    }
  }

  function pump(): void {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight += 1;
      void writeBatch(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return function submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Wait for the current I/O phase to finish, so requests parsed in the same tick share a batch.
      if (!scheduled) {
        scheduled = true;
        setImmediate(pump);
      }
    });
  };
}
