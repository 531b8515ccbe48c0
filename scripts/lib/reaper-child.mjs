// The launcher's dead man's switch (scripts/lib/reaper.ts starts it). A `kill -9` of the launcher cannot be
// trapped, and its children (the web server, PostgreSQL) lead process groups of their own, so nothing else
// would stop them: an orphaned next-server once spun a core for hours. This process reads, on stdin, which
// process groups and processes the launcher runs ("watch group 123 SIGTERM", "forget group 123"). When stdin
// ends, the launcher is gone, by whatever cause; it then signals what is still registered, gives it a few
// seconds, kills what is left with SIGKILL and exits. Plain JavaScript, so it starts in milliseconds with node.
import { createInterface } from "node:readline";

const GRACE_MS = Number(process.env.REAPER_GRACE_MS ?? 5_000);
/** "group:123" or "pid:123" -> the signal that stops it gently. */
const watched = new Map();

// Detached from the launcher's terminal, but a stray signal to this process must not stop the watch.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => {});

function target(key) {
  const [kind, id] = key.split(":");
  return kind === "group" ? -Number(id) : Number(id);
}

function send(key, signal) {
  try {
    process.kill(target(key), signal);
    return true;
  } catch {
    return false; // gone already (ESRCH)
  }
}

createInterface({ input: process.stdin })
  .on("line", (line) => {
    const [verb, kind, id, signal] = line.trim().split(/\s+/);
    if (!["group", "pid"].includes(kind) || !/^\d+$/.test(id ?? "")) return;
    if (verb === "watch") watched.set(`${kind}:${id}`, signal || "SIGTERM");
    if (verb === "forget") watched.delete(`${kind}:${id}`);
  })
  .on("close", () => {
    for (const [key, signal] of watched) if (!send(key, signal)) watched.delete(key);
    if (watched.size === 0) process.exit(0);
    process.stderr.write(`[reaper] the launcher is gone: stopping what it left running (${[...watched.keys()].join(", ")})\n`);
    const deadline = Date.now() + GRACE_MS;
    const timer = setInterval(() => {
      for (const key of watched.keys()) if (!send(key, 0)) watched.delete(key);
      if (watched.size > 0 && Date.now() < deadline) return;
      for (const key of watched.keys()) send(key, "SIGKILL");
      clearInterval(timer);
      process.exit(0);
    }, 50);
  });
