import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

// The launcher as a person runs it, and the processes it makes, read from `ps` as an operator would.

export type Launcher = {
  child: ChildProcess;
  pid: number;
  output: () => string;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** `node --import tsx scripts/dev.ts`: one process, so a kill -9 of it is a kill -9 of the launcher itself. */
export function launch(env: Record<string, string | undefined>): Launcher {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], { env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, pid: child.pid!, output: () => output, ended };
}

type Proc = { pid: number; ppid: number; state: string; args: string };

function processes(): Proc[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,stat=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), state: m[3]!, args: m[4]! }));
}

/** Every live descendant of `pid` (children, grandchildren...), zombies excluded. */
export function descendants(pid: number): Proc[] {
  const all = processes().filter((p) => !p.state.startsWith("Z"));
  const found: Proc[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const p of all) {
      if (p.ppid === parent) {
        found.push(p);
        queue.push(p.pid);
      }
    }
  }
  return found;
}

/** Those of `pids` still alive (not zombies). */
export function stillRunning(pids: number[]): Proc[] {
  const wanted = new Set(pids);
  return processes().filter((p) => wanted.has(p.pid) && !p.state.startsWith("Z"));
}

export function webServerPid(launcherPid: number): number | undefined {
  return descendants(launcherPid).find((p) => p.args.startsWith("next-server") || /\bnext (start|dev)\b/.test(p.args))?.pid;
}

export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0] ?? "", 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(3_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
