import pg from "pg";
import { describeConnectionError } from "./describe-connection-error";

/** Resolves when the database answers a query; rejects with one readable line when it does not. */
export async function checkConnection(databaseUrl: string, timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  // A failed connection also emits 'error' on some paths; without a listener Node would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(describeConnectionError(error, databaseUrl));
  } finally {
    await client.end().catch(() => {});
  }
}
