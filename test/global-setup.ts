// One fresh database per test run: on the server at DATABASE_URL when it is set, otherwise on an embedded
// PostgreSQL started for this run in a temporary directory. Migrations are applied with the real Prisma CLI,
// so every run also proves the committed migrations apply cleanly.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/embedded-postgres";
import { DEMO_INTUIT_APP } from "../lib/env";
import { startQboSim, type QboSim } from "../sim/quickbooks";
import { migrateDatabase } from "../scripts/lib/database";
import { freePort } from "../scripts/lib/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
    qboSimUrl: string;
  }
}

let server: EmbeddedPostgres | undefined;
let dataDir: string | undefined;
let cleanup: (() => Promise<void>) | undefined;
let qboSim: QboSim | undefined;

/** The QuickBooks of every app-side test, with the demo Intuit app registered for the test APP_URL. */
export const TEST_APP_URL = "http://localhost:3000";

export async function setup(project: TestProject): Promise<void> {
  const name = `ledgerwire_test_${process.pid}_${Date.now()}`;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-test-pg-"));
    server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
    adminUrl = server.url;
  }
  const databaseUrl = await ensureDatabase(adminUrl, name);
  await migrateDatabase(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminDatabaseUrl", adminUrl);
  qboSim = await startQboSim({
    apps: [{ ...DEMO_INTUIT_APP, redirectUris: [`${TEST_APP_URL}/api/qbo/callback`, `${TEST_APP_URL}/api/auth/callback/intuit`] }],
  });
  project.provide("qboSimUrl", qboSim.url);
  const admin = adminUrl;
  cleanup = async () => {
    await dropDatabase(admin, name).catch(() => {});
  };
}

export async function teardown(): Promise<void> {
  await qboSim?.stop();
  await cleanup?.();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
