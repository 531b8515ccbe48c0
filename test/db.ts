import { afterAll, inject } from "vitest";
import { createPrismaClient, type Db } from "../lib/db/create-client";

/** A Prisma client on this run's fresh, migrated database; closed after the test file. */
export function useTestDb(): Db {
  const db = createPrismaClient(inject("databaseUrl"), { max: 4 });
  afterAll(() => db.$disconnect());
  return db;
}
