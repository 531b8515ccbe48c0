// QuickBooks keeps its limits per company and app (the OAuth client of the token), and meters read calls
// per app and calendar month.
import { afterEach, describe, expect, it } from "vitest";
import { mintAccessToken, startTestSim, type TestSim } from "./test-helpers";

let t: TestSim;
afterEach(async () => {
  await t.sim.stop();
});

const OTHER_APP = { clientId: "other-client", clientSecret: "other-secret", redirectUris: [] };

async function control(method: string, pathname: string, body?: unknown) {
  const res = await fetch(`${t.sim.url}/_sim/${pathname}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function asApp(token: string, method: string, path: string) {
  const res = await fetch(`${t.sim.url}/v3/company/${t.realm.realmId}${path}`, { method, headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
  return { status: res.status, text: await res.text() };
}

describe("limits per company and app", () => {
  it("a second app on the same company has its own requests-a-minute window", async () => {
    t = await startTestSim();
    t.sim.registerApp(OTHER_APP);
    const other = mintAccessToken(t.sim, t.realm.realmId, OTHER_APP.clientId);
    await control("POST", "limits", { realmId: t.realm.realmId, requestsPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await t.api("GET", "/preferences")).status).toBe(200);
    expect((await t.api("GET", "/preferences")).status).toBe(429);
    expect((await asApp(other, "GET", "/preferences")).status).toBe(200);
  });
});

describe("monthly read meter", () => {
  it("counts reads per app and calendar month, shown in the counters and the app's usage", async () => {
    t = await startTestSim();
    t.sim.registerApp(OTHER_APP);
    const other = mintAccessToken(t.sim, t.realm.realmId, OTHER_APP.clientId);
    await control("POST", "clock", { now: "2026-03-30T12:00:00Z" });
    await t.api("GET", "/preferences");
    await t.api("GET", `/query?query=${encodeURIComponent("select * from Customer")}`);
    await t.api("GET", `/cdc?entities=Customer&changedSince=2026-03-29T00:00:00Z`);
    await t.api("POST", "/customer", { DisplayName: "Metered" });
    await asApp(other, "GET", "/preferences");

    const counters = await control("GET", `realms/${t.realm.realmId}/counters`);
    expect(counters.body).toMatchObject({ reads: 4, writes: 1, apps: { "test-client": { reads: 3, writes: 1 }, "other-client": { reads: 1, writes: 0 } } });
    const usage = await control("GET", "apps/test-client/usage");
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ clientId: "test-client", month: "2026-03", reads: 3, readsPerMonth: null, months: { "2026-03": { reads: 3, writes: 1 } } });

    // A new calendar month starts the meter again.
    await control("POST", "clock", { now: "2026-04-01T00:00:01Z" });
    await t.api("GET", "/preferences");
    const april = await control("GET", "apps/test-client/usage");
    expect(april.body).toMatchObject({ month: "2026-04", reads: 1, months: { "2026-03": { reads: 3 }, "2026-04": { reads: 1 } } });
    expect((await control("GET", "apps/nobody/usage")).status).toBe(404);
  });

  it("past readsPerMonth, reads answer 429 (throttled XML) and writes still go through", async () => {
    t = await startTestSim();
    const set = await control("POST", "limits", { readsPerMonth: 2 });
    expect(set.body).toMatchObject({ limits: { readsPerMonth: 2 } });
    expect((await t.api("GET", "/preferences")).status).toBe(200);
    expect((await t.api("GET", `/query?query=${encodeURIComponent("select * from Item")}`)).status).toBe(200);
    const refused = await t.api("GET", "/preferences");
    expect(refused.status).toBe(429);
    expect(refused.text).toContain("ThrottleExceeded");
    expect((await t.api("POST", "/customer", { DisplayName: "Still writing" })).status).toBe(200);
    expect((await control("GET", "apps/test-client/usage")).body).toMatchObject({ reads: 2, readsPerMonth: 2 });
  });
});
