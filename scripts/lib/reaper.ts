import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// The launcher side of scripts/lib/reaper-child.mjs: children are registered as they start and forgotten as
// they stop; if the launcher dies with anything still registered (kill -9, a crash), the reaper stops it.
// Started on first use, detached (its own session: Ctrl-C in the terminal does not reach it) and unref'd (it
// never keeps the launcher alive). The pipe to it closes when the launcher exits, however it exits.

let reaper: ChildProcess | undefined;

function reaperProcess(): ChildProcess | undefined {
  if (reaper) return reaper;
  try {
    reaper = spawn(process.execPath, [path.join(import.meta.dirname, "reaper-child.mjs")], {
      detached: true,
      stdio: ["pipe", "ignore", "inherit"],
    });
  } catch {
    return undefined; // without it, a clean exit still stops every part; only a kill -9 would orphan them
  }
  reaper.on("error", () => {});
  reaper.stdin?.on("error", () => {});
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return reaper;
}

type Kind = "group" | "pid";

/** The reaper stops `id` (a process group, or one process) with `signal` if the launcher dies first. */
export function watchChild(kind: Kind, id: number, signal: NodeJS.Signals = "SIGTERM"): void {
  reaperProcess()?.stdin?.write(`watch ${kind} ${id} ${signal}\n`);
}

/** `id` has stopped (or is being stopped by the launcher itself). */
export function forgetChild(kind: Kind, id: number): void {
  reaper?.stdin?.write(`forget ${kind} ${id}\n`);
}
