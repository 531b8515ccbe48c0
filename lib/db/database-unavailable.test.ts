import pg from "pg";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { useTestDb } from "../../test/db";
import { errorToAnswer } from "../errors/http";
import { ingestPool } from "../ingest/ingest-pool";
import { logger } from "../log/logger";
import { databaseOutageOpen, reportDatabaseReachable } from "./database-unavailable";

// A database restart as the app sees it: the server ends every backend (pg_terminate_backend sends the same
// 57P01 "admin shutdown" a restart does). Idle connections then fail as `error` events on their pool, which
// must not escape as uncaught exceptions, and queries in flight must answer 503, not 500.

const terminate = (where: string) => backends("count(pg_terminate_backend(pid))", where);
const running = (where: string) => backends("count(*)", where);

async function backends(select: string, where: string): Promise<number> {
  const admin = new pg.Client({ connectionString: inject("databaseUrl") });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT ${select}::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${where}`,
    );
    return rows[0]!.n;
  } finally {
    await admin.end();
  }
}

const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
afterEach(() => {
  process.off("uncaughtException", onUncaught);
  reportDatabaseReachable();
  vi.restoreAllMocks();
});

describe("a database restart", () => {
  const db = useTestDb();

  it("does not crash the process through an idle connection of either pool, and both pools recover", async () => {
    process.on("uncaughtException", onUncaught);
    await ingestPool().query("SELECT 1");
    await db.$queryRaw`SELECT 1`;
    expect(await terminate("state = 'idle'")).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(uncaught).toEqual([]);
    expect((await ingestPool().query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("answers a query cut off by the restart with 503, Retry-After and DATABASE_UNAVAILABLE", async () => {
    const viaPrisma = db.$executeRaw`SELECT pg_sleep(5)`.then(() => null, (error: unknown) => error);
    const viaIngest = ingestPool().query("SELECT pg_sleep(5)").then(() => null, (error: unknown) => error);
    await vi.waitFor(async () => expect(await running("query LIKE 'SELECT pg_sleep(5)%' AND state = 'active'")).toBe(2), { timeout: 3_000, interval: 50 });
    expect(await terminate("query LIKE 'SELECT pg_sleep(5)%'")).toBe(2);
    for (const error of await Promise.all([viaPrisma, viaIngest])) {
      expect(error).not.toBeNull();
      expect(errorToAnswer(error)).toMatchObject({ status: 503, headers: { "retry-after": expect.stringMatching(/^\d+$/) }, body: { code: "DATABASE_UNAVAILABLE" } });
    }
  });

  it("logs an outage once, however many requests fail during it, and again after the database was back", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    for (let i = 0; i < 50; i += 1) expect(errorToAnswer(refused).status).toBe(503);
    // The logger is loaded on first use (database-unavailable.ts), so its line arrives a moment later.
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(1));
    expect(databaseOutageOpen()).toBe(true);
    reportDatabaseReachable();
    errorToAnswer(refused);
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logged).toHaveBeenCalledTimes(2);
  });
});
