// `prisma db seed` seeds the demo workspace once, as `npm run dev` and `npm run db:seed` do.
import { loadEnv } from "../lib/env";
import { seedDemoDatabase } from "../scripts/lib/database";

await seedDemoDatabase(loadEnv().databaseUrl, console.log);
