// A webhook endpoint for tests: records each POST's raw body bytes and headers, and can be told to answer
// 500 or to hang (never answer) to exercise QuickBooks' retries and the 3-second limit.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { body: Buffer; headers: IncomingHttpHeaders; at: number };

export type Receiver = {
  url: string;
  received: Received[];
  /** "ok" answers 200, "fail" answers 500, "hang" holds the request open. */
  mode: "ok" | "fail" | "hang";
  /** When set, answers 500 to the bodies it picks, whatever the mode. */
  failWhen?: (body: string) => boolean;
  /** Resolves once `count` requests have arrived (rejects after `timeoutMs`). */
  waitFor: (count: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const hanging: ServerResponse[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const receiver: Receiver = {
    url: "",
    received: [],
    mode: "ok",
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (receiver.received.length >= count) return resolve();
        const timer = setTimeout(() => reject(new Error(`receiver got ${receiver.received.length} of ${count} requests`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      }),
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      receiver.received.push({ body: Buffer.concat(chunks), headers: req.headers, at: Date.now() });
      for (const waiter of waiters.filter((w) => receiver.received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (receiver.mode === "hang") return void hanging.push(res);
      const fail = receiver.mode === "fail" || receiver.failWhen?.(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(fail ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/quickbooks`;
  return receiver;
}
