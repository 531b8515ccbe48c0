import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { DEMO_INTUIT_APP } from "../env";
import { logger } from "../log/logger";
import { createWorkspaceWith } from "@/test/fixtures";
import { connectCompany, createSimCompany, simControl } from "@/test/qbo";
import { qboClientFor } from "./connection-client";
import { getAccessToken } from "./token-manager";


// No OAuth token or client secret may sit in plain text in the database or in any log line. This drives a
// connection through its whole life with logging at its most verbose, then dumps every table and every log
// line and searches them for every token Intuit (the simulator) issued.

const lines: string[] = [];
const streamSym = pino.symbols.streamSym as unknown as keyof typeof logger;
let original: unknown;
let level: string;

beforeAll(() => {
  original = logger[streamSym];
  level = logger.level;
  (logger as unknown as Record<PropertyKey, unknown>)[streamSym] = { write: (line: string) => void lines.push(line) };
  logger.level = "trace";
});

afterAll(() => {
  (logger as unknown as Record<PropertyKey, unknown>)[streamSym] = original;
  logger.level = level;
});

async function dumpDatabase(): Promise<string> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
  const parts: string[] = [];
  for (const { tablename } of tables) {
    const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${tablename}" t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join("\n");
}

describe("secrets at rest and in logs", () => {
  it("never stores or logs an OAuth token or the client secret in plain text", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const realmId = await createSimCompany("Secretive Co");
    await connectCompany(workspace.slug, members[0]!.user.id, realmId);
    const connection = await db.qboConnection.findFirstOrThrow({ where: { workspaceId: workspace.id } });

    // A refresh, a call with an expired token (401, refresh, retry), then a refused refresh token.
    await db.qboConnection.update({ where: { id: connection.id }, data: { accessTokenExpiresAt: new Date() } });
    await getAccessToken(connection.id);
    const client = await qboClientFor(connection.id);
    await simControl("POST", "tokens/expire", { realmId, which: "access" });
    await client.companyInfo();
    await simControl("POST", "tokens/expire", { realmId, which: "both" });
    await db.qboConnection.update({ where: { id: connection.id }, data: { accessTokenExpiresAt: new Date() } });
    await getAccessToken(connection.id).catch(() => undefined);
    logger.info({ connection }, "a careless log line of a whole connection row");

    const issued = await simControl<{ accessTokens: { token: string }[]; refreshTokens: { token: string }[] }>("GET", `tokens?realmId=${realmId}`);
    const secrets = [...issued.accessTokens.map((t) => t.token), ...issued.refreshTokens.map((t) => t.token), DEMO_INTUIT_APP.clientSecret];
    expect(issued.refreshTokens.length).toBeGreaterThanOrEqual(3);

    const database = await dumpDatabase();
    const logs = lines.join("");
    expect(database).toContain("Secretive Co"); // the dump is real
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(database.includes(secret), `a token is stored in plain text`).toBe(false);
      expect(logs.includes(secret), `a token was logged`).toBe(false);
    }
  });
});
