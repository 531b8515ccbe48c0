// `npm run crypto:reencrypt`: re-seals every stored secret under the first key of ENCRYPTION_KEYS (see
// lib/crypto/keyring.ts for the rotation steps). Uses DATABASE_URL, or the embedded database of `npm run dev`.
import { reencryptAll } from "../lib/crypto/reencrypt-all";
import { db } from "../lib/db";
import { loadEnvOrExit } from "./lib/load-env-or-exit";

loadEnvOrExit();

try {
  const report = await reencryptAll();
  console.log(`Re-sealed ${report.qboConnections} QuickBooks connection(s) and ${report.sourceConnections} source connection(s); ${report.alreadyCurrent} already used the newest key.`);
} catch (error) {
  console.error(`Re-encryption stopped: ${error instanceof Error ? error.message : String(error)} (rows done so far are re-sealed; run it again).`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
