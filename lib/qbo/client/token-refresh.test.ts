import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QboError } from "./qbo-error";
import { startClientSim, uniqueName, type ClientSim } from "./test-kit";
import type { AccessTokenSource } from "./types";

let t: ClientSim;

beforeAll(async () => {
  t = await startClientSim();
});

afterAll(async () => {
  await t.stop();
});

describe("an access token that expires mid-run", () => {
  it("is refreshed once and the call it interrupted goes through", async () => {
    await t.client.read("Customer", "1");
    const refreshesBefore = t.tokens.refreshes;
    const usageBefore = { ...t.usage };
    const answersBefore = t.responses.length;

    await t.control("/tokens/expire", { realmId: t.realmId, which: "access" });
    const created = await t.client.create("Customer", { DisplayName: uniqueName("After expiry") }, { requestId: "token-expiry-create" });

    expect(created.Id).toBeTruthy();
    expect(t.tokens.refreshes - refreshesBefore).toBe(1);
    // One refused attempt and one retry, both counted: both reached QuickBooks.
    expect(t.responses.slice(answersBefore).map((r) => r.status)).toEqual([401, 200]);
    expect(t.usage.writes - usageBefore.writes).toBe(2);

    // The refreshed token keeps working: no further refresh for the next calls.
    await t.client.read("Customer", created.Id);
    await t.client.query("select * from Customer maxresults 1");
    expect(t.tokens.refreshes - refreshesBefore).toBe(1);
  });

  it("gives up after one refresh when QuickBooks still refuses, with a permanent 3200", async () => {
    let refreshes = 0;
    const dead: AccessTokenSource = {
      get: async () => "revoked-access-token",
      refresh: async () => {
        refreshes++;
        return "still-not-a-valid-token";
      },
    };
    const error = await t.clientWith({ tokens: dead }).read("Customer", "1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboError);
    expect(error).toMatchObject({ code: "3200", type: "AuthenticationFault", status: 401, retryable: false, retryAfterMs: undefined });
    expect((error as QboError).intuitTid).toBeTruthy();
    expect(refreshes).toBe(1);
    // Tokens never end up in what gets logged.
    expect(JSON.stringify(error)).not.toContain("still-not-a-valid-token");
    expect((error as QboError).message).not.toContain("revoked-access-token");
  });
});
