// `npm run bench -- executor`: how many steps a second the local executor (sim/inngest) drives through the
// SDK's serve protocol, and how much latency it adds to each step. The executor runs in this process; the app
// serving the function runs in a child process, as the web server does in demo mode, so both share 2 cores.
// Two modes side by side: checkpointing (the SDK runs consecutive steps in one request and reports each, the
// default) and one request per step (each replays the steps before it). In each mode:
// 1. Throughput: `--runs` runs of a function with `--steps` sequential steps each, all sent at once.
// 2. Latency: one run of `--latency-steps` steps, alone. The steps do nothing, so the wall time per step is
//    what the protocol and the executor add.
// `--store postgres` (the default, as `npm run dev` runs it) keeps runs and step results in PostgreSQL (an
// embedded server in a temporary directory); `--store memory` is the executor without a database.
// The last line is one JSON object with the figures (see docs/BENCHMARKS.md).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { availableParallelism } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { freePort } from "../../scripts/lib/free-port";
import { startInngestExecutor } from "../../sim/inngest";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    steps: { type: "string", default: "20" },
    "latency-steps": { type: "string", default: "200" },
    store: { type: "string", default: "postgres" },
  },
});
if (values.store !== "postgres" && values.store !== "memory") throw new Error('--store expects "postgres" or "memory"');
const runs = Number(values.runs);
const steps = Number(values.steps);
const latencySteps = Number(values["latency-steps"]);
const log = (line: string) => console.log(line);
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

const pgDir = values.store === "postgres" ? await mkdtemp(path.join(tmpdir(), "ledgerwire-bench-executor-")) : undefined;
const database: EmbeddedPostgres | undefined = pgDir ? await startEmbeddedPostgres({ dataDir: path.join(pgDir, "pg"), port: await freePort(), database: "executor" }) : undefined;
const executor = await startInngestExecutor({ port: 0, cronTimer: false, keepRuns: runs * 2 + 100, databaseUrl: database?.url });
const child = spawn(path.resolve("node_modules", ".bin", "tsx"), [path.join(import.meta.dirname, "app.ts"), executor.url], {
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise<number>((resolve, reject) => {
  child.once("exit", (code) => reject(new Error(`the app exited (code ${code})`)));
  createInterface({ input: child.stdout }).once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
});
const appUrl = `http://127.0.0.1:${port}`;
let exitCode = 0;

async function runBatch(label: string, count: number, stepsPerRun: number): Promise<{ seconds: number; failed: number }> {
  const prefix = `${label}-${Date.now()}`;
  const events = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, name: "bench/chain", data: { steps: stepsPerRun }, ts: Date.now() }));
  const started = performance.now();
  executor.executor.send(events);
  const isMine = (r: { eventIds: string[] }) => r.eventIds[0]?.startsWith(prefix);
  // With a database, send() commits the events before their runs start, so "no active run" could be read before
  // they exist: wait until every run of this batch has finished instead (polled; reading the list is O(runs)).
  const finished = () => executor.executor.listRuns({ limit: count * 2 + 10 }).filter((r) => isMine(r) && (r.status === "completed" || r.status === "failed")).length;
  const deadline = Date.now() + 600_000;
  while (finished() < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  const seconds = (performance.now() - started) / 1000;
  const failed = executor.executor.listRuns({ limit: count * 2 + 10 }).filter((r) => isMine(r) && r.status === "failed").length;
  return { seconds, failed };
}

type ModeResult = {
  steps_per_s: number;
  calls_to_app: number;
  seconds: number;
  step_wall_ms: number;
  executor_cpu_ms_per_step: number;
  app_cpu_ms_per_step: number;
  failed_runs: number;
};

const appCpu = async () => ((await (await fetch(`${appUrl}/stats`)).json()) as { cpuMs: number }).cpuMs;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const cpu = process.cpuUsage(since);
  return (cpu.user + cpu.system) / 1000;
};

async function measure(mode: string): Promise<ModeResult> {
  log(`[${mode}] warm-up: 20 runs of 20 steps`);
  await runBatch(`${mode}-warm`, 20, 20);

  log(`[${mode}] throughput: ${runs} runs of ${steps} steps, sent at once`);
  const requestsBefore = executor.executor.stats.requests;
  const appBefore = await appCpu();
  const before = process.cpuUsage();
  const throughput = await runBatch(`${mode}-load`, runs, steps);
  const executorCpu = cpuMs(before);
  const appCpuUsed = (await appCpu()) - appBefore;
  const stepsPerSecond = (runs * steps) / throughput.seconds;
  const requests = executor.executor.stats.requests - requestsBefore;
  log(`[${mode}] ${runs * steps} steps in ${throughput.seconds.toFixed(2)} s = ${Math.round(stepsPerSecond)} steps/s; ${requests} calls to the app; CPU: executor ${Math.round(executorCpu)} ms, app ${Math.round(appCpuUsed)} ms; ${throughput.failed} failed runs`);

  log(`[${mode}] latency: one run of ${latencySteps} steps, alone`);
  const latencyBefore = process.cpuUsage();
  const latency = await runBatch(`${mode}-latency`, 1, latencySteps);
  const perStepMs = (latency.seconds * 1000) / latencySteps;
  const executorPerStep = cpuMs(latencyBefore) / latencySteps;
  log(`[${mode}] per step: ${perStepMs.toFixed(2)} ms wall (the step itself does nothing), executor CPU ${executorPerStep.toFixed(2)} ms`);
  return {
    steps_per_s: Math.round(stepsPerSecond),
    calls_to_app: requests,
    seconds: round(throughput.seconds),
    step_wall_ms: round(perStepMs),
    executor_cpu_ms_per_step: round(executorPerStep),
    app_cpu_ms_per_step: round(appCpuUsed / (runs * steps)),
    failed_runs: throughput.failed + latency.failed,
  };
}

try {
  log(await executor.sync(`${appUrl}/api/inngest`));
  executor.executor.checkpointing = true;
  const checkpointing = await measure("checkpointing");
  executor.executor.checkpointing = false;
  const perStep = await measure("request-per-step");
  if (checkpointing.failed_runs + perStep.failed_runs > 0) exitCode = 1;
  console.log(
    JSON.stringify({
      name: "executor",
      store: values.store,
      steps_per_s: checkpointing.steps_per_s,
      step_latency_ms: checkpointing.step_wall_ms,
      runs,
      steps_per_run: steps,
      latency_steps: latencySteps,
      checkpointing,
      request_per_step: perStep,
      cores: availableParallelism(),
      node: process.version,
    }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  child.kill();
  await executor.stop();
  await database?.stop();
  if (pgDir) await rm(pgDir, { recursive: true, force: true });
}
process.exit(exitCode);
