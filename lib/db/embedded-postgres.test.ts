import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { query } from "../../test/postgres";
import { dropDatabase, embeddedPostgresUrl, ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

// Real servers on real ports: each test gets its own temporary data directory and a free port, and registers
// how to undo everything it starts, so a failing assertion never leaves a server or a directory behind.
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error("cleanup failed:", error);
    }
  }
});

async function tempDataDir(): Promise<string> {
  // mkdtemp makes a 0700 directory: as root this also proves the server (run as `postgres`) can reach into it.
  const root = await mkdtemp(path.join(os.tmpdir(), "ledgerwire-embedded-pg-"));
  const dataDir = path.join(root, "nested", "postgres");
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  cleanups.push(() => stopWhateverRuns(dataDir));
  return dataDir;
}

async function start(dataDir: string, port: number, onLog?: (line: string) => void): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, port, database: "ledgerwire", onLog });
  cleanups.push(() => server.stop());
  return server;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => "");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  return pid > 0 ? pid : undefined;
}

type Proc = { pid: number; ppid: number; args: string };

/** Live processes (zombies are dead, merely not yet reaped by their parent) matching `match`, as ps lines. */
function liveProcesses(match: (proc: Proc) => boolean): string[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,stat=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => {
      const [pid = "", ppid = "", stat = "Z", ...args] = line.trim().split(/\s+/);
      return !stat.startsWith("Z") && match({ pid: Number(pid), ppid: Number(ppid), args: args.join(" ") });
    })
    .map((line) => line.trim());
}

/** The postmaster started on `dataDir` (its command line names it) and the children of `postmasters`. */
function serverProcesses(dataDir: string, postmasters: number[] = []): string[] {
  return liveProcesses((p) => `${p.args} `.includes(` ${dataDir} `) || postmasters.includes(p.pid) || postmasters.includes(p.ppid));
}

/** `pid` itself and its children. */
function processFamily(pid: number): string[] {
  return liveProcesses((p) => p.pid === pid || p.ppid === pid);
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Last-resort cleanup: stops a server for `dataDir` that no test owns any more (e.g. after a failed crash test). */
async function stopWhateverRuns(dataDir: string): Promise<void> {
  const pid = await postmasterPid(dataDir);
  if (pid === undefined || serverProcesses(dataDir, [pid]).length === 0) return;
  process.kill(pid, "SIGINT");
  await waitFor(() => serverProcesses(dataDir, [pid]).length === 0, `PID ${pid} to exit`);
}

describe("startEmbeddedPostgres", () => {
  it("initialises a new data directory, stops completely, and reuses the data on the next start", async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    const firstLog: string[] = [];

    const first = await start(dataDir, port, (line) => firstLog.push(line));
    expect(first.url).toBe(`postgresql://postgres:ledgerwire@localhost:${port}/ledgerwire`);
    expect(first.dataDir).toBe(dataDir);
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    expect(firstLog.some((line) => line.includes("database system is ready to accept connections"))).toBe(true);
    expect(firstLog.every((line) => !line.includes("\n"))).toBe(true);

    await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('grüße from run 1')");
    const [settings] = await query<{ encoding: string; listen: string }>(
      first.url,
      "SELECT pg_encoding_to_char(encoding) AS encoding, current_setting('listen_addresses') AS listen FROM pg_database WHERE datname = current_database()",
    );
    expect(settings).toEqual({ encoding: "UTF8", listen: "localhost" });

    const pid = await postmasterPid(dataDir);
    expect(pid).toBeDefined();
    expect(serverProcesses(dataDir, [pid!]).length).toBeGreaterThan(1); // postmaster and its children
    await first.stop();
    await first.stop(); // a second stop() is harmless
    expect(serverProcesses(dataDir, [pid!])).toEqual([]);
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);

    // A pid file whose process is long gone (a crash of the whole machine) must not block the next start.
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    await writeFile(path.join(dataDir, "postmaster.pid"), `${deadPid}\n${dataDir}\n0\n${port}\n\nlocalhost\n  0  0\nready\n`);

    const secondLog: string[] = [];
    const second = await start(dataDir, port, (line) => secondLog.push(line));
    expect(secondLog.some((line) => line.includes("creating subdirectories"))).toBe(false); // no second initdb
    expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "grüße from run 1" }]);
  });

  it("creates and drops databases without leaking connections", async () => {
    const dataDir = await tempDataDir();
    const server = await start(dataDir, await freePort());
    const adminUrl = embeddedPostgresUrl(server.port, "postgres");

    const url = await ensureDatabase(adminUrl, "ledgerwire_fresh");
    expect(await ensureDatabase(adminUrl, "ledgerwire_fresh")).toBe(url);
    expect(await query(url, "SELECT current_database() AS db")).toEqual([{ db: "ledgerwire_fresh" }]);
    const [clients] = await query<{ n: string }>(
      adminUrl,
      "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    expect(clients?.n).toBe("0");

    // Dropping works even while a client (a test's forgotten pool) is still connected.
    const lingering = new pg.Client({ connectionString: url });
    lingering.on("error", () => {});
    await lingering.connect();
    cleanups.push(() => lingering.end().catch(() => {}));
    await dropDatabase(adminUrl, "ledgerwire_fresh");
    await dropDatabase(adminUrl, "ledgerwire_fresh");
    expect(await query(adminUrl, "SELECT datname FROM pg_database WHERE datname = 'ledgerwire_fresh'")).toEqual([]);
  });

  it("stops the server left running by a killed process, starts its own, and leaves no orphan behind", async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();

    // A separate Node process starts the server and is then killed with -9, as a crashed `npm run dev` would be.
    const moduleUrl = new URL("./embedded-postgres.ts", import.meta.url).href;
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(moduleUrl)});
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: "ledgerwire" });
      console.log("READY");`;
    const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanups.push(() => child.kill("SIGKILL"));
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await waitFor(() => output.includes("READY") || child.exitCode !== null, "the child to start its server", 20_000);
    expect(output).toContain("READY");

    child.kill("SIGKILL");
    await exited;
    const orphan = await postmasterPid(dataDir);
    expect(orphan).toBeDefined();
    expect(processFamily(orphan!).length).toBeGreaterThan(1); // the orphaned postmaster and its children run on

    const server = await start(dataDir, port);
    expect(await query(server.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    const own = await postmasterPid(dataDir);
    expect(own).not.toBe(orphan);
    expect(processFamily(orphan!)).toEqual([]);

    await server.stop();
    expect(serverProcesses(dataDir, [orphan!, own!])).toEqual([]);
  });

  it("names the port and EMBEDDED_PG_PORT in one line when another program holds the port", async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(port, resolve));
    cleanups.push(() => new Promise((resolve) => other.close(resolve)));

    const error = await startEmbeddedPostgres({ dataDir, port, database: "ledgerwire" }).then(
      (server) => {
        cleanups.push(() => server.stop());
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(String(port));
    expect(message).toContain("EMBEDDED_PG_PORT");
    expect(message).not.toContain("\n");
    expect(serverProcesses(dataDir)).toEqual([]);
  });
});
