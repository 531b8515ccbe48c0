import { defineConfig } from "vitest/config";

// The crash test (npm test runs it after the end-to-end journeys, on the production build they made): apart from
// the unit suite because it needs that build and drives its own stack through the launcher, with its own
// embedded PostgreSQL, rather than the shared test database of test/global-setup.ts.
export default defineConfig({
  test: {
    include: ["test/crash/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 420_000,
    hookTimeout: 60_000,
    reporters: process.env.VITEST_JSON_REPORT ? ["default", ["json", { outputFile: process.env.VITEST_JSON_REPORT }]] : ["default"],
  },
});
