// `npm run db:migrate` applies the committed migrations; `npm run db:seed` seeds the demo workspace as
// `npm run dev` does (demo mode only). Both work on DATABASE_URL or, when it is unset, on the embedded
// PostgreSQL of `npm run dev`: the running one if `npm run dev` is up, otherwise one started for the command
// and stopped after it. A failure ends in one line saying what to do, and exit code 1.
import path from "node:path";
import { Prisma } from "../lib/db/generated/client";
import { checkConnection } from "../lib/db/check-connection";
import { EMBEDDED_PG_DATABASE, type Env } from "../lib/env";
import { migrateDatabase, openDatabase, seedDemoDatabase, type Database } from "./lib/database";
import { loadEnvOrExit } from "./lib/load-env-or-exit";
import { onShutdown, partLog, stopAllParts } from "./lib/parts";

const COMMANDS = ["migrate", "seed"] as const;
type Command = (typeof COMMANDS)[number];

const command = process.argv[2];
if (!COMMANDS.includes(command as Command)) {
  console.error(`Usage: tsx scripts/db.ts migrate|seed (npm run db:migrate, npm run db:seed), not "${command ?? ""}".`);
  process.exit(2);
}
const env = loadEnvOrExit();
const log = partLog(`db:${command}`);
let database: Database | undefined;

// Ctrl-C stops prisma and the embedded server this command started, not a running `npm run dev`'s.
const shutdown = onShutdown(async () => {
  await stopAllParts();
  await database?.stop();
});

try {
  if (command === "seed" && !env.demoMode) {
    // The demo's users sign in with one click and its sources' webhook secrets are public (lib/demo).
    throw new Error("the demo workspace signs anyone in with one click and its sources' webhook secrets are public, so it is seeded in demo mode only (DEMO_MODE=true, the default outside production).");
  }
  database = await open(env);
  if (command === "migrate") {
    await migrateDatabase(database.url);
    log("migrations applied");
  } else {
    await seedDemoDatabase(database.url, log).catch(explainSeedFailure);
  }
  await shutdown(0);
} catch (error) {
  console.error(`db:${command} failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

/**
 * DATABASE_URL; else the embedded server `npm run dev` already runs (starting another on its data directory
 * would stop that one); else an embedded server of our own, which `database.stop()` stops.
 */
async function open(e: Env): Promise<Database> {
  const embedded = {
    dataDir: path.resolve(e.dataDir, "postgres"),
    port: e.embeddedPgPort,
    database: EMBEDDED_PG_DATABASE,
    // PostgreSQL's start-up lines would bury the one line that matters; a failure to start quotes the last ones.
    onLog: () => {},
  };
  if (!e.usesEmbeddedPostgres) {
    log("using DATABASE_URL");
    return openDatabase({ ...embedded, databaseUrl: e.databaseUrl });
  }
  if (await answers(e.databaseUrl)) {
    log(`using the embedded PostgreSQL already running on port ${e.embeddedPgPort} (npm run dev)`);
    return { url: e.databaseUrl, embedded: true, stop: async () => {} };
  }
  log(`starting the embedded PostgreSQL on port ${e.embeddedPgPort}, data in ${e.dataDir}/postgres`);
  return openDatabase(embedded);
}

function answers(databaseUrl: string): Promise<boolean> {
  return checkConnection(databaseUrl, 2_000).then(
    () => true,
    () => false,
  );
}

function explainSeedFailure(error: unknown): never {
  // P2021: a table is missing, i.e. the migrations have not been applied to this database.
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2021") {
    throw new Error("the database has no Ledgerwire tables yet; run npm run db:migrate first.");
  }
  throw error;
}
