import pg from "pg";
import { afterAll } from "vitest";

// The conformance suite (executor.test.ts) again, with the executor keeping its runs in PostgreSQL: the durable
// mode must behave the same as the in-memory one.

const databaseUrl = process.env.DATABASE_URL!;
const schema = `inngest_conformance_${process.pid}_${Date.now()}`;
(globalThis as { conformanceDurable?: { databaseUrl: string; schema: string } }).conformanceDurable = { databaseUrl, schema };
await import("./executor.test");

afterAll(async () => {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.end();
});
