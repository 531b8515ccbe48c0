// End-to-end journeys against ONE production build: a fresh database (embedded, or a new database on the local
// server at DATABASE_URL), migrations, demo seed, `next build`, `next start`, then Playwright on Chromium.
// Set E2E_SKIP_BUILD=1 to reuse the last build while iterating on specs.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkConnection } from "../lib/db/check-connection";
import { createPrismaClient } from "../lib/db/create-client";
import { dropDatabase, ensureDatabase } from "../lib/db/embedded-postgres";
import { seedDemoSources } from "../lib/demo/demo-sources";
import { seedDemo } from "../lib/demo/seed-demo";
import { chromiumLaunchOptions } from "../e2e/browser";
import { loadEnv } from "../lib/env";
import type { QboSim } from "../sim/quickbooks";
import { startStripeApi, StripeEventGenerator, type StripeApi } from "../sim/sources";
import { E2E_STRIPE_KEYS } from "../e2e/stripe-keys";
import { migrateDatabase, openDatabase, type Database } from "./lib/database";
import { startJobs, type Jobs } from "./lib/jobs";
import { startDemoQboSim } from "./lib/qbo-sim";
import { freePort } from "./lib/free-port";
import { onShutdown, partLog, runPart, startPart, stopAllParts, waitForHttp } from "./lib/parts";

const log = partLog("e2e");
const bin = (name: string) => path.resolve("node_modules", ".bin", name);
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

let database: Database | undefined;
let dataDir: string | undefined;
let dropFresh: (() => Promise<void>) | undefined;
let qboSim: QboSim | null = null;
let stripeApi: StripeApi | undefined;
let jobs: Jobs | undefined;

const shutdown = onShutdown(async () => {
  await stopAllParts();
  await jobs?.stop();
  await qboSim?.stop();
  await stripeApi?.stop();
  await dropFresh?.();
  await database?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function freshDatabaseUrl(): Promise<string> {
  const given = process.env.DATABASE_URL;
  if (given) {
    // End-to-end runs create and drop databases: never against anything but this machine.
    if (!LOCAL_HOSTS.has(new URL(given).hostname)) {
      throw new Error("Refusing to run end-to-end tests against a non-local DATABASE_URL; point it at localhost or unset it.");
    }
    await checkConnection(given);
    const name = `ledgerwire_e2e_${process.pid}_${Date.now()}`;
    dropFresh = () => dropDatabase(given, name).catch(() => {});
    return ensureDatabase(given, name);
  }
  dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-e2e-pg-"));
  database = await openDatabase({ dataDir, port: await freePort(), database: "ledgerwire_e2e" });
  return database.url;
}

async function main(): Promise<number> {
  chromiumLaunchOptions(); // fail in one line, before building, when there is no browser
  const databaseUrl = await freshDatabaseUrl();
  await migrateDatabase(databaseUrl);
  const db = createPrismaClient(databaseUrl, { max: 1 });
  await seedDemo(db)
    .then(() => seedDemoSources(db))
    .finally(() => db.$disconnect());

  // DEV_MAILBOX: a production build keeps the demo mailbox off unless asked; the journeys read it as an owner.
  const env: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: "1", ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", DEMO_MODE: "true", DEV_MAILBOX: "true" };
  if (process.env.E2E_SKIP_BUILD !== "1") await runPart("build", bin("next"), ["build"], env);

  const port = await freePort();
  const baseUrl = `http://localhost:${port}`; // not 127.0.0.1: Auth.js builds form actions from the host
  const qboSimUrl = `http://localhost:${await freePort()}`;
  // Jobs run on the local executor (or a Dev Server named by INNGEST_DEV), on a free port of their own.
  jobs = await startJobs({
    devServerUrl: loadEnv(env).jobs.devServerUrl,
    serveUrl: `${baseUrl}/api/inngest`,
    port: await freePort(),
    databaseUrl,
  });
  // Stripe is the demo source's API stand-in, knowing the keys the journeys paste (e2e/stripe-keys.ts).
  stripeApi = await startStripeApi({
    ledger: new StripeEventGenerator({ seed: "e2e" }).ledger,
    apiKey: E2E_STRIPE_KEYS.good,
    restrictedKeys: [{ key: E2E_STRIPE_KEYS.balanceOnly, allows: ["balance"] }],
  });
  const webEnv = { ...env, PORT: String(port), APP_URL: baseUrl, LOG_LEVEL: "warn", QBO_SIM_URL: qboSimUrl, INNGEST_DEV: jobs.url, STRIPE_API_BASE: stripeApi.url };
  qboSim = await startDemoQboSim(loadEnv(webEnv), { appUrl: baseUrl });
  startPart("web", bin("next"), ["start", "--port", String(port)], webEnv);
  await waitForHttp(`${baseUrl}/api/health`, 60_000);
  log(`server ready at ${baseUrl}`);

  const playwright = startPart("playwright", bin("playwright"), ["test", ...process.argv.slice(2)], {
    ...process.env,
    E2E_BASE_URL: baseUrl,
    E2E_QBO_SIM_URL: qboSimUrl,
    E2E_INNGEST_URL: jobs.url,
    DATABASE_URL: databaseUrl,
  });
  return (await playwright.exited) ?? 1;
}

main().then(
  (code) => shutdown(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    return shutdown(1);
  },
);
