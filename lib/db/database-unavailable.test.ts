import net from "node:net";
import pg from "pg";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { useTestDb } from "../../test/db";
import { errorToAnswer } from "../errors/http";
import { ingestPool } from "../ingest/ingest-pool";
import { logger } from "../log/logger";
import { createPrismaClient } from "./create-client";
import { databaseOutageOpen, reportDatabaseReachable, watchPool } from "./database-unavailable";

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

// PostgreSQL killed (kill -9, the OOM killer, a machine that loses power) sends no ErrorResponse: the socket just
// closes. `pg` then fails the query with a plain "Connection terminated unexpectedly" that has no code at all. A
// TCP proxy that closes both sides mid-query is the same thing as the app sees it, without killing the shared
// test server.
describe("PostgreSQL killed mid-query", () => {
  it("answers the cut-off query 503 DATABASE_UNAVAILABLE through either pool, not 500", async () => {
    const target = new URL(inject("databaseUrl"));
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const server = net.connect(Number(target.port), target.hostname);
      sockets.add(client).add(server);
      client.pipe(server).pipe(client);
      client.on("error", () => {});
      server.on("error", () => {});
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const url = new URL(target);
    url.host = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    const prisma = createPrismaClient(url.toString(), { max: 1 });
    const pool = watchPool(new pg.Pool({ connectionString: url.toString(), max: 1 }), "test");
    try {
      await prisma.$queryRaw`SELECT 1`;
      await pool.query("SELECT 1");
      const viaPrisma = prisma.$executeRaw`SELECT pg_sleep(5)`.then(() => null, (error: unknown) => error);
      const viaPool = pool.query("SELECT pg_sleep(5)").then(() => null, (error: unknown) => error);
      await vi.waitFor(async () => expect(await running("query LIKE 'SELECT pg_sleep(5)%' AND state = 'active'")).toBe(2), { timeout: 3_000, interval: 50 });
      for (const socket of sockets) socket.end(); // a FIN with no ErrorResponse before it, as from a killed server
      for (const error of await Promise.all([viaPrisma, viaPool])) {
        expect(error).not.toBeNull();
        expect(errorToAnswer(error)).toMatchObject({ status: 503, headers: { "retry-after": expect.stringMatching(/^\d+$/) }, body: { code: "DATABASE_UNAVAILABLE" } });
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      await terminate("query LIKE 'SELECT pg_sleep(5)%'");
      await prisma.$disconnect().catch(() => {});
      await pool.end().catch(() => {});
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
