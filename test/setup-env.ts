// Runs in every test worker before the test file is imported: domain code that uses the app's `db` singleton
// (lib/db) talks to this run's fresh database, and sessions are signed with a fixed test secret.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-for-vitest-only-0123456789abcdef";
process.env.APP_URL ??= "http://localhost:3000";
// QuickBooks, for every test, is the simulator started by the global setup (one for the whole run).
process.env.QBO_SIM_URL = inject("qboSimUrl");
// Secrets at rest are sealed with a fixed test key instead of one generated under .data.
process.env.ENCRYPTION_KEYS ??= `test1:${Buffer.alloc(32, 1).toString("base64")}`;
