import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspaceWith } from "@/test/fixtures";
import { apiRequest, routeParams } from "@/test/http";
import { DELETE as revoke } from "./[keyId]/route";
import { GET as list, POST as create } from "./route";

// API keys through their real routes: who may manage them, the key answered once, and input errors by field.

type Created = { apiKey: { id: string; prefix: string }; key: string };

describe("API key routes", () => {
  it("an admin creates a key, sees it once, and the list shows only its prefix", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER", "ADMIN"]);
    const admin = members[1]!.user;
    const params = routeParams({ slug: workspace.slug });

    const response = await create(await apiRequest("POST", "/x", { userId: admin.id, body: { name: "Warehouse", scopes: ["events:write"] } }), params);
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { apiKey, key } = (await response.json()) as Created;
    expect(key).toMatch(/^lw_live_/);
    expect(apiKey.prefix).toBe(key.slice(0, 12));

    const listed = await list(await apiRequest("GET", "/x", { userId: admin.id }), params);
    const text = await listed.text();
    expect(JSON.parse(text)).toMatchObject({ apiKeys: [{ id: apiKey.id, name: "Warehouse", prefix: apiKey.prefix, lastUsedAt: null, revokedAt: null }] });
    expect(text).not.toContain(key);
    expect(text).not.toContain("keyHash");

    const revoked = await revoke(await apiRequest("DELETE", "/x", { userId: admin.id }), routeParams({ slug: workspace.slug, keyId: apiKey.id }));
    expect(revoked.status).toBe(204);
    const again = await revoke(await apiRequest("DELETE", "/x", { userId: admin.id }), routeParams({ slug: workspace.slug, keyId: apiKey.id }));
    expect(again.status).toBe(204);
    expect(await db.auditEntry.count({ where: { workspaceId: workspace.id, action: "api_key.revoked" } })).toBe(1);
  });

  it("accountants and viewers may not list, create or revoke keys", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER", "ACCOUNTANT", "VIEWER"]);
    const key = await db.apiKey.create({
      data: { workspaceId: workspace.id, name: "Existing", prefix: "lw_live_abcd", keyHash: `hash-${workspace.id}`, scopes: ["events:write"], createdById: members[0]!.user.id },
    });
    for (const { user } of members.slice(1)) {
      const params = routeParams({ slug: workspace.slug });
      expect((await list(await apiRequest("GET", "/x", { userId: user.id }), params)).status).toBe(403);
      expect((await create(await apiRequest("POST", "/x", { userId: user.id, body: { name: "Mine", scopes: ["events:write"] } }), params)).status).toBe(403);
      expect((await revoke(await apiRequest("DELETE", "/x", { userId: user.id }), routeParams({ slug: workspace.slug, keyId: key.id }))).status).toBe(403);
    }
    expect(await db.apiKey.findMany({ where: { workspaceId: workspace.id }, select: { id: true, revokedAt: true } })).toEqual([{ id: key.id, revokedAt: null }]);
  });

  it("answers invalid input with 422 naming each field", async () => {
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const response = await create(
      await apiRequest("POST", "/x", { userId: members[0]!.user.id, body: { name: " ", scopes: [] } }),
      routeParams({ slug: workspace.slug }),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { details: { errors: { path: string; message: string }[] } };
    expect(body.details.errors).toEqual([
      { path: "name", message: "Give the key a name." },
      { path: "scopes", message: "Choose at least one scope." },
    ]);
  });
});
