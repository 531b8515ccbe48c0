import pg from "pg";
import { watchPool } from "../db/database-unavailable";
import { env } from "../env";

// The ingest write (one statement per group of deliveries, lib/ingest/delivery-sql.ts) goes through `pg`
// directly rather than Prisma's $queryRawUnsafe: for this statement Prisma costs nearly twice the client CPU
// (59 against 33 µs per delivery, `npm run bench -- ingest-parts`), about 5% of a webhook's whole budget, and
// adds nothing here (no model, no relation, a raw statement either way). Everything else keeps using Prisma.
//
// One small pool per process: two connections, as many as the group commit keeps in flight. It lives on
// globalThis because Next bundles Pages API routes (the webhooks) apart from the App Router, and each bundle
// would otherwise open its own.
const globalForPool = globalThis as unknown as { ledgerwireIngestPool?: pg.Pool };

export function ingestPool(): pg.Pool {
  globalForPool.ledgerwireIngestPool ??= watchPool(
    new pg.Pool({
      connectionString: env().databaseUrl,
      max: 2,
      connectionTimeoutMillis: 5_000,
      // Idle connections close after a while and do not keep a finished process (a test, a script) alive.
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    }),
    "ingest",
  );
  return globalForPool.ledgerwireIngestPool;
}
