import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Db = InstanceType<typeof PrismaClient>;

// Prisma 7 talks to Postgres through the `pg` driver adapter: no native query engine to download.
export function createPrismaClient(databaseUrl: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}
