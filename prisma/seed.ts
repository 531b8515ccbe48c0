// `prisma db seed` and the dev launcher both run this: it seeds the demo workspace once.
import { createPrismaClient } from "../lib/db/create-client";
import { seedDemoSources } from "../lib/demo/demo-sources";
import { seedDemo } from "../lib/demo/seed-demo";
import { loadEnv } from "../lib/env";

const db = createPrismaClient(loadEnv().databaseUrl, { max: 1 });
try {
  const result = await seedDemo(db);
  console.log(result.created ? "seeded the demo workspace" : "demo workspace already present; nothing to seed");
  const sources = await seedDemoSources(db);
  if (sources.created.length > 0) console.log(`added the demo sources ${sources.created.join(", ")}`);
} finally {
  await db.$disconnect();
}
