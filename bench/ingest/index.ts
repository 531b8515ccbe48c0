// `npm run bench -- ingest [--seconds 20] [--connections 50] [--skip-build] [--only a,b] [--profile DIR]`: signed QuickBooks and Stripe
// webhooks against a production build (`next build` + `next start`), side by side in one run with two
// references on the same machine: a Next.js route handler that does nothing (the framework's ceiling) and a
// bare node:http server doing the same verify-and-insert (bench/ingest/bare-server.ts). Every request body is
// unique; afterwards every acknowledged event is checked to be stored exactly once. PostgreSQL runs with its
// defaults (fsync on, synchronous_commit on): an acknowledged event is on disk. The outbox dispatcher sends to
// a local executor with no functions registered, so the figures are ingest plus dispatch, not the work after.
// The last line is one JSON object with the figures (docs/BENCHMARKS.md). `--only` runs some targets (for
// iterating; the comparisons need all of them), `--profile` writes V8 CPU profiles of the app processes.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { seal } from "../../lib/crypto/envelope";
import { parseKeyring } from "../../lib/crypto/parse-keyring";
import { sealedAt } from "../../lib/crypto/contexts";
import { createPrismaClient } from "../../lib/db/create-client";
import { migrateDatabase, openDatabase } from "../../scripts/lib/database";
import { freePort } from "../../scripts/lib/free-port";
import { partLog, runPart, startPart, stopAllParts, waitForHttp } from "../../scripts/lib/parts";
import { startInngestExecutor } from "../../sim/inngest";
import { cpuMsPerRequest, cpuSeconds } from "./cpu";
import { runLoadSpread, type LoadResult } from "./load";
import { qboDelivery, stripeDelivery, STRIPE_SECRET, QBO_TOKEN, REALM } from "./payloads";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "20" }, connections: { type: "string", default: "50" }, "skip-build": { type: "boolean", default: false },
    only: { type: "string" },
    profile: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const log = partLog("bench");
const bin = (name: string) => path.resolve("node_modules", ".bin", name);
const KEYS = `bench:${Buffer.alloc(32, 7).toString("base64")}`;

const dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-bench-pg-"));
const database = await openDatabase({ dataDir, port: await freePort(), database: "ledgerwire_bench" });
const executor = await startInngestExecutor({ port: await freePort(), cronTimer: false, keepRuns: 10 });
let exitCode = 0;
// Printed after everything has stopped, so it is the last line (the database logs its shutdown).
let lastLine: string | undefined;

try {
  await migrateDatabase(database.url);
  const db = createPrismaClient(database.url, { max: 2 });
  const workspace = await db.workspace.create({ data: { slug: "bench", name: "Bench" } });
  await db.qboConnection.create({ data: { workspaceId: workspace.id, realmId: REALM, environment: "SANDBOX", companyName: "Bench Co", homeCurrency: "USD" } });
  const stripe = await db.sourceConnection.create({ data: { workspaceId: workspace.id, kind: "STRIPE", name: "Bench Stripe" } });
  const sealed = seal(JSON.stringify({ webhookSecrets: [STRIPE_SECRET] }), sealedAt.sourceSecrets(stripe.id), parseKeyring(KEYS));
  await db.sourceConnection.update({ where: { id: stripe.id }, data: { secretsCiphertext: sealed.ciphertext, secretsKeyId: sealed.keyId } });
  const settings = await db.$queryRawUnsafe<{ fsync: string; synchronous_commit: string }[]>(
    "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit",
  );

  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const, DATABASE_URL: database.url, DEMO_MODE: "true" };
  if (!values["skip-build"]) await runPart("build", bin("next"), ["build"], env);
  // Two app processes on their own ports: the load goes to one ("1 process") or is spread over both ("one
  // process per core"), as a reverse proxy in front of two `next start` would spread it.
  const webEnv = {
    ...env,
    LOG_LEVEL: "warn",
    LEDGERWIRE_BENCH: "1",
    ENCRYPTION_KEYS: KEYS,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
    QBO_WEBHOOK_VERIFIER_TOKEN: QBO_TOKEN,
    INNGEST_DEV: executor.url,
  };
  const apps: string[] = [];
  for (const name of ["web", "web2"]) {
    const port = await freePort();
    // Node refuses --cpu-prof in NODE_OPTIONS, so a profiled app runs next's entry under node directly.
    const profile = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`, path.resolve("node_modules/next/dist/bin/next")] : [];
    const [command, ...args] = values.profile ? [process.execPath, ...profile] : [bin("next")];
    startPart(name, command!, [...args, "start", "--port", String(port)], { ...webEnv, PORT: String(port) });
    apps.push(`http://127.0.0.1:${port}`);
  }
  const app = apps[0]!;
  for (const url of apps) await waitForHttp(`${url}/api/health`, 60_000);

  const bare = spawn(bin("tsx"), [path.join(import.meta.dirname, "bare-server.ts")], {
    env: { ...env, BENCH_QBO_TOKEN: QBO_TOKEN, BENCH_STRIPE_SECRET: STRIPE_SECRET, BENCH_STRIPE_CONNECTION: stripe.id, BENCH_WORKSPACE: workspace.id },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const barePort = await new Promise<number>((resolve) => createInterface({ input: bare.stdout }).once("line", (line) => resolve((JSON.parse(line) as { port: number }).port)));
  const bareUrl = `http://127.0.0.1:${barePort}`;

  let sequence = 0;
  const noop = () => ({ path: "/api/webhooks/noop", headers: {}, body: "{}", id: `noop-${sequence++}` });
  const qbo = (path: string) => () => qboDelivery(path, sequence++);
  const stripeNext = (path: string) => () => stripeDelivery(path, sequence++);
  const targets: Record<string, { bases: string[]; next: () => ReturnType<typeof noop> }> = {
    noop: { bases: [app], next: noop },
    noop_lean: { bases: [app], next: () => ({ ...noop(), path: "/api/webhooks/noop-lean" }) },
    next_quickbooks: { bases: [app], next: qbo("/api/webhooks/quickbooks") },
    next_stripe: { bases: [app], next: stripeNext(`/api/webhooks/stripe/${stripe.id}`) },
    noop_2_processes: { bases: apps, next: noop },
    next_quickbooks_2_processes: { bases: apps, next: qbo("/api/webhooks/quickbooks") },
    next_stripe_2_processes: { bases: apps, next: stripeNext(`/api/webhooks/stripe/${stripe.id}`) },
    bare_quickbooks: { bases: [bareUrl], next: qbo("/qbo") },
    bare_stripe: { bases: [bareUrl], next: stripeNext("/stripe") },
  };

  const only = values.only?.split(",");
  if (only) for (const name of Object.keys(targets)) if (!only.includes(name)) delete targets[name];
  const results: Record<string, Omit<LoadResult, "acknowledged"> & { stored_once: boolean; cpu_ms_per_request: ReturnType<typeof cpuMsPerRequest> }> = {};
  let pending = 0;
  for (const [name, target] of Object.entries(targets)) {
    log(`${name}: warm-up 3 s`);
    await runLoadSpread(target.bases, { connections, seconds: 3, next: target.next });
    log(`${name}: ${seconds} s at concurrency ${connections}`);
    const cpuBefore = cpuSeconds();
    const { acknowledged, ...figures } = await runLoadSpread(target.bases, { connections, seconds, next: target.next });
    const cpu = cpuMsPerRequest(cpuBefore, cpuSeconds(), figures.requests);
    let storedOnce = true;
    if (!name.startsWith("noop")) {
      const [row] = await db.$queryRawUnsafe<{ total: number; distinct: number }[]>(
        `SELECT count(*)::int AS total, count(DISTINCT "externalId")::int AS distinct FROM "InboundEvent" WHERE "externalId" = ANY($1)`,
        acknowledged,
      );
      storedOnce = row!.total === acknowledged.length && row!.distinct === acknowledged.length;
    }
    results[name] = { ...figures, stored_once: storedOnce, cpu_ms_per_request: cpu };
    if (!name.startsWith("noop")) {
      // The next target starts clean: this one's dead rows (outbox rows marked sent) vacuumed and its WAL
      // checkpointed, so its autovacuum and checkpoint do not land in the next one's seconds. Only after rows
      // exist: statistics of empty tables would steer the outbox query to a sequential scan.
      await db.$executeRawUnsafe("VACUUM ANALYZE");
      await db.$executeRawUnsafe("CHECKPOINT");
    }
    log(`${name}: ${figures.rps} req/s, p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}, each acknowledged event stored once: ${storedOnce}`);
    log(`${name}: CPU ms per request: ${JSON.stringify(cpu)}`);
    if (name === "next_stripe_2_processes") {
      // The app's outbox rows, a moment after its last request (the bare reference writes rows nobody sends).
      await new Promise((resolve) => setTimeout(resolve, 2000));
      pending = await db.outboxMessage.count({ where: { sentAt: null } });
    }
  }
  await db.$disconnect();
  bare.kill();

  if (only) {
    lastLine = JSON.stringify({ bench: "ingest", seconds, connections, postgres: settings[0], results });
  } else {
    const versus = (name: string, reference: string) => ({
      throughput: Number((results[name]!.rps / results[reference]!.rps).toFixed(2)),
      p99: Number((results[name]!.p99_ms / results[reference]!.p99_ms).toFixed(2)),
    });
    const comparisons = {
      // The target: ingest against the framework's ceiling, a do-nothing route in one `next start`.
      next_quickbooks_vs_noop: versus("next_quickbooks", "noop"),
      next_stripe_vs_noop: versus("next_stripe", "noop"),
      next_quickbooks_2_processes_vs_noop: versus("next_quickbooks_2_processes", "noop"),
      next_stripe_2_processes_vs_noop: versus("next_stripe_2_processes", "noop"),
      // Like for like: both spread over two processes.
      next_stripe_2_processes_vs_noop_2_processes: versus("next_stripe_2_processes", "noop_2_processes"),
      // The webhook routes take the lean path (Pages API routes); against that path's own ceiling.
      next_quickbooks_vs_noop_lean: versus("next_quickbooks", "noop_lean"),
      next_stripe_vs_noop_lean: versus("next_stripe", "noop_lean"),
    };
    const summary = { bench: "ingest", seconds, connections, postgres: settings[0], results, comparisons, outbox_pending_2s_after_app_runs: pending };
    const meets = (name: string, c: { throughput: number; p99: number }) =>
      c.throughput >= 0.9 && c.p99 <= 1.5 && results[name]!.errors === 0 && results[name]!.non2xx === 0 && results[name]!.stored_once;
    const pass = {
      one_process: meets("next_quickbooks", comparisons.next_quickbooks_vs_noop) && meets("next_stripe", comparisons.next_stripe_vs_noop),
      one_process_per_core: meets("next_quickbooks_2_processes", comparisons.next_quickbooks_2_processes_vs_noop) && meets("next_stripe_2_processes", comparisons.next_stripe_2_processes_vs_noop),
    };
    log(`targets (>= 0.9 of the no-op route's throughput, p99 <= 1.5x, no errors, each event stored once): one process ${pass.one_process ? "met" : "NOT met"}, one process per core ${pass.one_process_per_core ? "met" : "NOT met"}`);
    lastLine = JSON.stringify({ ...summary, targets_met: pass });
  }
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  exitCode = 1;
} finally {
  await stopAllParts();
  await executor.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
if (lastLine) console.log(lastLine);
process.exit(exitCode);
