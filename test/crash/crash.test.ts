import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_STRIPE_SOURCE } from "../../lib/demo/demo-sources";
import { embeddedDatabaseUrl } from "../../lib/env";
import { freePort } from "../../scripts/lib/free-port";
import { EXIT } from "../../scripts/lib/exit-codes";
import { startStripeApi, stripeDeliveries, type Delivery, type StripeApi } from "../../sim/sources";
import { descendants, healthy, launch, postmasterPid, stillRunning, waitFor, webServerPid, type Launcher } from "./launcher";
import { outcomes, sendAll, settled, type Load } from "./load";

// Issue 19's crash test: a bounded signed Stripe load on the dev stack (the launcher, serving the production
// build with next start), and halfway through each of three rounds a kill -9: of the web server, of the launcher
// (and so the job executor inside it), of PostgreSQL. After each, a restart (the launcher's own for the web
// server; ours for the other two), and within two minutes every event that got a 2xx has exactly one canonical
// event or is FAILED with an exception. No process outlives the launcher, and its exit code says what happened.

const PER_ROUND = 80;
const SETTLE_MS = 120_000;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("crash test", () => {
  it("loses no acknowledged event to a kill -9 of the web server, the launcher or PostgreSQL, and leaves no process behind", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-crash-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const pgPort = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const databaseUrl = embeddedDatabaseUrl(pgPort);

    // Stripe's side: the deliveries and the API the app reads fees from, outside the stack, as the real one is.
    const stream = stripeDeliveries({ connectionId: DEMO_STRIPE_SOURCE.id, webhookSecret: DEMO_STRIPE_SOURCE.webhookSecret, seed: `crash-${Date.now()}` });
    const api: StripeApi = await startStripeApi({ ledger: stream.ledger, apiKey: DEMO_STRIPE_SOURCE.apiKey, port: 0 });
    cleanups.push(() => api.stop());

    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      QBO_SIM_URL: `http://localhost:${await freePort()}`,
      EMBEDDED_PG_PORT: String(pgPort),
      INNGEST_EXECUTOR_PORT: String(await freePort()),
      LEDGERWIRE_DATA_DIR: dataDir,
      LEDGERWIRE_WEB: "start",
      DEMO_SOURCE_RATE: "0",
      STRIPE_API_BASE: api.url,
      // The sweep's grace stays at its default (5 minutes), longer than the test's two: what settles here was
      // resumed from the executor's own tables after each crash, not re-offered by the sweep.
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    };

    let launcher: Launcher | undefined;
    const start = async (): Promise<Launcher> => {
      const started = launch(env);
      launcher = started;
      await waitFor(() => healthy(baseUrl), 120_000, () => `the stack never became healthy:\n${started.output().slice(-4_000)}`);
      return started;
    };
    cleanups.push(async () => {
      if (launcher && launcher.child.exitCode === null && launcher.child.signalCode === null) {
        process.kill(-launcher.pid, "SIGKILL");
        await launcher.ended;
      }
      const pid = postmasterPid(path.join(dataDir, "postgres"));
      if (pid) stillRunning([pid]).forEach((p) => process.kill(p.pid, "SIGKILL"));
    });

    const acknowledged = new Set<string>();
    const round = (): { load: Load; batch: Delivery[] } => {
      const batch = Array.from({ length: PER_ROUND }, () => stream.next());
      const load = sendAll(baseUrl, batch, { concurrency: 6, deadlineMs: 150_000 });
      return { load, batch };
    };
    const halfway = (load: Load) => waitFor(() => load.acknowledged.size >= PER_ROUND / 2, 90_000, () => `only ${load.acknowledged.size} answered`);
    const allSettle = async (load: Load, restartedAt: number) => {
      await load.done;
      for (const id of load.acknowledged) acknowledged.add(id);
      const ids = [...acknowledged];
      const pending = () => outcomes(databaseUrl, ids).then((found) => [...found].filter(([, o]) => !settled(o)));
      await waitFor(
        async () => (await pending()).length === 0,
        Math.max(5_000, SETTLE_MS - (Date.now() - restartedAt)),
        () => `not settled two minutes after the restart: ${JSON.stringify([...acknowledged].length)} acknowledged`,
      ).catch(async (error: Error) => {
        const left = await pending();
        throw new Error(`${error.message}; ${left.length} unsettled, e.g. ${JSON.stringify(left.slice(0, 5))}`);
      });
      // Settled by the executor resuming its runs, not by the sweep re-offering them (its grace is longer).
      const swept = [...(await outcomes(databaseUrl, ids)).values()].flat().filter((o) => o.sweeps > 0);
      expect(swept, "events the sweep had to re-dispatch").toEqual([]);
    };
    const expectNoSurvivors = async (family: number[], what: string) => {
      await waitFor(() => stillRunning(family).length === 0, 15_000, () => `${what}: still running ${JSON.stringify(stillRunning(family))}`);
    };

    // Round 1: kill -9 of the web server. The launcher names it and restarts it.
    let current = await start();
    {
      const { load } = round();
      await halfway(load);
      const web = webServerPid(current.pid);
      expect(web).toBeDefined();
      process.kill(web!, "SIGKILL");
      const restartedAt = Date.now();
      await waitFor(() => current.output().includes("the web server died (killed by SIGKILL); restarting it"), 15_000, () => current.output().slice(-2_000));
      await waitFor(() => healthy(baseUrl), 60_000, () => "the restarted web server never answered");
      expect(stillRunning([web!])).toEqual([]);
      await allSettle(load, restartedAt);
    }

    // Round 2: kill -9 of the launcher, and with it the job executor it runs. The reaper stops what it left.
    {
      const { load } = round();
      await halfway(load);
      const family = descendants(current.pid).map((p) => p.pid);
      expect(family.length).toBeGreaterThan(3); // web server, PostgreSQL and its processes, the reaper
      process.kill(current.pid, "SIGKILL");
      expect(await current.ended).toEqual({ code: null, signal: "SIGKILL" });
      await expectNoSurvivors(family, "after kill -9 of the launcher");
      current = await start();
      await allSettle(load, Date.now());
    }

    // Round 3: kill -9 of PostgreSQL. The launcher names it, stops everything and exits with its code.
    {
      const { load } = round();
      await halfway(load);
      const family = descendants(current.pid).map((p) => p.pid);
      const postmaster = postmasterPid(path.join(dataDir, "postgres"));
      expect(family).toContain(postmaster);
      process.kill(postmaster!, "SIGKILL");
      expect(await current.ended).toEqual({ code: EXIT.database, signal: null });
      expect(current.output()).toContain("PostgreSQL died (killed by SIGKILL)");
      await expectNoSurvivors(family, "after PostgreSQL died");
      current = await start();
      await allSettle(load, Date.now());
    }

    expect(acknowledged.size).toBe(3 * PER_ROUND);
    // Ctrl-C: exit 0, nothing left.
    const family = descendants(current.pid).map((p) => p.pid);
    process.kill(current.pid, "SIGINT");
    expect(await current.ended).toEqual({ code: EXIT.stopped, signal: null });
    await expectNoSurvivors(family, "after Ctrl-C");
  });
});
