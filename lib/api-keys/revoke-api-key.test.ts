import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";
import { workspaceContext } from "./test-workspace";

const auditActions = async (workspaceId: string) =>
  (await db.auditEntry.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } })).map((e) => e.action);

describe("revokeApiKey", () => {
  it("revokes the key and audits it once, however often it is asked", async () => {
    const ctx = await workspaceContext();
    const { apiKey, key } = await createApiKey(ctx, { name: "Old integration", scopes: ["events:write"] });

    const first = await revokeApiKey(ctx, apiKey.id);
    expect(first.revokedAt).toBeInstanceOf(Date);
    const again = await revokeApiKey(ctx, apiKey.id);
    expect(again.revokedAt).toEqual(first.revokedAt);

    expect(await auditActions(ctx.tenantId)).toEqual(["api_key.created", "api_key.revoked"]);
    const entry = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: ctx.tenantId, action: "api_key.revoked" } });
    expect(entry).toMatchObject({
      actorId: ctx.user.id,
      targetType: "ApiKey",
      targetId: apiKey.id,
      before: { name: "Old integration", revokedAt: null },
      after: { name: "Old integration", prefix: key.slice(0, 12), revokedAt: first.revokedAt!.toISOString() },
    });
    expect(JSON.stringify(entry)).not.toContain(key);
  });

  it("answers NOT_FOUND for another workspace's key and leaves that key working", async () => {
    const mine = await workspaceContext("ADMIN");
    const theirs = await workspaceContext();
    const { apiKey } = await createApiKey(theirs, { name: "Theirs", scopes: ["events:write"] });

    const error = await revokeApiKey(mine, apiKey.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
    expect(await auditActions(mine.tenantId)).toEqual([]);
    expect(await auditActions(theirs.tenantId)).toEqual(["api_key.created"]);
  });

  it("answers NOT_FOUND for an id that does not exist", async () => {
    const ctx = await workspaceContext();
    await expect(revokeApiKey(ctx, "no-such-key")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
