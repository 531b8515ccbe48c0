// The simulator as a separate process, as the product sees it: `sim/quickbooks/cli.ts --port 0` run with
// node's tsx loader (one process, so stopping it by pid stops everything), ready once it prints its URL.
import { spawn, type ChildProcess } from "node:child_process";

export type SimChild = { url: string; pid: number; stop: () => Promise<void> };

const READY = /QuickBooks simulator listening on (\S+)/;

export function startSimChild(extraArgs: string[] = []): Promise<SimChild> {
  const child = spawn(process.execPath, ["--import", "tsx", "sim/quickbooks/cli.ts", "--port", "0", ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr.on("data", (chunk: Buffer) => process.stderr.write(`[sim] ${chunk.toString("utf8")}`));
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the simulator did not start within 30 s; it printed: ${out}`));
    }, 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with code ${code} before it was ready; it printed: ${out}`));
    });
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = READY.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      child.stdout.resume();
      resolve({ url: match[1]!.replace("localhost", "127.0.0.1"), pid: child.pid!, stop: () => stopChild(child) });
    });
  });
}

/** SIGTERM lets the CLI save and close; a child that hangs is killed after 5 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
