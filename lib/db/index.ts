import { env } from "../env";
import { createPrismaClient, type Db } from "./create-client";

export type { Db } from "./create-client";
export { Prisma } from "./generated/client";
export * from "./generated/enums";

// One client per server process, kept on globalThis: Next's dev server re-evaluates modules on every change, and
// Next bundles the Pages API routes (webhooks) apart from the App Router; either would otherwise open a new pool.
const globalForDb = globalThis as unknown as { ledgerwireDb?: Db };

export const db: Db = (globalForDb.ledgerwireDb ??= createPrismaClient(env().databaseUrl));
