import type { AddressInfo } from "node:net";
import { Executor, type ExecutorOptions } from "./executor";
import { createServer } from "./server";

// A local stand-in for Inngest's server, for demo mode, end-to-end tests and benchmarks on machines where the
// Inngest Dev Server cannot be installed. It speaks the SDK's own protocols, so the app's functions run
// unchanged; it is not a production engine (runs live in memory, or in PostgreSQL given `databaseUrl`). See
// README.md in this folder.

export type ExecutorServerOptions = ExecutorOptions & {
  port?: number;
  host?: string;
  /** Serve-handler URLs to sync (PUT) at start and every `resyncMs`, as the Dev Server's `-u` does. */
  apps?: string[];
  resyncMs?: number;
  /** Fire cron triggers from the wall clock (default). Tests turn it off and call `tick(at)`. */
  cronTimer?: boolean;
};

export type RunningExecutor = {
  url: string;
  port: number;
  executor: Executor;
  /** Asks the app at `serveUrl` to sync its functions here; resolves to the SDK's answer. */
  sync: (serveUrl: string) => Promise<string>;
  stop: () => Promise<void>;
};

export async function startInngestExecutor(options: ExecutorServerOptions = {}): Promise<RunningExecutor> {
  const executor = new Executor(options);
  await executor.open();
  const fetchImpl = options.fetch ?? fetch;
  const log = options.log ?? (() => {});

  const sync = async (serveUrl: string): Promise<string> => {
    try {
      const res = await fetchImpl(serveUrl, { method: "PUT", signal: AbortSignal.timeout(60_000) });
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
      return text;
    } catch (error) {
      throw new Error(`could not sync ${serveUrl}: ${(error as Error).message}`, { cause: error });
    }
  };

  const server = createServer(executor, { onSync: (url) => sync(url).catch((e: Error) => e.message) });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8288, options.host ?? "127.0.0.1", () => resolve());
  }).catch(async (error: unknown) => {
    await executor.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  const url = `http://${host === "127.0.0.1" ? "localhost" : host}:${port}`;

  const timers: ReturnType<typeof setInterval>[] = [];
  if (options.cronTimer !== false) timers.push(setInterval(() => executor.tick(Date.now()), 1_000));

  const synced = new Set<string>();
  const startedAt = Date.now();
  let waitingReported = false;
  const resync = async () => {
    for (const app of options.apps ?? []) {
      try {
        await sync(app);
        if (!synced.has(app)) log(`synced ${app}`);
        synced.add(app);
      } catch (error) {
        // The app is usually still starting at first: say so only when a synced app goes away, or after a minute.
        const lost = synced.delete(app);
        if (lost || (!waitingReported && Date.now() - startedAt > 60_000)) {
          waitingReported = true;
          log(`${(error as Error).message}; retrying`);
        }
      }
    }
  };
  if (options.apps?.length) {
    let running = false;
    const loop = () => {
      if (running) return;
      running = true;
      void resync().finally(() => (running = false));
    };
    loop();
    // Until every app has synced, try each second (the app may still be compiling); then every `resyncMs`.
    timers.push(setInterval(() => (synced.size < (options.apps?.length ?? 0) ? loop() : undefined), 1_000));
    timers.push(setInterval(loop, options.resyncMs ?? 15_000));
  }

  return {
    url,
    port,
    executor,
    sync,
    stop: async () => {
      for (const t of timers) clearInterval(t);
      executor.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await executor.close();
    },
  };
}

export { Executor } from "./executor";
export type { RunView, InngestEvent } from "./runs";
