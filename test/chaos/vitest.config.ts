import path from "node:path";
import { defineConfig } from "vitest/config";

// The chaos test of issue 16 (npm test runs it after the crash test): apart from the unit suite because it runs
// its own stack (two app processes, an embedded PostgreSQL, the simulator) rather than the shared test database
// of test/global-setup.ts, and takes about a minute and a half.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "..", ".."),
      "server-only": path.resolve(import.meta.dirname, "..", "empty-module.ts"),
    },
  },
  test: {
    include: ["test/chaos/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 300_000,
    hookTimeout: 200_000,
    reporters: process.env.VITEST_JSON_REPORT ? ["default", ["json", { outputFile: process.env.VITEST_JSON_REPORT }]] : ["default"],
  },
});
