// `npm run dev`: the whole product on one machine with no configuration. Starts the embedded PostgreSQL
// (unless DATABASE_URL is set), applies migrations, seeds the demo workspace once and serves Next.js. Each
// part's log lines are prefixed with its name; Ctrl-C stops them all, database last.
import path from "node:path";
import { createPrismaClient } from "../lib/db/create-client";
import { seedDemoSources } from "../lib/demo/demo-sources";
import { seedDemo } from "../lib/demo/seed-demo";
import { EMBEDDED_PG_DATABASE } from "../lib/env";
import type { QboSim } from "../sim/quickbooks";
import type { DemoSource } from "../sim/sources";
import { migrateDatabase, openDatabase, type Database } from "./lib/database";
import { demoSourceRate, startDemoSourcePart, warmWebhookRoutes } from "./lib/demo-source";
import { startJobs, type Jobs } from "./lib/jobs";
import { loadEnvOrExit } from "./lib/load-env-or-exit";
import { startDemoQboSim } from "./lib/qbo-sim";
import { onShutdown, partLog, startPart, stopAllParts, waitForHttp } from "./lib/parts";

const log = partLog("dev");

const env = loadEnvOrExit();
const sourceRate = readDemoSourceRate();
let database: Database | undefined;
let qboSim: QboSim | null = null;
let jobs: Jobs | undefined;
let demoSource: DemoSource | null = null;

function readDemoSourceRate(): number {
  try {
    return env.demoMode ? demoSourceRate() : 0;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

const shutdown = onShutdown(async () => {
  log("stopping…");
  await demoSource?.stop();
  await stopAllParts();
  await jobs?.stop();
  await qboSim?.stop();
  await database?.stop();
  log("stopped");
});

async function main(): Promise<void> {
  const started = Date.now();
  database = await openDatabase({
    databaseUrl: env.usesEmbeddedPostgres ? undefined : env.databaseUrl,
    dataDir: path.resolve(env.dataDir, "postgres"),
    port: env.embeddedPgPort,
    database: EMBEDDED_PG_DATABASE,
  });
  log(database.embedded ? `embedded PostgreSQL on port ${env.embeddedPgPort}, data in ${env.dataDir}/postgres` : "using DATABASE_URL");

  await migrateDatabase(database.url);

  if (env.demoMode) {
    const db = createPrismaClient(database.url, { max: 1 });
    try {
      const result = await seedDemo(db);
      partLog("seed")(result.created ? "seeded the demo workspace" : "demo workspace already present");
      const sources = await seedDemoSources(db);
      if (sources.created.length > 0) partLog("seed")(`added the demo sources ${sources.created.join(", ")}`);
    } finally {
      await db.$disconnect();
    }
  }

  qboSim = await startDemoQboSim(env, { appUrl: env.appUrl, stateFile: path.resolve(env.dataDir, "qbo-sim.json") });
  if (qboSim) partLog("qbo-sim")(`QuickBooks simulator on ${qboSim.url} (its state is kept in ${env.dataDir}/qbo-sim.json)`);
  if (env.demoMode && qboSim) await seedBooks(qboSim, database.url);

  jobs = await startJobs({
    devServerUrl: env.jobs.devServerUrl,
    serveUrl: `${env.appUrl}/api/inngest`,
    port: env.jobs.executorPort,
    databaseUrl: database.url,
  });

  // The Stripe API stand-in must be up before the web server, which reads its URL (STRIPE_API_BASE) at start.
  const localUrl = `http://localhost:${env.port}`;
  demoSource = await startDemoSourcePart({ appUrl: localUrl, rate: sourceRate });

  // Telemetry is off unless asked for: it phones home, which a self-hosted finance tool should not do unasked.
  const childEnv = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...process.env,
    DATABASE_URL: database.url,
    PORT: String(env.port),
    INNGEST_DEV: jobs.url,
    ...(demoSource?.stripeApiUrl ? { STRIPE_API_BASE: demoSource.stripeApiUrl } : {}),
  };
  const web = startPart("web", path.resolve("node_modules", ".bin", "next"), ["dev", "--port", String(env.port)], childEnv);
  void web.exited.then((code) => {
    log(`web server exited (code ${code})`);
    void shutdown(code ?? 1);
  });

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
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  void shutdown(1);
});
