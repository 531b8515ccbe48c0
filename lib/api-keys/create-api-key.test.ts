import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "../db";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { workspaceContext } from "./test-workspace";

// Whole rows as the database holds them, to prove the key is nowhere in them.
async function everythingStoredFor(workspaceId: string): Promise<string> {
  const [keys, audit] = await Promise.all([db.apiKey.findMany({ where: { workspaceId } }), db.auditEntry.findMany({ where: { workspaceId } })]);
  return JSON.stringify({ keys, audit });
}

describe("createApiKey", () => {
  it("returns the full key once and stores only its SHA-256 and a 12-character prefix", async () => {
    const ctx = await workspaceContext();
    const { apiKey, key } = await createApiKey(ctx, { name: "  Warehouse system ", scopes: ["events:write"] });

    expect(key).toMatch(/^lw_live_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "Warehouse system", prefix: key.slice(0, 12), scopes: ["events:write"], lastUsedAt: null, revokedAt: null });
    expect(apiKey).not.toHaveProperty("keyHash");

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.keyHash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(row.createdById).toBe(ctx.user.id);
    // The key is in no column of the key's row nor in the audit chain; only the prefix shown in lists is.
    const stored = await everythingStoredFor(ctx.tenantId);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(12));
  });

  it("never returns the key again: the list has the prefix, not the key or its hash", async () => {
    const ctx = await workspaceContext();
    const first = await createApiKey(ctx, { name: "Billing", scopes: ["events:write", "events:read"] });
    const second = await createApiKey(ctx, { name: "Reports", scopes: ["events:read"] });
    expect(second.key).not.toBe(first.key);

    const listed = await listApiKeys(ctx);
    expect(listed.map((k) => k.name)).toEqual(["Reports", "Billing"]);
    const text = JSON.stringify(listed);
    for (const { key } of [first, second]) {
      expect(text).not.toContain(key);
      expect(text).toContain(`"${key.slice(0, 12)}"`);
    }
    expect(text).not.toContain("keyHash");
    expect(listed[0]!.createdBy).toEqual({ name: ctx.user.name, email: ctx.user.email });
  });

  it("lists only the workspace's own keys", async () => {
    const mine = await workspaceContext();
    const theirs = await workspaceContext();
    await createApiKey(theirs, { name: "Theirs", scopes: ["events:write"] });
    expect(await listApiKeys(mine)).toEqual([]);
  });

  it("audits the creation with the person, the key's id, name, prefix and scopes, and without the key", async () => {
    const ctx = await workspaceContext("ADMIN");
    const { apiKey, key } = await createApiKey(ctx, { name: "Shop", scopes: ["events:write"] });
    const entry = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: ctx.tenantId }, orderBy: { seq: "desc" } });
    expect(entry).toMatchObject({
      action: "api_key.created",
      actorType: "USER",
      actorId: ctx.user.id,
      targetType: "ApiKey",
      targetId: apiKey.id,
      before: null,
      after: { name: "Shop", prefix: key.slice(0, 12), scopes: ["events:write"] },
      requestId: ctx.requestId,
    });
    expect(JSON.stringify(entry)).not.toContain(key);
  });

  it.each([
    ["a blank name", { name: "   ", scopes: ["events:write"] }, "name"],
    ["a name over 80 characters", { name: "x".repeat(81), scopes: ["events:write"] }, "name"],
    ["no scopes", { name: "Shop", scopes: [] }, "scopes"],
    ["a scope twice", { name: "Shop", scopes: ["events:write", "events:write"] }, "scopes"],
    ["an unknown scope", { name: "Shop", scopes: ["events:delete"] }, "scopes.0"],
    ["an unexpected field", { name: "Shop", scopes: ["events:write"], workspaceId: "ws_other" }, ""],
  ])("refuses %s and stores nothing", async (_label, input, path) => {
    const ctx = await workspaceContext();
    const error = await createApiKey(ctx, input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path.join("."))).toContain(path);
    expect(await db.apiKey.count({ where: { workspaceId: ctx.tenantId } })).toBe(0);
    expect(await db.auditEntry.count({ where: { workspaceId: ctx.tenantId } })).toBe(0);
  });
});
