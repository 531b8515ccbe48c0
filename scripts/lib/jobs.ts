// Where the app's Inngest functions run during `npm run dev` and the end-to-end run. Three ways, in order:
// 1. INNGEST_DEV names an Inngest Dev Server (or any Inngest server in dev mode) that is already running: use it.
// 2. The `inngest-cli` binary is installed (it downloads Inngest's Go binary; machines with the internet):
//    start `inngest-cli dev -u <app>/api/inngest`.
// 3. Otherwise the project's local executor (sim/inngest), in-process, keeping its runs in the app's database
//    (its own schema, inngest_local) so a crash or Ctrl-C strands no accepted event.
// Whichever it is, the web server gets INNGEST_DEV=<its URL>: the SDK sends events there and syncs with it.
import { existsSync } from "node:fs";
import path from "node:path";
import { startInngestExecutor, type RunningExecutor } from "../../sim/inngest";
import { partLog, startPart, stopPart, type Part, type PartExit } from "./parts";

export type Jobs = {
  kind: "external" | "inngest-cli" | "local";
  url: string;
  stop: () => Promise<void>;
  /** Settles if the Dev Server process ends; the local executor runs inside the launcher and ends with it. */
  ended?: Promise<PartExit>;
};

/** The Inngest Dev Server binary, if `inngest-cli` installed one (its postinstall fails without the internet). */
function inngestCliBinary(): string | null {
  const candidates = [
    path.resolve("node_modules", "inngest-cli", "bin", "inngest"),
    path.resolve("node_modules", "inngest-cli", "bin", "inngest-cli"),
  ];
  return candidates.find((c) => existsSync(c)) ?? null;
}

export async function startJobs(options: {
  devServerUrl: string | undefined;
  serveUrl: string;
  port: number;
  /** Where the local executor keeps its runs; without it they live in memory. */
  databaseUrl?: string;
}): Promise<Jobs> {
  const log = partLog("jobs");
  if (options.devServerUrl) {
    log(`using the Inngest server at ${options.devServerUrl} (INNGEST_DEV)`);
    return { kind: "external", url: options.devServerUrl, stop: async () => {} };
  }
  const binary = inngestCliBinary();
  if (binary) {
    const part: Part = startPart("inngest", binary, ["dev", "-u", options.serveUrl, "--no-discovery", "--port", String(options.port)]);
    log(`Inngest Dev Server on http://localhost:${options.port}`);
    return {
      kind: "inngest-cli",
      url: `http://localhost:${options.port}`,
      stop: () => stopPart(part),
      ended: part.ended,
    };
  }
  let executor: RunningExecutor;
  try {
    executor = await startInngestExecutor({ port: options.port, apps: [options.serveUrl], databaseUrl: options.databaseUrl, log });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(`Port ${options.port} (the job executor) is in use: stop what holds it, or set INNGEST_EXECUTOR_PORT.`);
    }
    throw error;
  }
  const kept = options.databaseUrl ? "runs kept in the database" : "runs kept in memory";
  log(`local job executor on ${executor.url} (${kept}, listed there); it syncs ${options.serveUrl}`);
  return { kind: "local", url: executor.url, stop: () => executor.stop() };
}
