// `npm test`: every unit and integration test (vitest, real PostgreSQL), then the end-to-end journeys
// (Playwright on Chromium against one production build), then the crash test on that same build (test/crash:
// kill -9 of each part of the dev stack under load, about 2.5 minutes), then the chaos test of the sync pipeline
// (test/chaos: two app processes, QuickBooks faults, a kill -9, about 1.5 minutes). Ends with one summary line,
// "N passed, N failed".
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

type Counts = { passed: number; failed: number; skipped: number };

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(127));
  });
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

function vitestCounts(report: unknown): Counts {
  const r = (report ?? {}) as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number };
  return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

function playwrightCounts(report: unknown): Counts {
  const s = ((report ?? {}) as { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } }).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

async function main(): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), "ledgerwire-test-report-"));
  const vitestReport = path.join(dir, "vitest.json");
  const playwrightReport = path.join(dir, "playwright.json");
  const crashReport = path.join(dir, "crash.json");
  const chaosReport = path.join(dir, "chaos.json");
  const bin = (name: string) => path.resolve("node_modules", ".bin", name);

  const unitExit = await run(bin("vitest"), ["run"], { ...process.env, VITEST_JSON_REPORT: vitestReport });
  const unit = vitestCounts(await readJson(vitestReport));

  const e2eExit = await run(bin("tsx"), ["scripts/e2e.ts"], { ...process.env, PLAYWRIGHT_JSON_REPORT: playwrightReport });
  const e2e = playwrightCounts(await readJson(playwrightReport));

  // Needs the production build the end-to-end run made (LEDGERWIRE_WEB=start); E2E_SKIP_BUILD reuses the last one.
  const crashExit = await run(bin("vitest"), ["run", "--config", "test/crash/vitest.config.ts"], { ...process.env, VITEST_JSON_REPORT: crashReport });
  const crash = vitestCounts(await readJson(crashReport));

  // Issue 16's chaos test: two app processes on one database, QuickBooks faults, a kill -9 (about 1.5 minutes).
  const chaosExit = await run(bin("vitest"), ["run", "--config", "test/chaos/vitest.config.ts"], { ...process.env, VITEST_JSON_REPORT: chaosReport });
  const chaos = vitestCounts(await readJson(chaosReport));
  await rm(dir, { recursive: true, force: true });

  // A runner that died before reporting counts as a failure, so the summary can never read clean by accident.
  const died = (exit: number, counts: Counts) => (exit !== 0 && counts.failed === 0 ? 1 : 0);
  const failed = unit.failed + e2e.failed + crash.failed + chaos.failed + died(unitExit, unit) + died(e2eExit, e2e) + died(crashExit, crash) + died(chaosExit, chaos);
  const passed = unit.passed + e2e.passed + crash.passed + chaos.passed;
  const skipped = unit.skipped + e2e.skipped + crash.skipped + chaos.skipped;
  console.log(`\nunit and integration: ${unit.passed} passed, ${unit.failed} failed (exit ${unitExit})`);
  console.log(`end-to-end: ${e2e.passed} passed, ${e2e.failed} failed (exit ${e2eExit})`);
  console.log(`crash test: ${crash.passed} passed, ${crash.failed} failed (exit ${crashExit})`);
  console.log(`chaos test: ${chaos.passed} passed, ${chaos.failed} failed (exit ${chaosExit})`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
