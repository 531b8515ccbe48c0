import { describe, expect, it } from "vitest";
import { db } from "../db";
import { authenticateApiKey, LAST_USED_RESOLUTION_MS } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";
import { workspaceContext } from "./test-workspace";

function eventsRequest(headers: Record<string, string>): Request {
  return new Request("http://localhost:3000/api/v1/events", { method: "POST", headers });
}

async function newKey(scopes: ("events:write" | "events:read")[] = ["events:write"]) {
  const ctx = await workspaceContext();
  const created = await createApiKey(ctx, { name: "Integration", scopes });
  return { ctx, ...created };
}

const lastUsedAt = async (id: string) => (await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;

// lastUsedAt is written after the answer, without being awaited: wait until the write shows.
async function lastUsedAtOnceSet(id: string, after: Date | null = null): Promise<Date> {
  for (let i = 0; i < 100; i++) {
    const value = await lastUsedAt(id);
    if (value && (!after || value > after)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("lastUsedAt was never written");
}

describe("authenticateApiKey", () => {
  it("accepts the key as a Bearer token or in x-api-key and names the key's workspace", async () => {
    const { ctx, apiKey, key } = await newKey(["events:write", "events:read"]);
    const expected = { workspaceId: ctx.tenantId, apiKeyId: apiKey.id, scopes: ["events:write", "events:read"] };
    expect(await authenticateApiKey(eventsRequest({ authorization: `Bearer ${key}` }), "events:write")).toEqual(expected);
    expect(await authenticateApiKey(eventsRequest({ authorization: `bearer  ${key} ` }), "events:read")).toEqual(expected);
    expect(await authenticateApiKey(eventsRequest({ "x-api-key": key }), "events:write")).toEqual(expected);
  });

  it.each([
    ["no key at all", {}, /Authorization header/],
    ["another auth scheme", { authorization: "Basic dXNlcjpwYXNz" }, /"Bearer "/],
    ["a Bearer header with no key", { authorization: "Bearer" }, /"Bearer "/],
    ["a truncated key", { authorization: "Bearer lw_live_abc" }, /not a Ledgerwire API key/],
    ["someone else's kind of key", { "x-api-key": "sk_live_0123456789" }, /not a Ledgerwire API key/],
    ["a well-formed key nobody issued", { authorization: `Bearer lw_live_${"A".repeat(43)}` }, /not recognised/],
  ])("refuses %s as UNAUTHENTICATED with a sentence saying why", async (_label, headers, message) => {
    const error = await authenticateApiKey(eventsRequest(headers), "events:write").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(message) });
  });

  it("refuses a revoked key", async () => {
    const { ctx, apiKey, key } = await newKey();
    await revokeApiKey(ctx, apiKey.id);
    await expect(authenticateApiKey(eventsRequest({ authorization: `Bearer ${key}` }), "events:write")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/revoked/),
    });
  });

  it("refuses a key without the required scope as FORBIDDEN, naming the scope", async () => {
    const { key } = await newKey(["events:read"]);
    await expect(authenticateApiKey(eventsRequest({ "x-api-key": key }), "events:write")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/events:write scope/),
    });
  });

  it("records when a key was last used at most once a minute", async () => {
    const { apiKey, key } = await newKey();
    const call = () => authenticateApiKey(eventsRequest({ authorization: `Bearer ${key}` }), "events:write");
    expect(await lastUsedAt(apiKey.id)).toBeNull();

    // A burst of first uses sets it once.
    await Promise.all(Array.from({ length: 10 }, call));
    const first = await lastUsedAtOnceSet(apiKey.id);

    // Within the minute nothing is written, however many requests come.
    for (let i = 0; i < 5; i++) await call();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await lastUsedAt(apiKey.id)).toEqual(first);

    // Once the stored time is more than a minute old, the next request moves it forward.
    const old = new Date(Date.now() - LAST_USED_RESOLUTION_MS - 5_000);
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: old } });
    const calledAt = Date.now();
    await call();
    expect((await lastUsedAtOnceSet(apiKey.id, old)).getTime()).toBeGreaterThanOrEqual(calledAt);
  });

  it("does not record use of a refused key", async () => {
    const { ctx, apiKey, key } = await newKey();
    await revokeApiKey(ctx, apiKey.id);
    await authenticateApiKey(eventsRequest({ "x-api-key": key }), "events:write").catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await lastUsedAt(apiKey.id)).toBeNull();
  });
});
