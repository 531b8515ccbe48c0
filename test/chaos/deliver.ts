import type { ChaosEvent } from "./events";

// Stripe's side of the chaos: each delivery goes to the two app processes alternately, a few at a time, and is
// retried (on the other process) until one answers 2xx, as Stripe retries an endpoint that fails. Stripe keeps
// one signature per attempt; the test signs once up front, well within the five-minute tolerance.

export type Sender = { acknowledged: Set<string>; sent: () => number; refused: () => number; done: Promise<void> };

export function deliverAll(appUrls: string[], events: ChaosEvent[], options: { concurrency: number; deadlineMs: number }): Sender {
  const acknowledged = new Set<string>();
  let sent = 0;
  let refused = 0;
  let turn = 0;
  const queue = [...events];
  const deadline = Date.now() + options.deadlineMs;
  const deliver = async (event: ChaosEvent) => {
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const url = appUrls[(turn++ + attempt) % appUrls.length]!;
      try {
        const response = await fetch(`${url}${event.delivery.path}`, {
          method: "POST",
          headers: event.delivery.headers,
          body: event.delivery.body,
          signal: AbortSignal.timeout(15_000),
        });
        await response.body?.cancel();
        if (response.ok) {
          sent++;
          acknowledged.add(event.id);
          return;
        }
        refused++;
      } catch {
        refused++; // the process is down (killed): Stripe tries again later
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const worker = async () => {
    for (let event = queue.shift(); event; event = queue.shift()) await deliver(event);
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => undefined);
  return { acknowledged, sent: () => sent, refused: () => refused, done };
}
