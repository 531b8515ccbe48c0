import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { forgetChild, watchChild } from "./reaper";

// The dev launcher and the test runner start several parts (database, migrations, web server, later the
// QuickBooks simulator, the job executor, the demo source). Each part's output is prefixed with its name, and
// every part is stopped when the launcher stops, whatever the reason: by the launcher itself when it can, by
// the reaper (scripts/lib/reaper.ts) when it cannot (kill -9).

const COLOURS = [36, 35, 33, 32, 34, 31];
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const width = 8;
const colourOf = new Map<string, number>();

export function prefixFor(name: string): string {
  if (!colourOf.has(name)) colourOf.set(name, COLOURS[colourOf.size % COLOURS.length] ?? 36);
  const label = `[${name}]`.padEnd(width + 2);
  return useColour ? `\u001b[${colourOf.get(name)}m${label}\u001b[0m` : label;
}

/** A logger that prefixes each line with the part's name. */
export function partLog(name: string): (line: string) => void {
  const prefix = prefixFor(name);
  return (line) => {
    for (const l of line.split("\n")) if (l.trim() !== "") process.stdout.write(`${prefix} ${l}\n`);
  };
}

function pipeLines(stream: NodeJS.ReadableStream | null, log: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream }).on("line", log);
}

/** How a process ended: its exit code, or the signal that ended it. */
export type PartExit = { code: number | null; signal: NodeJS.Signals | null };

export function describeExit(exit: PartExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

export type Part = {
  name: string;
  child: ChildProcess;
  /** The exit code (128 for a signal, 127 when it could not start). */
  exited: Promise<number | null>;
  ended: Promise<PartExit>;
};

const running = new Set<Part>();

/**
 * Starts a long-running part in its own process group, so stopping it also stops whatever it forked
 * (`next start` forks a child server).
 */
export function startPart(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Part {
  const log = partLog(name);
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  pipeLines(child.stdout, log);
  pipeLines(child.stderr, log);
  if (child.pid !== undefined) watchChild("group", child.pid);
  const ended = new Promise<PartExit>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", (error) => {
      log(`could not start ${command}: ${error.message}`);
      resolve({ code: 127, signal: null });
    });
  });
  const exited = ended.then(({ code, signal }) => code ?? (signal ? 128 : null));
  const part = { name, child, exited, ended };
  running.add(part);
  void ended.then(() => {
    running.delete(part);
    // What the part forked may outlive it (`next` forks next-server): its group goes with it.
    if (child.pid !== undefined) {
      killGroup(child.pid, "SIGKILL");
      forgetChild("group", child.pid);
    }
  });
  return part;
}

/** Runs a part to completion; rejects with a one-line message when it fails. */
export async function runPart(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  const code = await startPart(name, command, args, env).exited;
  if (code !== 0) throw new Error(`${name} failed (exit code ${code}); see the [${name}] lines above.`);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is empty
  }
}

/** Stops a part's whole process group: SIGTERM, then SIGKILL if it has not exited in time. */
export async function stopPart(part: Part, graceMs = 5_000): Promise<void> {
  if (part.child.exitCode !== null || part.child.signalCode !== null || part.child.pid === undefined) return;
  const group = -part.child.pid;
  try {
    process.kill(group, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, "SIGKILL");
    } catch {
      // already gone
    }
  }, graceMs);
  await part.exited;
  clearTimeout(timer);
}

export async function stopAllParts(): Promise<void> {
  await Promise.all([...running].map((part) => stopPart(part)));
}

/**
 * Calls `cleanup` once on Ctrl-C, SIGTERM or a fatal error, then exits. A second Ctrl-C while cleaning up is
 * ignored rather than leaving half-stopped parts behind.
 */
export function onShutdown(cleanup: () => Promise<void>): (code?: number) => Promise<never> {
  let stopping: Promise<never> | undefined;
  const shutdown = (code = 0): Promise<never> => {
    stopping ??= (async () => {
      try {
        await cleanup();
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        code = code || 1;
      }
      process.exit(code);
    })();
    return stopping;
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGHUP", () => void shutdown(0));
  return shutdown;
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (last: ${last}).`);
}
