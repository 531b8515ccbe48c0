import { env } from "../env";
import { createPrismaClient, type Db } from "./create-client";

export type { Db } from "./create-client";
export { Prisma } from "./generated/client";
export * from "./generated/enums";

// One client per server process. Next's dev server re-evaluates modules on every change; keeping the client on
// globalThis stops each reload from opening a new pool.
const globalForDb = globalThis as unknown as { ledgerwireDb?: Db };

export const db: Db = globalForDb.ledgerwireDb ?? createPrismaClient(env().databaseUrl);
if (env().nodeEnv !== "production") globalForDb.ledgerwireDb = db;
