import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postgresProcessesFor } from "../test/postgres";
import { freePort } from "./lib/free-port";

// The promise of the README: `npm run dev` with no configuration serves a healthy app, a second run keeps the
// data, and Ctrl-C leaves no PostgreSQL behind. This drives the real launcher, as a person would.

// What PostgreSQL and its clients print when the database goes away under open connections.
const PG_CONNECTION_ERROR = /terminating connection|Connection terminated|ECONNREFUSED|FATAL|the database system is shutting down|57P01/;

type Launch = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function launch(env: Record<string, string | undefined>): Launch {
  // Own process group, like a terminal's foreground job: Ctrl-C reaches the whole group.
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/dev.ts"], { env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out: ${what()}`);
}

async function healthy(port: number): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const response = await fetch(`http://localhost:${port}/api/health`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.json() };
  } catch {
    return undefined;
  }
}

describe("npm run dev", () => {
  let dataDir = "";
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("starts with no configuration, keeps its data across runs and stops every part on Ctrl-C", { timeout: 240_000 }, async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-dev-"));
    const port = await freePort();
    const simUrl = `http://localhost:${await freePort()}`;
    const realmIds: string[] = [];
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      QBO_SIM_URL: simUrl,
      EMBEDDED_PG_PORT: String(await freePort()),
      // Its default (8288) is taken whenever an `npm run dev` runs on the machine, and the launcher then refuses to start.
      INNGEST_EXECUTOR_PORT: String(await freePort()),
      LEDGERWIRE_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
    };

    for (const run of [1, 2]) {
      const dev = launch(env);
      let afterCtrlC = "";
      try {
        await waitFor(async () => (await healthy(port))?.status === 200, 120_000, () => `run ${run} never became healthy:\n${dev.output()}`);
        expect((await healthy(port))?.body).toMatchObject({ status: "ok", db: "ok" });
        // Demo mode without HOST keeps the demo (anyone can sign in as an owner) off the network, and says so.
        expect(dev.output()).toContain("web server (next dev) listens on 127.0.0.1 only: demo mode signs anyone in, so it is not for the network (HOST=0.0.0.0 opens it)");
        expect(dev.output()).toContain(run === 1 ? "seeded the demo workspace" : "demo workspace already present");
        // The QuickBooks simulator runs beside the app, with the demo app registered and one company kept across runs.
        const discovery = (await (await fetch(`${simUrl}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string };
        expect(discovery.authorization_endpoint).toBe(`${simUrl}/connect/oauth2`);
        const companies = (await (await fetch(`${simUrl}/_sim/companies`)).json()) as { companies: { realmId: string }[] };
        expect(companies.companies).toHaveLength(1);
        realmIds.push(companies.companies[0]!.realmId);
      } finally {
        const atCtrlC = dev.output().length;
        // A launcher that already exited (it refused to start) has no group left: let the error that says why show.
        if (dev.child.exitCode === null) process.kill(-dev.child.pid!, "SIGINT");
        expect(await dev.exited, `run ${run}: the launcher's exit code, after:\n${dev.output()}`).toBe(0);
        afterCtrlC = dev.output().slice(atCtrlC);
      }
      // The web server and the jobs stop before PostgreSQL, so none of them sees its connections cut (this used
      // to print about 340 lines of pg errors on Ctrl-C).
      expect(afterCtrlC.split("\n").filter((line) => PG_CONNECTION_ERROR.test(line)), `run ${run}, after Ctrl-C:\n${afterCtrlC}`).toEqual([]);
      expect(afterCtrlC).toMatch(/\[dev\]\s+stopped/);
      expect(postgresProcessesFor(dataDir)).toEqual([]);
      expect(await healthy(port)).toBeUndefined();
    }
    expect(realmIds[1]).toBe(realmIds[0]);
  });

  it("stops with one clear line when DATABASE_URL points nowhere", { timeout: 60_000 }, async () => {
    const dead = await freePort();
    const dev = launch({ PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `postgresql://u:pw@localhost:${dead}/app` });
    expect(await dev.exited).toBe(1);
    const lines = dev.output().trim().split("\n").filter((line) => !/^\[dev\]\s+(stopping|stopped)/.test(line));
    expect(lines).toEqual([
      `Cannot connect to PostgreSQL at localhost:${dead}/app: nothing is listening there. Check DATABASE_URL (or unset it to use the embedded database).`,
    ]);
  });

  it("stops with one line naming a malformed variable", { timeout: 60_000 }, async () => {
    const dev = launch({ PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: "localhost:5432" });
    expect(await dev.exited).toBe(1);
    expect(dev.output().trim()).toBe(
      "Invalid environment: DATABASE_URL expects a PostgreSQL URL like postgresql://user:password@host:5432/database.",
    );
  });
});
