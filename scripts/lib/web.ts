import { existsSync } from "node:fs";
import path from "node:path";

// How the launcher serves the app: `next dev` (recompiles on change, the default) or, with LEDGERWIRE_WEB=start,
// `next start` on the production build that `npm run build` (or the end-to-end run) made. The crash test and
// anyone measuring the stack use the second: a dev server compiles each route on its first request, which
// takes longer than a webhook sender waits on a busy machine. Only the launcher reads it, so it lives here
// rather than in lib/env.ts.

export type WebMode = "dev" | "start";

export function webMode(value: string | undefined = process.env.LEDGERWIRE_WEB): WebMode {
  if (value === undefined || value.trim() === "" || value === "dev") return "dev";
  if (value === "start") {
    if (!existsSync(path.resolve(".next", "BUILD_ID"))) {
      throw new Error("LEDGERWIRE_WEB=start serves the production build, and there is none in .next: run `npm run build` first.");
    }
    return "start";
  }
  throw new Error('Invalid environment: LEDGERWIRE_WEB expects "dev" (next dev, the default) or "start" (next start on the last build).');
}

/** The `next` command line for the mode, listening on `host` (every interface when undefined). */
export function webArgs(mode: WebMode, port: number, host: string | undefined): string[] {
  return [mode, "--port", String(port), ...(host ? ["--hostname", host] : [])];
}

/**
 * The start-up line saying where the web server listens. In demo mode, without HOST, that is 127.0.0.1 only
 * (lib/env.ts): the demo signs anyone in as an owner, so the line says why and how to open it up.
 */
export function listeningLine(mode: WebMode, host: string | undefined, hostFromEnv: boolean): string {
  if (host === "127.0.0.1" && !hostFromEnv) {
    return `web server (next ${mode}) listens on 127.0.0.1 only: demo mode signs anyone in, so it is not for the network (HOST=0.0.0.0 opens it)`;
  }
  return `web server (next ${mode}) listens on ${host ?? "every interface"}${hostFromEnv ? " (HOST)" : ""}`;
}
