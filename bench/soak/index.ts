// `npm run bench -- soak [--minutes 3] [--concurrency 8]`: does the web server's memory grow under a long,
// bounded load in production mode? The dev stack is started through the launcher with `next start`
// (LEDGERWIRE_WEB=start: run `npm run build` first) and a fresh data directory; then, for `--minutes`, the
// route fuzz's requests (bench/soak/probes.ts: every page and route, absurd path parameters and bodies,
// anonymous and signed in) mixed one in four with signed Stripe deliveries. The web process's resident memory
// is read from /proc before the load, each second during it, and after 60 s idle. Last line, one JSON object:
// rss_start_mb, rss_peak_mb, rss_end_mb (as the load stops), rss_idle_mb, requests, per_s, status counts.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_STRIPE_SOURCE } from "../../lib/demo/demo-sources";
import { freePort } from "../../scripts/lib/free-port";
import { startStripeApi, stripeDeliveries } from "../../sim/sources";
import { descendants, healthy, launch, waitFor, webServerPid } from "../../test/crash/launcher";
import { probes, urls } from "./probes";

const { values } = parseArgs({ options: { minutes: { type: "string", default: "3" }, concurrency: { type: "string", default: "8" }, idle: { type: "string", default: "60" }, "heap-mb": { type: "string" } } });
const minutes = Number(values.minutes);
const concurrency = Number(values.concurrency);
const idleSeconds = Number(values.idle);
// --heap-mb N caps V8's old space (NODE_OPTIONS, for the launcher and the web server): growth that is only V8
// putting off collection then levels off under the cap; a leak ends in an out-of-memory crash the launcher
// reports ("the web server died") and restarts.
const heapMb = values["heap-mb"] ? Number(values["heap-mb"]) : undefined;
const log = (line: string) => console.log(line);

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-soak-"));
const port = await freePort();
const base = `http://localhost:${port}`;
const stream = stripeDeliveries({ connectionId: DEMO_STRIPE_SOURCE.id, webhookSecret: DEMO_STRIPE_SOURCE.webhookSecret, seed: `soak-${Date.now()}` });
const api = await startStripeApi({ ledger: stream.ledger, apiKey: DEMO_STRIPE_SOURCE.apiKey, port: 0 });
const launcher = launch({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  PORT: String(port),
  QBO_SIM_URL: `http://localhost:${await freePort()}`,
  EMBEDDED_PG_PORT: String(await freePort()),
  INNGEST_EXECUTOR_PORT: String(await freePort()),
  LEDGERWIRE_DATA_DIR: dataDir,
  LEDGERWIRE_WEB: "start",
  DEMO_SOURCE_RATE: "0",
  STRIPE_API_BASE: api.url,
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}),
});
let exitCode = 0;
try {
  const gone = () => launcher.child.exitCode !== null || launcher.child.signalCode !== null;
  await waitFor(async () => gone() || (await healthy(base)), 180_000, () => launcher.output().slice(-3_000));
  if (gone()) throw new Error(`the launcher stopped:\n${launcher.output().slice(-3_000)}`);
  const web = webServerPid(launcher.pid);
  if (!web) throw new Error(`no web server among the launcher's processes: ${JSON.stringify(descendants(launcher.pid))}`);
  const cookie = await signedInCookie(dataDir, port);
  log(cookie ? "signed in as the demo owner for half the requests" : "could not sign in: anonymous requests only");

  const targets = urls();
  const kinds = probes(base);
  // Warm every route once, so the start figure is the server's settled size, not a cold one.
  for (const url of targets) await fetch(`${base}${url}`, { redirect: "manual" }).then((r) => r.body?.cancel(), () => {});
  const rssStart = await rssMb(web);
  log(`web server PID ${web}: ${rssStart} MB resident after warm-up; load for ${minutes} min at concurrency ${concurrency}`);

  const statuses: Record<string, number> = {};
  let requests = 0;
  let peak = rssStart;
  let n = 0;
  const until = Date.now() + minutes * 60_000;
  const sampler = setInterval(() => void rssMb(web).then((mb) => (peak = Math.max(peak, mb)), () => {}), 1_000);
  const worker = async () => {
    while (Date.now() < until) {
      const i = n++;
      let url: string;
      let init: RequestInit;
      if (i % 4 === 3) {
        const delivery = stream.next();
        url = `${base}${delivery.path}`;
        init = { method: "POST", headers: delivery.headers, body: delivery.body };
      } else {
        const probe = kinds[i % kinds.length]!;
        const target = targets[Math.floor(i / kinds.length) % targets.length]!;
        url = `${base}${target}${probe.query ?? ""}`;
        const headers = { ...probe.headers, ...(cookie && i % 2 === 0 ? { cookie } : {}) };
        init = { method: probe.method, headers, body: probe.body };
      }
      try {
        const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000) });
        await response.body?.cancel();
        const key = `${Math.floor(response.status / 100)}xx`;
        if (response.status >= 500 && (statuses[key] ?? 0) < 10) log(`${response.status} ${init.method} ${url.slice(base.length, base.length + 120)} ${JSON.stringify(init.headers).slice(0, 120)}`);
        statuses[key] = (statuses[key] ?? 0) + 1;
      } catch {
        statuses.error = (statuses.error ?? 0) + 1;
      }
      requests += 1;
      if (requests % 2_000 === 0) log(`${requests} requests, ${await rssMb(web)} MB resident`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssEnd = await rssMb(web);
  peak = Math.max(peak, rssEnd);
  log(`load done: ${requests} requests in ${seconds.toFixed(0)} s; ${rssEnd} MB resident; idle for ${idleSeconds} s`);
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  const rssIdle = await rssMb(webServerPid(launcher.pid) ?? web).catch(() => 0);
  console.log(
    JSON.stringify({
      bench: "soak",
      web: "next start",
      minutes,
      concurrency,
      heap_mb: heapMb ?? null,
      web_restarts: (launcher.output().match(/the web server died/g) ?? []).length,
      requests,
      per_s: Math.round(requests / seconds),
      statuses,
      rss_start_mb: rssStart,
      rss_peak_mb: peak,
      rss_end_mb: rssEnd,
      rss_idle_mb: rssIdle,
    }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  if (launcher.child.exitCode === null && launcher.child.signalCode === null) process.kill(launcher.pid, "SIGINT");
  await launcher.ended;
  await api.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);

/** A session cookie for the demo owner, made as the app makes one (test/http.ts), or null if that fails. */
async function signedInCookie(dir: string, appPort: number): Promise<string | null> {
  try {
    process.env.LEDGERWIRE_DATA_DIR = dir;
    process.env.DATABASE_URL = launcherDatabaseUrl();
    process.env.PORT = String(appPort);
    const [{ sessionCookie }, { db }, { DEMO_USERS }] = await Promise.all([import("../../test/http"), import("../../lib/db"), import("../../lib/demo/seed-demo")]);
    const owner = await db.user.findFirstOrThrow({ where: { email: DEMO_USERS[0].email } });
    return await sessionCookie(owner.id);
  } catch (error) {
    log(`sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

function launcherDatabaseUrl(): string {
  const match = /embedded PostgreSQL on port (\d+)/.exec(launcher.output());
  return `postgresql://postgres:ledgerwire@localhost:${match?.[1] ?? "0"}/ledgerwire`;
}
