import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { workspaceContext } from "./test-workspace";

// A key handed to a contractor or a short-lived integration should stop working on its own: created with an
// expiry, refused once it has passed (with a sentence saying so), and shown with its expiry on the keys page.

const request = (key: string) => new Request("http://localhost:3000/api/v1/events", { method: "POST", headers: { authorization: `Bearer ${key}` } });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

describe("API key expiry", () => {
  it("is optional, kept with the key and listed, and audited", async () => {
    const ctx = await workspaceContext();
    const expiresAt = inDays(30);
    const { apiKey } = await createApiKey(ctx, { name: "Contractor", scopes: ["events:write"], expiresAt: expiresAt.toISOString() });
    expect(apiKey.expiresAt?.toISOString()).toBe(expiresAt.toISOString());
    const { apiKey: forever } = await createApiKey(ctx, { name: "Backend", scopes: ["events:write"] });
    expect(forever.expiresAt).toBeNull();
    expect((await listApiKeys(ctx)).map((k) => [k.name, k.expiresAt?.toISOString() ?? null])).toEqual([
      ["Backend", null],
      ["Contractor", expiresAt.toISOString()],
    ]);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: ctx.tenantId, action: "api_key.created", targetId: apiKey.id } });
    expect(audit.after).toMatchObject({ expiresAt: expiresAt.toISOString() });
  });

  it("works until it expires and is refused after, saying it expired", async () => {
    const ctx = await workspaceContext();
    const { apiKey, key } = await createApiKey(ctx, { name: "Short-lived", scopes: ["events:write"], expiresAt: inDays(1).toISOString() });
    expect((await authenticateApiKey(request(key), "events:write")).apiKeyId).toBe(apiKey.id);
    await db.apiKey.update({ where: { id: apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await authenticateApiKey(request(key), "events:write").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/expired/) });
  });

  it("must be in the future and within two years", async () => {
    const ctx = await workspaceContext();
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), inDays(800).toISOString(), "next tuesday"]) {
      await expect(createApiKey(ctx, { name: "Bad", scopes: ["events:write"], expiresAt })).rejects.toBeInstanceOf(ZodError);
    }
  });
});
