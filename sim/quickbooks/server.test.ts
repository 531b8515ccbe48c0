import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startQboSim } from "./index";
import { mintAccessToken, startTestSim, type TestSim } from "./test-helpers";

let t: TestSim;
afterEach(async () => {
  await t?.sim.stop();
});

type FaultBody = { Fault: { Error: { code: string; Message: string; Detail: string }[]; type: string } };

function control(method: string, pathname: string, body?: unknown) {
  return fetch(`${t.sim.url}/_sim/${pathname}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe("answers like QuickBooks to requests it cannot serve", () => {
  it("refuses malformed JSON, unknown entities, wrong methods and wrong realms with QuickBooks faults, and keeps serving", async () => {
    t = await startTestSim();
    const malformed = await t.api("POST", "/customer", "{ not json");
    expect(malformed.status).toBe(400);
    expect((malformed.body as FaultBody).Fault.Error[0]!.code).toBe("2010");

    const empty = await t.api("POST", "/customer", "");
    expect((empty.body as FaultBody).Fault.Error[0]!.code).toBe("2010");

    const unknown = await t.api("GET", "/spaceship/1");
    expect(unknown.status).toBe(400);
    expect((unknown.body as FaultBody).Fault.Error[0]).toMatchObject({ Message: "Unsupported Operation", code: "500" });

    for (const [method, pathname] of [["PUT", "/customer"], ["DELETE", "/customer/1"], ["GET", "/customer"], ["POST", "/customer?operation=explode"]] as const) {
      const answer = await t.api(method, pathname, method === "GET" || method === "DELETE" ? undefined : { DisplayName: "X" });
      expect(answer.status, `${method} ${pathname}`).toBe(400);
      expect((answer.body as FaultBody).Fault.type).toBe("ValidationFault");
    }

    // A token for this company used on another company's path: 403 in the lower-case envelope.
    const other = t.sim.createCompany({ name: "Other" });
    const wrongRealm = await fetch(`${t.sim.url}/v3/company/${other.realmId}/companyinfo/${other.realmId}`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(wrongRealm.status).toBe(403);
    expect(((await wrongRealm.json()) as { fault: { error: { code: string }[] } }).fault.error[0]!.code).toBe("3100");

    const tooLarge = await t.api("POST", "/customer", `{"DisplayName":"${"x".repeat(11 * 1024 * 1024)}"}`);
    expect(tooLarge.status).toBe(413);

    expect((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).status).toBe(200);
  });

  it("answers 401 with the lower-case fault body and WWW-Authenticate for missing, unknown and expired tokens", async () => {
    t = await startTestSim();
    const missing = await fetch(`${t.sim.url}/v3/company/${t.realm.realmId}/customer/1`);
    const unknown = await t.api("GET", "/customer/1", undefined, { authorization: "Bearer not-a-token" });
    t.sim.clock.advance(3600_000 + 1);
    const expired = await t.api("GET", "/customer/1");
    for (const answer of [{ status: missing.status, headers: missing.headers, body: await missing.json() }, unknown, expired]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(answer.body).toMatchObject({ fault: { error: [{ code: "3200", message: expect.stringContaining("AuthenticationFailed") }], type: "AUTHENTICATION" } });
    }
    expect((expired.body as { fault: { error: { detail: string }[] } }).fault.error[0]!.detail).toMatch(/expired/i);
  });

  it("stamps every answer with an intuit_tid, successes and failures alike", async () => {
    t = await startTestSim();
    const answers = [
      (await t.api("GET", `/companyinfo/${t.realm.realmId}`)).headers,
      (await t.api("GET", "/customer/999999")).headers,
      (await fetch(`${t.sim.url}/nowhere`)).headers,
    ];
    const tids = answers.map((h) => h.get("intuit_tid"));
    for (const tid of tids) expect(tid).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(new Set(tids).size).toBe(3);
  });
});

describe("limits", () => {
  it("throttles a realm past its requests per minute with QuickBooks' XML body, until the minute rolls over", async () => {
    t = await startTestSim();
    await control("POST", "limits", { realmId: t.realm.realmId, requestsPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const throttled = await t.api("GET", `/companyinfo/${t.realm.realmId}`);
    expect(throttled.headers.get("content-type")).toContain("xml");
    expect(throttled.text).toContain("<Error code=\"3001\">");
    expect(throttled.text).toContain("message=ThrottleExceeded; errorCode=003001; statusCode=429");

    // Another company is not affected; and a minute later (sim clock) this one is served again.
    const other = t.sim.createCompany();
    const otherToken = mintAccessToken(t.sim, other.realmId);
    const otherAnswer = await fetch(`${t.sim.url}/v3/company/${other.realmId}/companyinfo/${other.realmId}`, { headers: { authorization: `Bearer ${otherToken}` } });
    expect(otherAnswer.status).toBe(200);
    t.sim.clock.advance(60_001);
    expect((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).status).toBe(200);
  });

  it("throttles requests beyond the concurrency limit while slow ones are in flight", async () => {
    t = await startTestSim();
    await control("POST", "limits", { realmId: t.realm.realmId, concurrent: 2 });
    await control("POST", "faults", { kind: "slow", count: 2, delayMs: 400 });
    const slow = [t.api("GET", `/companyinfo/${t.realm.realmId}`), t.api("GET", `/companyinfo/${t.realm.realmId}`)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const third = await t.api("GET", `/companyinfo/${t.realm.realmId}`);
    expect(third.status).toBe(429);
    expect((await Promise.all(slow)).map((a) => a.status)).toEqual([200, 200]);
    expect((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).status).toBe(200);
  });

  it("counts reads and writes per realm", async () => {
    t = await startTestSim();
    await t.api("GET", `/companyinfo/${t.realm.realmId}`);
    await t.api("GET", "/customer/999");
    await t.api("POST", "/customer", { DisplayName: "Counted" });
    const counters = (await (await control("GET", `realms/${t.realm.realmId}/counters`)).json()) as { reads: number; writes: number };
    expect(counters).toMatchObject({ reads: 2, writes: 1 });
  });
});

describe("injected faults", () => {
  it("answers the next N requests with 500, 503 or 429, then recovers", async () => {
    t = await startTestSim();
    for (const kind of ["500", "503", "429"] as const) {
      await control("POST", "faults", { kind, count: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).status);
      expect(statuses).toEqual([Number(kind), Number(kind), 200]);
    }
    await control("POST", "faults", { kind: "500", count: 1 });
    const failed = await t.api("GET", `/companyinfo/${t.realm.realmId}`);
    expect((failed.body as FaultBody).Fault).toMatchObject({ type: "SystemFault", Error: [{ code: "10000" }] });
  });

  it("resets the connection or holds it without an answer, and hits only the share asked for", async () => {
    t = await startTestSim();
    await control("POST", "faults", { kind: "reset", count: 1 });
    await expect(t.api("GET", `/companyinfo/${t.realm.realmId}`)).rejects.toThrow();
    await control("POST", "faults", { kind: "timeout", count: 1, delayMs: 200 });
    const started = Date.now();
    await expect(t.api("GET", `/companyinfo/${t.realm.realmId}`)).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);

    await control("POST", "faults", { kind: "500", share: 0 });
    for (let i = 0; i < 5; i++) expect((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).status).toBe(200);
    await control("DELETE", "faults");
    expect(((await (await control("GET", "faults")).json()) as { faults: unknown[] }).faults).toEqual([]);
  });

  it("refuses a control body that does not fit, naming the field", async () => {
    t = await startTestSim();
    const answer = await control("POST", "faults", { kind: "explode" });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("kind");
  });
});

describe("requestid", () => {
  it("replays the original answer to a retried create instead of creating twice", async () => {
    t = await startTestSim();
    const first = await t.api("POST", "/customer?requestid=retry-1", { DisplayName: "Once Only" });
    const retry = await t.api("POST", "/customer?requestid=retry-1", { DisplayName: "Once Only" });
    expect(first.status).toBe(200);
    expect(retry.text).toBe(first.text);
    const named = Object.values(t.realm.entities.Customer ?? {}).filter((c) => c.DisplayName === "Once Only");
    expect(named).toHaveLength(1);

    const tooLong = await t.api("POST", `/customer?requestid=${"r".repeat(51)}`, { DisplayName: "Long" });
    expect(tooLong.status).toBe(400);
  });
});

describe("state file", () => {
  it("keeps companies, records and tokens across a restart", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "qbo-sim-state-"));
    const stateFile = path.join(dir, "state.json");
    try {
      t = await startTestSim({ stateFile });
      const created = await t.api("POST", "/customer", { DisplayName: "Persisted" });
      const id = (created.body as { Customer: { Id: string } }).Customer.Id;
      await t.sim.stop();

      const again = await startQboSim({ stateFile });
      try {
        const answer = await fetch(`${again.url}/v3/company/${t.realm.realmId}/customer/${id}`, { headers: { authorization: `Bearer ${t.token}` } });
        expect(answer.status).toBe(200);
        expect(((await answer.json()) as { Customer: { DisplayName: string } }).Customer.DisplayName).toBe("Persisted");
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
