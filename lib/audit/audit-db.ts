import type { Prisma } from "../db/generated/client";

// What the audit functions run against: the root Prisma client or an interactive transaction client. Both satisfy
// Prisma's TransactionClient, and since Prisma 7.5 `$transaction` on a transaction client nests (a savepoint in
// the caller's transaction) rather than opening a second one, so one code path serves both.
export type AuditDb = Prisma.TransactionClient;
