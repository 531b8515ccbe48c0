import path from "node:path";
import { checkConnection } from "../../lib/db/check-connection";
import { createPrismaClient } from "../../lib/db/create-client";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { seedDemoSources } from "../../lib/demo/demo-sources";
import { seedDemo } from "../../lib/demo/seed-demo";
import { partLog, runPart, type PartExit } from "./parts";
import { forgetChild, watchChild } from "./reaper";

export type Database = {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
  /** The embedded server's end, however it comes (stop(), a crash, kill -9); absent for DATABASE_URL. */
  ended?: Promise<PartExit>;
};

/**
 * The database a launcher works against: the server at DATABASE_URL when it is set, otherwise the embedded
 * PostgreSQL with its data under `dataDir`. Either way it answers a query before this returns.
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  database: string;
  /** PostgreSQL's own log lines; the launcher shows them as [db]. */
  onLog?: (line: string) => void;
}): Promise<Database> {
  if (opts.databaseUrl) {
    await checkConnection(opts.databaseUrl);
    return { url: opts.databaseUrl, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: opts.dataDir,
    port: opts.port,
    database: opts.database,
    onLog: opts.onLog ?? partLog("db"),
  });
  // SIGINT is PostgreSQL's fast shutdown: clean, and quick enough for the reaper's grace period.
  watchChild("pid", server.pid, "SIGINT");
  void server.exited.then(() => forgetChild("pid", server.pid));
  await checkConnection(server.url);
  return { url: server.url, embedded: true, stop: () => server.stop(), ended: server.exited };
}

const prismaBin = path.resolve("node_modules", ".bin", "prisma");

/** Applies the committed migrations with the stock Prisma CLI (`prisma migrate deploy`). */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  await runPart("migrate", prismaBin, ["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
}

/**
 * Seeds the demo workspace and its demo Stripe and Shopify sources once; later runs find them and change
 * nothing. `npm run dev` (in demo mode), `npm run db:seed` and `prisma db seed` all seed through this.
 */
export async function seedDemoDatabase(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const db = createPrismaClient(databaseUrl, { max: 1 });
  try {
    const result = await seedDemo(db);
    log(result.created ? "seeded the demo workspace" : "demo workspace already present");
    const sources = await seedDemoSources(db);
    if (sources.created.length > 0) log(`added the demo sources ${sources.created.join(", ")}`);
  } finally {
    await db.$disconnect();
  }
}
