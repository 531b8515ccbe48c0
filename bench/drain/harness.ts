// What bench/drain and bench/latency share: a fresh embedded PostgreSQL, the QuickBooks simulator in this
// process (its limits on, its clock at `speed`), the Stripe API stand-in, the local Inngest executor, and the
// app (bench/drain/app.ts) in a child process seeded like `npm run dev`. The simulator runs here so the
// benchmark can read what QuickBooks holds and count what it throttled without adding requests of its own.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient, type Db } from "../../lib/db/create-client";
import { DEMO_STRIPE_SOURCE } from "../../lib/demo/demo-sources";
import { DEMO_COMPANY_NAME } from "../../lib/demo/demo-books";
import { DEMO_INTUIT_APP } from "../../lib/env";
import { migrateDatabase, openDatabase, type Database } from "../../scripts/lib/database";
import { freePort } from "../../scripts/lib/free-port";
import { partLog, startPart, stopAllParts, waitForHttp } from "../../scripts/lib/parts";
import { startInngestExecutor, type RunningExecutor } from "../../sim/inngest";
import { startQboSim, type QboSim } from "../../sim/quickbooks";
import { startStripeApi, stripeDeliveries, type Delivery, type StripeApi } from "../../sim/sources";

export type Pipeline = {
  db: Db;
  sim: QboSim;
  realmId: string;
  appUrl: string;
  /** Requests the simulator admitted and refused (429) for the company, batch calls apart. */
  limiter: { admitted: number; throttled: number; batches: number };
  nextDelivery: () => Delivery;
  /** Sends an event to the executor as the app's dispatcher would (bench/drain's reconnect). */
  sendEvent: (name: string, data: Record<string, unknown>) => Promise<void>;
  send: (delivery: Delivery) => Promise<number>;
  stop: () => Promise<void>;
};

export type PipelineOptions = {
  /** The simulator's clock speed; the app's budget minute is 60 000 / speed ms, so both count the same minute. */
  speed: number;
  seed: string;
  log: (line: string) => void;
};

const KEYS = `bench:${Buffer.alloc(32, 9).toString("base64")}`;

export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const windowMs = Math.round(60_000 / options.speed);
  const dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-bench-drain-pg-"));
  let database: Database | undefined;
  let executor: RunningExecutor | undefined;
  let stripeApi: StripeApi | undefined;
  let sim: QboSim | undefined;
  const stop = async () => {
    await stopAllParts();
    await executor?.stop();
    await stripeApi?.stop();
    await sim?.stop();
    await database?.stop();
  };
  try {
    database = await openDatabase({ dataDir, port: await freePort(), database: "ledgerwire_bench" });
    await migrateDatabase(database.url);
    sim = await startQboSim({ apps: [{ ...DEMO_INTUIT_APP, redirectUris: [] }], clock: { speed: options.speed } });
    const realm = sim.createCompany({ name: DEMO_COMPANY_NAME });
    const limiter = { admitted: 0, throttled: 0, batches: 0 };
    const realLimiter = sim.core.limiter;
    const acquire = realLimiter.acquire.bind(realLimiter);
    realLimiter.acquire = (realmId, isBatch, clientId) => {
      const ok = acquire(realmId, isBatch, clientId);
      if (realmId === realm.realmId) {
        if (ok) limiter.admitted++;
        else limiter.throttled++;
        if (ok && isBatch) limiter.batches++;
      }
      return ok;
    };
    const stream = stripeDeliveries({ connectionId: DEMO_STRIPE_SOURCE.id, webhookSecret: DEMO_STRIPE_SOURCE.webhookSecret, seed: options.seed });
    stripeApi = await startStripeApi({ ledger: stream.ledger, apiKey: DEMO_STRIPE_SOURCE.apiKey });
    executor = await startInngestExecutor({ port: await freePort(), keepRuns: 20_000 });
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      NODE_ENV: "production" as const,
      DATABASE_URL: database.url,
      DEMO_MODE: "true",
      QBO_SIM_URL: sim.url,
      STRIPE_API_BASE: stripeApi.url,
      INNGEST_DEV: executor.url,
      ENCRYPTION_KEYS: KEYS,
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
      LOG_LEVEL: "warn",
      PORT: String(port),
      APP_URL: appUrl,
      QBO_BUDGET_WINDOW_MS: String(windowMs),
      BENCH_SEED: "1",
    };
    startPart("app", path.resolve("node_modules", ".bin", "tsx"), [path.join(import.meta.dirname, "app.ts")], env);
    await waitForHttp(`${appUrl}/health`, 180_000);
    options.log(await executor.sync(`${appUrl}/api/inngest`).then(() => `functions synced to the executor`));
    const db = createPrismaClient(database.url, { max: 2 });
    const send = async (delivery: Delivery) => {
      const response = await fetch(`${appUrl}${delivery.path}`, { method: "POST", headers: delivery.headers, body: delivery.body });
      await response.arrayBuffer();
      return response.status;
    };
    return {
      db,
      sim,
      realmId: realm.realmId,
      appUrl,
      limiter,
      nextDelivery: stream.next,
      send,
      sendEvent: async (name, data) => {
        const response = await fetch(`${executor!.url}/e/bench`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ id: `bench-${name}-${Date.now()}`, name, data }]) });
        if (!response.ok) throw new Error(`the executor refused ${name}: ${response.status}`);
      },
      stop: async () => {
        await db.$disconnect();
        await stop();
      },
    };
  } catch (error) {
    partLog("bench")(`could not start the pipeline: ${(error as Error).message}`);
    await stop();
    throw error;
  }
}
