// `npm test`: every unit and integration test (vitest, real PostgreSQL), then the end-to-end journeys
// (Playwright on Chromium against one production build). Ends with one summary line, "N passed, N failed".
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
  const bin = (name: string) => path.resolve("node_modules", ".bin", name);

  const unitExit = await run(bin("vitest"), ["run"], { ...process.env, VITEST_JSON_REPORT: vitestReport });
  const unit = vitestCounts(await readJson(vitestReport));

  const e2eExit = await run(bin("tsx"), ["scripts/e2e.ts"], { ...process.env, PLAYWRIGHT_JSON_REPORT: playwrightReport });
  const e2e = playwrightCounts(await readJson(playwrightReport));
  await rm(dir, { recursive: true, force: true });

  // A runner that died before reporting counts as a failure, so the summary can never read clean by accident.
  const failed = unit.failed + e2e.failed + (unitExit !== 0 && unit.failed === 0 ? 1 : 0) + (e2eExit !== 0 && e2e.failed === 0 ? 1 : 0);
  const passed = unit.passed + e2e.passed;
  const skipped = unit.skipped + e2e.skipped;
  console.log(`\nunit and integration: ${unit.passed} passed, ${unit.failed} failed (exit ${unitExit})`);
  console.log(`end-to-end: ${e2e.passed} passed, ${e2e.failed} failed (exit ${e2eExit})`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
