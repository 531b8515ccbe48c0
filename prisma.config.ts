import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { EnvError, loadEnv } from "./lib/env";

// Stock Prisma downloads a native schema engine on install. Machines without the internet cannot, so there
// (and only there) the CLI is pointed at prisma/engine/schema-engine.mjs, which drives Prisma's own WebAssembly
// engine. Users with the internet keep running stock Prisma. See prisma/engine/README.md.
function nativeSchemaEngineInstalled(): boolean {
  const root = import.meta.dirname;
  const dirs = [path.join(root, "node_modules", "@prisma", "engines"), path.join(root, "node_modules", "prisma")];
  return dirs.some((dir) => existsSync(dir) && readdirSync(dir).some((name) => name.startsWith("schema-engine-")));
}

if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !nativeSchemaEngineInstalled()) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(import.meta.dirname, "prisma", "engine", "schema-engine.mjs");
}

function databaseUrl(): string {
  try {
    // Same rule as the app: DATABASE_URL when set, else the embedded server the dev launcher runs.
    return loadEnv().databaseUrl;
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "tsx prisma/seed.ts",
  },
  datasource: { url: databaseUrl() },
});
