// `npm run dev`: the whole product on one machine with no configuration. Starts the embedded PostgreSQL
// (unless DATABASE_URL is set), applies migrations, seeds the demo workspace once and serves Next.js. Each
// part's log lines are prefixed with its name. It supervises its parts: a part that dies is named with how it
// ended, then restarted or everything is stopped with an exit code that says which (scripts/lib/exit-codes.ts).
// Ctrl-C stops taking requests, lets those in flight finish, then stops the rest, database last. A kill -9 of the
// launcher is covered by the reaper (scripts/lib/reaper.ts): no part outlives it.
import path from "node:path";
import { EMBEDDED_PG_DATABASE } from "../lib/env";
import type { QboSim } from "../sim/quickbooks";
import type { DemoSource } from "../sim/sources";
import { migrateDatabase, openDatabase, seedDemoDatabase, type Database } from "./lib/database";
import { demoSourceRate, startDemoSourcePart, warmWebhookRoutes } from "./lib/demo-source";
import { failedPart } from "./lib/failed-part";
import { EXIT } from "./lib/exit-codes";
import { startJobs, type Jobs } from "./lib/jobs";
import { loadEnvOrExit } from "./lib/load-env-or-exit";
import { describeExit, onShutdown, partLog, startPart, stopAllParts, stopPart, waitForHttp, type Part } from "./lib/parts";
import { startDemoQboSim } from "./lib/qbo-sim";
import { restartBudget } from "./lib/restart-budget";
import { listeningLine, webArgs, webMode, type WebMode } from "./lib/web";

const log = partLog("dev");

/** How long Ctrl-C lets the web server finish the requests it has (then it is killed). */
const WEB_STOP_GRACE_MS = 10_000;
const WEB_RESTARTS = 5;
const WEB_RESTART_WINDOW_MS = 5 * 60_000;

const env = loadEnvOrExit();
const sourceRate = readLauncherSetting(() => (env.demoMode ? demoSourceRate() : 0));
const mode: WebMode = readLauncherSetting(() => webMode());
let database: Database | undefined;
let qboSim: QboSim | null = null;
let jobs: Jobs | undefined;
let demoSource: DemoSource | null = null;
let web: Part | undefined;
let stopping = false;

function readLauncherSetting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(EXIT.failed);
  }
}

const shutdown = onShutdown(async () => {
  stopping = true;
  log("stopping: no new requests; those in flight may finish…");
  await demoSource?.stop();
  // SIGTERM: Next stops accepting connections and answers the requests it has before it exits. The job
  // executor keeps running meanwhile, so webhooks in flight still hand over their events; a run that is not
  // finished stays in the executor's tables and resumes on the next start.
  if (web) await stopPart(web, WEB_STOP_GRACE_MS);
  await stopAllParts();
  await jobs?.stop();
  await qboSim?.stop();
  await database?.stop();
  log("stopped");
});

// The job executor, the QuickBooks simulator and the demo source run inside the launcher: if one of them fails
// beyond its own error handling, the launcher is what died, and it says so rather than leaving parts running.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    log(`${failedPart(error)} failed inside the launcher (which runs the job executor, the QuickBooks simulator and the demo source): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    log("stopping everything");
    void shutdown(EXIT.failed);
  });
}

// `npm run dev` is npm, then tsx, then this process. A kill -9 of tsx (what a process list shows as the
// launcher) would leave this one running with no terminal and no one to stop it: it notices that its parent
// changed and stops as on Ctrl-C.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid === parentPid || stopping) return;
  log(`the process that started the launcher (PID ${parentPid}) is gone; stopping`);
  void shutdown(EXIT.failed);
}, 500).unref();

async function main(): Promise<void> {
  const started = Date.now();
  database = await openDatabase({
    databaseUrl: env.usesEmbeddedPostgres ? undefined : env.databaseUrl,
    dataDir: path.resolve(env.dataDir, "postgres"),
    port: env.embeddedPgPort,
    database: EMBEDDED_PG_DATABASE,
  });
  log(database.embedded ? `embedded PostgreSQL on port ${env.embeddedPgPort}, data in ${env.dataDir}/postgres` : "using DATABASE_URL");
  // PostgreSQL is not restarted: the launcher cannot tell why it died (the OOM killer, a full disk, someone
  // stopping it), and restarting it under a running app would hide that. Everything stops with its own exit
  // code, and the next start runs PostgreSQL's crash recovery; nothing acknowledged is lost (it is committed).
  void database.ended?.then((exit) => {
    if (stopping) return;
    log(`PostgreSQL died (${describeExit(exit)}); stopping everything (exit code ${EXIT.database}). Run npm run dev again: it recovers its data on start.`);
    void shutdown(EXIT.database);
  });

  await migrateDatabase(database.url);

  if (env.demoMode) await seedDemoDatabase(database.url, partLog("seed"));

  qboSim = await startDemoQboSim(env, { appUrl: env.appUrl, stateFile: path.resolve(env.dataDir, "qbo-sim.json") });
  if (qboSim) partLog("qbo-sim")(`QuickBooks simulator on ${qboSim.url} (its state is kept in ${env.dataDir}/qbo-sim.json)`);
  if (env.demoMode && qboSim) await seedBooks(qboSim, database.url);

  jobs = await startJobs({
    devServerUrl: env.jobs.devServerUrl,
    serveUrl: `${env.appUrl}/api/inngest`,
    port: env.jobs.executorPort,
    databaseUrl: database.url,
  });
  // The Dev Server keeps its runs in memory: a new one would not resume the old one's, so it is not restarted.
  void jobs.ended?.then((exit) => {
    if (stopping) return;
    log(`the Inngest Dev Server died (${describeExit(exit)}); stopping everything (exit code ${EXIT.jobs})`);
    void shutdown(EXIT.jobs);
  });

  // The Stripe API stand-in must be up before the web server, which reads its URL (STRIPE_API_BASE) at start.
  const localUrl = `http://localhost:${env.port}`;
  demoSource = await startDemoSourcePart({ appUrl: localUrl, rate: sourceRate });

  // Telemetry is off unless asked for: it phones home, which a self-hosted finance tool should not do unasked.
  const childEnv = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...process.env,
    // `next start` sets NODE_ENV=production, which would turn demo mode off in the app but not here.
    DEMO_MODE: String(env.demoMode),
    DATABASE_URL: database.url,
    PORT: String(env.port),
    INNGEST_DEV: jobs.url,
    ...(demoSource?.stripeApiUrl ? { STRIPE_API_BASE: demoSource.stripeApiUrl } : {}),
  };
  const command = path.resolve("node_modules", ".bin", "next");
  const args = webArgs(mode, env.port, env.host);
  log(listeningLine(mode, env.host, Boolean(process.env.HOST)));
  // The web server is restarted when it dies: it keeps no state of its own (a request either committed or was
  // never answered 2xx, and job runs live in the executor), so a new one carries on where it stopped. Within
  // a budget: one that keeps dying stops everything rather than looping.
  const budget = restartBudget(WEB_RESTARTS, WEB_RESTART_WINDOW_MS);
  const startWeb = (): void => {
    const part = startPart("web", command, args, childEnv);
    web = part;
    void part.ended.then((exit) => {
      if (stopping) return;
      const restart = budget.take();
      if (restart === null) {
        log(`the web server died (${describeExit(exit)}), ${WEB_RESTARTS + 1} times within ${WEB_RESTART_WINDOW_MS / 60_000} minutes; stopping everything (exit code ${EXIT.web})`);
        void shutdown(EXIT.web);
        return;
      }
      log(`the web server died (${describeExit(exit)}); restarting it (restart ${restart} of ${WEB_RESTARTS} allowed within ${WEB_RESTART_WINDOW_MS / 60_000} minutes)`);
      startWeb();
    });
  };
  startWeb();

  await waitForHttp(`${localUrl}/api/health`, 120_000);
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${env.appUrl}`);
  if (demoSource) {
    await warmWebhookRoutes(localUrl);
    demoSource.startSending();
  }
}

// The demo workspace connected to the simulator's company with an active mapping (lib/demo/demo-books.ts). A
// failure is reported and the rest starts anyway: the demo still works, just without its books set up.
async function seedBooks(sim: QboSim, databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL ??= databaseUrl; // the app's database module reads it on import
  try {
    const { seedDemoBooks } = await import("../lib/demo/demo-books");
    const result = await seedDemoBooks();
    if (result.seeded) {
      await sim.save(); // the accounts it made in the simulator outlive a crash, like the mapping that names them
      partLog("seed")("connected the demo workspace to the simulator's company with an active mapping");
    }
  } catch (error) {
    partLog("seed")(`could not set up the demo books: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    // The app's database client (lib/db) is the launcher's too once demo-books has used it, and nothing else in
    // the launcher needs it: close its pool now, or a Ctrl-C within its idle timeout stops PostgreSQL under
    // those connections ("FATAL: terminating connection", and a 57P01 from the pool).
    const { db } = await import("../lib/db");
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  if (stopping) return; // a part died during start-up and shutdown() already has the reason
  console.error(error instanceof Error ? error.message : String(error));
  void shutdown(EXIT.failed);
});
