import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run domain code directly.
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    include: ["{app,components,lib,inngest,sim,prisma,scripts,bench}/**/*.test.{ts,tsx}"],
    environment: "node",
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses; inlined, vite
    // resolves it, so tests can drive Auth.js's real endpoints (lib/auth/sign-out.test.ts).
    server: { deps: { inline: ["next-auth"] } },
    // Tests assert on behaviour; the server log would only bury their output (set LOG_LEVEL to see it).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.VITEST_JSON_REPORT ? ["default", ["json", { outputFile: process.env.VITEST_JSON_REPORT }]] : ["default"],
  },
});
