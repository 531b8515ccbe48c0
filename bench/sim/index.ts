// `npm run bench -- sim`: how fast the QuickBooks simulator answers, run as its own process the way the
// product and the end-to-end tests use it. A read-only run (CompanyInfo and a record by Id, keep-alive,
// 48 at once) after a warm-up, then a smaller mixed run that also creates Customers with unique names.
// Progress goes to stdout; the last line is one JSON object with the figures (see docs/BENCHMARKS.md).
import { rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { percentile, runLoad, type Call, type LoadResult } from "./load";
import { readTargets, setUpWorld } from "./setup";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    "mixed-seconds": { type: "string", default: "5" },
    concurrency: { type: "string", default: "48" },
    "mixed-concurrency": { type: "string", default: "16" },
  },
});
const seconds = Number(values.seconds);
const mixedSeconds = Number(values["mixed-seconds"]);
const concurrency = Number(values.concurrency);
const mixedConcurrency = Number(values["mixed-concurrency"]);

const log = (line: string) => console.log(line);
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function summary(label: string, result: LoadResult): void {
  for (const kind of ["read", "write"] as const) {
    const k = result[kind];
    if (k.count === 0) continue;
    log(`${label} ${kind}s: ${k.count} in ${result.seconds.toFixed(1)} s = ${Math.round(k.count / result.seconds)}/s, p50 ${percentile(k.latencies, 50).toFixed(2)} ms, p99 ${percentile(k.latencies, 99).toFixed(2)} ms, errors ${k.errors}`);
  }
  for (const error of result.firstErrors) log(`${label} error: ${error}`);
}

const world = await setUpWorld(log);
let exitCode = 0;
try {
  const base = world.child.url;
  const targets = await readTargets(base, world.realmId, world.token);
  log(`reading ${targets.join(" and ")}`);
  const read = (worker: number, n: number): Call => ({ kind: "read", method: "GET", path: targets[(worker + n) % targets.length]! });

  log(`warm-up: 2 s at concurrency ${concurrency}`);
  await runLoad({ base, token: world.token, concurrency, durationMs: 2_000, next: read, label: "warm-up" });

  log(`reads: ${seconds} s at concurrency ${concurrency}`);
  const reads = await runLoad({ base, token: world.token, concurrency, durationMs: seconds * 1000, next: read, progress: log, label: "reads" });
  summary("read run:", reads);

  // One write in four; each create has a name no other create uses (DisplayName must be unique).
  const prefix = `/v3/company/${world.realmId}`;
  const mixed = (worker: number, n: number): Call =>
    n % 4 === 3
      ? { kind: "write", method: "POST", path: `${prefix}/customer?minorversion=75`, body: JSON.stringify({ DisplayName: `Bench ${worker}-${n}` }) }
      : read(worker, n);
  log(`mixed: ${mixedSeconds} s at concurrency ${mixedConcurrency}, one Customer create in four requests`);
  const mix = await runLoad({ base, token: world.token, concurrency: mixedConcurrency, durationMs: mixedSeconds * 1000, next: mixed, progress: log, label: "mixed" });
  summary("mixed run:", mix);

  const errors = reads.read.errors + mix.read.errors + mix.write.errors;
  const readsPerSecond = reads.read.count / reads.seconds;
  if (readsPerSecond < 3000) log(`below the 3,000 reads/s target (${Math.round(readsPerSecond)}/s)`);
  if (errors > 0) exitCode = 1;
  console.log(
    JSON.stringify({
      name: "sim",
      reads_per_s: Math.round(readsPerSecond),
      read_p50_ms: round(percentile(reads.read.latencies, 50)),
      read_p99_ms: round(percentile(reads.read.latencies, 99)),
      writes_per_s: Math.round(mix.write.count / mix.seconds),
      write_p50_ms: round(percentile(mix.write.latencies, 50)),
      write_p99_ms: round(percentile(mix.write.latencies, 99)),
      mixed_reads_per_s: Math.round(mix.read.count / mix.seconds),
      concurrency,
      mixed_concurrency: mixedConcurrency,
      errors,
      cores: availableParallelism(),
      node: process.version,
    }),
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await world.child.stop();
  if (world.stateDir) await rm(world.stateDir, { recursive: true, force: true });
}
process.exit(exitCode);
