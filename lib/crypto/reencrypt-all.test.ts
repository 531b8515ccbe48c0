import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { createWorkspaceWith } from "@/test/fixtures";
import { sealedAt } from "./contexts";
import { open, seal, sealedKeyId } from "./envelope";
import { reencryptAll } from "./reencrypt-all";


const original = process.env.ENCRYPTION_KEYS!;
afterEach(() => {
  process.env.ENCRYPTION_KEYS = original;
});

describe("re-encryption after a key rotation", () => {
  it("re-seals every stored token under the newest key, keeps their values, and can then drop the old key", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const id = "qbc_rotation_test";
    // Not CONNECTED, so the hourly upkeep (tested in another file against the same database) leaves it alone.
    const access = seal("access-token-value", sealedAt.qboAccessToken(id));
    const refresh = seal("refresh-token-value", sealedAt.qboRefreshToken(id));
    await db.qboConnection.create({ data: { id, workspaceId: workspace.id, realmId: "123", environment: "SANDBOX", companyName: "Rotate", homeCurrency: "USD", status: "NEEDS_RECONNECT", accessTokenCiphertext: access.ciphertext, refreshTokenCiphertext: refresh.ciphertext, tokenKeyId: access.keyId } });

    const newKey = `k2:${randomBytes(32).toString("base64")}`;
    process.env.ENCRYPTION_KEYS = `${newKey},${original}`;
    const report = await reencryptAll({ workspaceId: workspace.id });
    expect(report).toEqual({ qboConnections: 1, sourceConnections: 0, alreadyCurrent: 0 });
    const row = await db.qboConnection.findUniqueOrThrow({ where: { id } });
    expect(row.tokenKeyId).toBe("k2");
    expect(sealedKeyId(row.refreshTokenCiphertext!)).toBe("k2");

    process.env.ENCRYPTION_KEYS = newKey; // the old key is gone now
    expect(open(row.accessTokenCiphertext!, sealedAt.qboAccessToken(id))).toBe("access-token-value");
    expect(open(row.refreshTokenCiphertext!, sealedAt.qboRefreshToken(id))).toBe("refresh-token-value");
    expect(await reencryptAll({ workspaceId: workspace.id })).toEqual({ qboConnections: 0, sourceConnections: 0, alreadyCurrent: 1 });
  });
});
