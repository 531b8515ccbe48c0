import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { reportDatabaseUnavailable, watchPool } from "./database-unavailable";
import { PrismaClient } from "./generated/client";

export type Db = InstanceType<typeof PrismaClient>;

// Prisma 7 talks to Postgres through the `pg` driver adapter: no native query engine to download. The pool is
// ours so that it has an error listener (lib/db/database-unavailable.ts) from its first connection on.
export function createPrismaClient(databaseUrl: string, options: { max?: number } = {}): Db {
  const pool = watchPool(new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10, connectionTimeoutMillis: 5_000 }), "prisma");
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    onConnectionError: (error) => reportDatabaseUnavailable(error, "prisma transaction"),
  });
  return new PrismaClient({ adapter });
}
