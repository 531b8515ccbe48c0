import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createQboClient } from "./create-client";
import { QboError } from "./qbo-error";
import { startClientSim, uniqueName, type ClientSim } from "./test-kit";

let t: ClientSim;

beforeAll(async () => {
  t = await startClientSim();
});

afterEach(async () => {
  await fetch(`${t.sim.url}/_sim/faults`, { method: "DELETE" });
});

afterAll(async () => {
  await t.stop();
});

async function failure(call: Promise<unknown>): Promise<QboError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof QboError)) throw new Error(`Expected a QboError, got ${String(error)}`);
  return error;
}

describe("throttling and server errors tell the caller when to retry", () => {
  // "Without sleeping" needs no clock here: a client that slept Intuit's minute out would outlast the test's
  // 30 s timeout, and one that retried by itself would get the customer instead of the error.
  it("turns QuickBooks' XML 429 into a retryable 3001 with Intuit's one-minute wait, without sleeping", { timeout: 30_000 }, async () => {
    await t.control("/faults", { kind: "429", count: 1 });
    const error = await failure(t.client.read("Customer", "1"));
    expect(error).toMatchObject({ code: "3001", type: "ThrottlingFault", status: 429, retryable: true, retryAfterMs: 60_000 });
    expect(error.intuitTid).toBeTruthy();
    // The next call goes through: the throttle was one answer, not a broken client.
    await expect(t.client.read("Customer", "1")).resolves.toMatchObject({ Id: "1" });
  });

  it("reports the simulator's own rate limit the same way", async () => {
    // A fresh minute, so only this test's requests count against the limit.
    await t.control("/clock", { advanceMs: 61_000 });
    await t.control("/limits", { realmId: t.realmId, requestsPerMinute: 2 });
    try {
      await t.client.read("Customer", "1");
      await t.client.read("Customer", "1");
      const error = await failure(t.client.read("Customer", "1"));
      expect(error).toMatchObject({ code: "3001", retryable: true, retryAfterMs: 60_000 });
    } finally {
      await t.control("/limits", { realmId: t.realmId, requestsPerMinute: 100_000 });
    }
  });

  it.each(["500", "503"])("makes HTTP %s retryable with a short wait", async (kind) => {
    await t.control("/faults", { kind, count: 1 });
    const error = await failure(t.client.read("Customer", "1"));
    expect(error).toMatchObject({ code: "10000", type: "SystemFault", status: Number(kind), retryable: true, retryAfterMs: 5_000 });
    expect(error.intuitTid).toBeTruthy();
  });
});

describe("validation faults are permanent and say which field is wrong", () => {
  it("6240: a customer name already in use", async () => {
    const name = uniqueName("Duplicate");
    await t.client.create("Customer", { DisplayName: name }, { requestId: "faults-dup-1" });
    const error = await failure(t.client.create("Customer", { DisplayName: name }, { requestId: "faults-dup-2" }));
    expect(error).toMatchObject({ code: "6240", type: "ValidationFault", status: 400, element: "DisplayName", retryable: false, retryAfterMs: undefined });
    expect(error.detail).toContain(name);
    expect(error.intuitTid).toBeTruthy();
  });

  it("2500: an invoice for a customer that does not exist", async () => {
    const error = await failure(
      t.client.create("Invoice", { CustomerRef: { value: "987654" }, Line: [{ Amount: 10, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "1" } } }] }, { requestId: "faults-bad-ref" }),
    );
    expect(error).toMatchObject({ code: "2500", type: "ValidationFault", element: "CustomerRef", retryable: false });
    expect(error.detail).not.toBe("");
  });

  it("5010: an update from a stale copy", async () => {
    const customer = await t.client.create("Customer", { DisplayName: uniqueName("Stale") }, { requestId: "faults-stale-create" });
    await t.client.update("Customer", { Id: customer.Id, SyncToken: customer.SyncToken, Notes: "first" }, { requestId: "faults-stale-u1" });
    const error = await failure(t.client.update("Customer", { Id: customer.Id, SyncToken: customer.SyncToken, Notes: "second" }, { requestId: "faults-stale-u2" }));
    expect(error).toMatchObject({ code: "5010", type: "ValidationFault", retryable: false });
    expect(error.detail).not.toBe("");
  });

  it("610: reading a record that is not there", async () => {
    const error = await failure(t.client.read("Invoice", "99999999"));
    expect(error).toMatchObject({ code: "610", type: "ValidationFault", status: 400, retryable: false });
    expect(error.intuitTid).toBeTruthy();
  });
});

describe("no answer at all is retryable", () => {
  it("a reset connection is NETWORK", async () => {
    await t.control("/faults", { kind: "reset", count: 1 });
    const error = await failure(t.client.read("Customer", "1"));
    expect(error).toMatchObject({ code: "NETWORK", type: "NetworkFault", status: 0, retryable: true, retryAfterMs: 5_000, intuitTid: null });
  });

  it("an answer slower than the client's timeout is TIMEOUT, after the timeout rather than QuickBooks' 120 s", async () => {
    await t.control("/faults", { kind: "timeout", count: 1, delayMs: 3_000 });
    const client = t.clientWith({ timeoutMs: 200 });
    const error = await failure(client.read("Customer", "1"));
    // The client's own 200 ms ended the wait, not the answer 3 s later (that would be a customer, not an error).
    expect(error).toMatchObject({ code: "TIMEOUT", type: "NetworkFault", retryable: true, message: "QuickBooks did not answer within 200 ms" });
  });
});

describe("an intermediary's HTML page", () => {
  let proxy: Server;
  let url: string;

  beforeAll(async () => {
    proxy = createServer((req, res) => {
      const status = req.url?.includes("/customer/") ? 502 : 404;
      res.writeHead(status, { "content-type": "text/html" });
      res.end("<html><body><h1>Bad Gateway</h1></body></html>");
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
  });

  it("is retryable when it is a gateway error and permanent when it is a 404", async () => {
    const client = createQboClient({ baseUrl: url, realmId: t.realmId, tokens: t.tokens });
    const gateway = await failure(client.read("Customer", "1"));
    expect(gateway).toMatchObject({ code: "NOT_JSON", type: "NetworkFault", status: 502, retryable: true });
    const missing = await failure(client.query("select * from Customer"));
    expect(missing).toMatchObject({ code: "NOT_JSON", status: 404, retryable: false });
  });
});
