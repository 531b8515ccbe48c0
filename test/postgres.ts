import { execFileSync } from "node:child_process";
import pg from "pg";

/** Runs one statement on its own connection (tests that check a database they do not hold a client for). */
export async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** PostgreSQL processes still running on a data directory (none may outlive the command that started them). */
export function postgresProcessesFor(dataDir: string): string[] {
  const ps = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return ps.split("\n").filter((line) => line.includes(dataDir) && !line.includes("ps -eo"));
}
