import http from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient, type Db } from "../../lib/db/create-client";
import { DEMO_COMPANY_NAME } from "../../lib/demo/demo-books";
import { DEMO_INTUIT_APP } from "../../lib/env";
import { migrateDatabase, openDatabase, type Database } from "../../scripts/lib/database";
import { freePort } from "../../scripts/lib/free-port";
import { startPart, stopPart, waitForHttp, type Part } from "../../scripts/lib/parts";
import { startInngestExecutor, type RunningExecutor } from "../../sim/inngest";
import { startQboSim, type QboSim } from "../../sim/quickbooks";
import { startStripeApi, type StripeApi } from "../../sim/sources";
import type { StripeLedger } from "../../sim/sources/stripe-ledger";

// The app running as two processes against one database, as two web servers behind a load balancer would: each
// is bench/drain/app.ts (the Stripe webhook route and every Inngest function on node:http, the first one seeded
// like `npm run dev`), both on one embedded PostgreSQL. The job executor calls the functions through a small
// round-robin balancer here, which moves a request to the other process when one refuses the connection (a
// killed process), as a load balancer's health check would; a request cut off mid-answer is the executor's to
// retry. The QuickBooks simulator (its limits on, its clock `SPEED` times faster, so a 429's minute is short
// and the app's shared budget is told the same minute) and the Stripe stand-in run in this process, so the test
// can read what QuickBooks holds without a request of its own.

export const SPEED = 10;
const KEYS = `chaos:${Buffer.alloc(32, 7).toString("base64")}`;
const APP = path.resolve("bench", "drain", "app.ts");

export type AppProcess = { name: string; url: string; part: Part; start: () => Promise<void>; kill: () => Promise<void> };

export type Stack = {
  db: Db;
  sim: QboSim;
  realmId: string;
  apps: [AppProcess, AppProcess];
  executor: RunningExecutor;
  stop: () => Promise<void>;
};

export async function startStack(ledger: StripeLedger, apiKey: string, log: (line: string) => void): Promise<Stack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-chaos-pg-"));
  const closers: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    const database: Database = await openDatabase({ dataDir, port: await freePort(), database: "ledgerwire_chaos" });
    closers.push(() => database.stop());
    await migrateDatabase(database.url);
    const sim = await startQboSim({ apps: [{ ...DEMO_INTUIT_APP, redirectUris: [] }], clock: { speed: SPEED } });
    closers.push(() => sim.stop());
    const realm = sim.createCompany({ name: DEMO_COMPANY_NAME });
    const stripeApi: StripeApi = await startStripeApi({ ledger, apiKey });
    closers.push(() => stripeApi.stop());
    const executor: RunningExecutor = await startInngestExecutor({ port: await freePort(), keepRuns: 20_000 });
    closers.push(() => executor.stop());

    const ports = [await freePort(), await freePort()];
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);
    const balancer = await startBalancer(urls);
    closers.push(() => new Promise((resolve) => balancer.close(resolve)));
    const balancerUrl = `http://127.0.0.1:${(balancer.address() as AddressInfo).port}`;

    const env = (port: number, seed: boolean): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      DEMO_MODE: "true",
      QBO_SIM_URL: sim.url,
      STRIPE_API_BASE: stripeApi.url,
      INNGEST_DEV: executor.url,
      INNGEST_SERVE_ORIGIN: balancerUrl,
      ENCRYPTION_KEYS: KEYS,
      AUTH_SECRET: "chaos-secret-chaos-secret-chaos-secret-0123",
      LOG_LEVEL: "warn",
      PORT: String(port),
      APP_URL: urls[0],
      QBO_BUDGET_WINDOW_MS: String(Math.round(60_000 / SPEED)),
      BENCH_SEED: seed ? "1" : "0",
    });
    const tsx = path.resolve("node_modules", ".bin", "tsx");
    const appProcess = (i: number): AppProcess => {
      const name = `app-${"ab"[i]}`;
      const proc: AppProcess = {
        name,
        url: urls[i]!,
        part: undefined as unknown as Part,
        start: async () => {
          proc.part = startPart(name, tsx, [APP], env(ports[i]!, false));
          await waitForHttp(`${proc.url}/health`, 120_000);
        },
        kill: async () => {
          process.kill(-proc.part.child.pid!, "SIGKILL");
          await proc.part.ended;
        },
      };
      return proc;
    };
    const apps: [AppProcess, AppProcess] = [appProcess(0), appProcess(1)];
    closers.push(() => Promise.all(apps.map((a) => (a.part ? stopPart(a.part) : undefined))));
    // The first seeds the demo workspace, books and mapping; the second starts beside it (they share nothing
    // but the database), and only then are the functions synced, through the balancer.
    apps[0].part = startPart(apps[0].name, tsx, [APP], env(ports[0]!, true));
    await Promise.all([waitForHttp(`${urls[0]}/health`, 150_000), apps[1].start()]);
    log(await executor.sync(`${balancerUrl}/api/inngest`).then(() => "functions synced through the balancer"));

    const db = createPrismaClient(database.url, { max: 3 });
    closers.push(() => db.$disconnect());
    return { db, sim, realmId: realm.realmId, apps, executor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Round robin over `targets`; a target that refuses the connection is skipped for this request. */
function startBalancer(targets: string[]): Promise<http.Server> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const first = next++ % targets.length;
      const attempt = (n: number) => {
        if (n >= targets.length) return void res.writeHead(502).end("no app process answered");
        const target = new URL(req.url ?? "/", targets[(first + n) % targets.length]);
        const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on("error", () => res.destroy());
          answer.on("aborted", () => res.destroy());
        });
        upstream.on("error", (error: NodeJS.ErrnoException) => {
          if (!res.headersSent && error.code === "ECONNREFUSED") attempt(n + 1);
          else res.destroy(); // cut off mid-request: the executor sees the failure and retries the step
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
