import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/embedded-postgres";
import { EMBEDDED_PG_DATABASE } from "../lib/env";
import { postgresProcessesFor, query } from "../test/postgres";
import { freePort } from "./lib/free-port";

// `npm run db:migrate` and `npm run db:seed`, run as a person runs them: with no DATABASE_URL, on the embedded
// PostgreSQL under the data directory, in a fresh temporary one.

type Run = { code: number | null; stdout: string; stderr: string };

function db(command: string, env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(path.resolve("node_modules/.bin/tsx"), ["scripts/db.ts", command], { env: env as NodeJS.ProcessEnv }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run db:migrate and db:seed", () => {
  let dataDir = "";
  let server: EmbeddedPostgres | undefined;
  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("migrate creates the tables and seed the demo workspace, on an embedded database they start and stop", { timeout: 180_000 }, async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-db-"));
    const port = await freePort();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, LEDGERWIRE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) };

    // Before the migrations, seed says what to do instead of a Prisma stack trace.
    const early = await db("seed", env);
    expect(early.code).toBe(1);
    expect(early.stderr.trim()).toBe("db:seed failed: the database has no Ledgerwire tables yet; run npm run db:migrate first.");
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    const migrate = await db("migrate", env);
    expect(migrate.stderr).toBe("");
    expect(migrate.code).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]); // the server it started is stopped again

    const seed = await db("seed", env);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain("seeded the demo workspace");
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    // While `npm run dev` runs (here: its server on the same data directory), both use that server and leave it up.
    server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port, database: EMBEDDED_PG_DATABASE });
    const again = await db("seed", env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("demo workspace already present");
    expect((await db("migrate", env)).code).toBe(0);

    const tables = (await query<{ table_name: string }>(server.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(["Workspace", "Membership", "SourceConnection", "_prisma_migrations"]));
    const workspaces = await query<{ slug: string; members: string; sources: string }>(
      server.url,
      `SELECT w.slug, (SELECT count(*) FROM "Membership" m WHERE m."workspaceId" = w.id) AS members,
              (SELECT count(*) FROM "SourceConnection" s WHERE s."workspaceId" = w.id) AS sources FROM "Workspace" w`,
    );
    expect(workspaces).toEqual([{ slug: "demo", members: "4", sources: "2" }]);
  });

  it("stops with one line when DATABASE_URL points nowhere, or outside demo mode for seed", { timeout: 60_000 }, async () => {
    const dead = await freePort();
    const migrate = await db("migrate", { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `postgresql://u:pw@localhost:${dead}/app` });
    expect(migrate.code).toBe(1);
    expect(migrate.stderr.trim()).toBe(
      `db:migrate failed: Cannot connect to PostgreSQL at localhost:${dead}/app: nothing is listening there. Check DATABASE_URL (or unset it to use the embedded database).`,
    );

    const production = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: `postgresql://u:pw@localhost:${dead}/app`,
      DEMO_MODE: "false",
      AUTH_SECRET: "x".repeat(32),
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
      INNGEST_EVENT_KEY: "key",
      INNGEST_SIGNING_KEY: "signkey",
    };
    const seed = await db("seed", production);
    expect(seed.code).toBe(1);
    expect(seed.stderr.trim()).toMatch(/^db:seed failed: .* in demo mode only/);
    expect(seed.stderr.trim().split("\n")).toHaveLength(1);
  });
});
