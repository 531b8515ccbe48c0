import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { startInngestExecutor, type ExecutorServerOptions, type RunningExecutor } from "./index";

// Tests run the executor and a small app serving functions through the SDK's real serve handler, both in the
// test process, talking HTTP on loopback as they would across machines.

export type ServedApp = { client: Inngest; serveUrl: string; stop: () => Promise<void> };

export async function startExecutorForTest(options: ExecutorServerOptions = {}): Promise<RunningExecutor> {
  return startInngestExecutor({ port: 0, cronTimer: false, backoff: { baseMs: 20, maxMs: 200 }, ...options });
}

/** A client in dev mode whose events and syncs go to `executorUrl`. */
export function devClient(id: string, executorUrl: string): Inngest {
  return new Inngest({ id, isDev: true, baseUrl: executorUrl, logger: silentLogger });
}

/** Serves `functions` on a random port with the SDK's Node adapter, and syncs them with the executor. */
export async function serveAndSync(
  executor: RunningExecutor,
  client: Inngest,
  functions: InngestFunction.Any[],
): Promise<ServedApp> {
  const server = http.createServer(serve({ client, functions }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serveUrl = `http://localhost:${(server.address() as AddressInfo).port}/api/inngest`;
  await executor.sync(serveUrl);
  return {
    client,
    serveUrl,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const noop = () => {};
// The SDK logs each step error at error level; the tests assert on runs instead.
const silentLogger = { info: noop, warn: noop, error: noop, debug: noop };
