// Acceptance: the unmodified `node-quickbooks` client, with only its base URLs pointed at the simulator,
// works end to end: create, read, sparse update, void, delete, query with paging, batch, CDC, token refresh.
import QuickBooks from "node-quickbooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQboSim, type QboSim } from "../index";
import type { Realm } from "../state";

const APP = { clientId: "nqb-client", clientSecret: "nqb-secret", redirectUris: ["http://localhost:3999/cb"] };

type Callback = (err: unknown, body: unknown) => void;
type Client = Record<string, (...args: unknown[]) => unknown> & { token: string; refreshToken: string };

let sim: QboSim;
let realm: Realm;
let qbo: Client;
const saved: Record<string, unknown> = {};
const statics = QuickBooks as unknown as Record<string, string>;

function call<T = Record<string, unknown>>(method: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const callback: Callback = (err, body) => (err ? reject(err) : resolve(body as T));
    qbo[method]!.call(qbo, ...args, callback);
  });
}

/** node-quickbooks rejects with the Fault body (or an axios error for non-2xx answers). */
function faultCode(error: unknown): string | undefined {
  const body = (error as { Fault?: { Error: { code: string }[] }; response?: { data?: { Fault?: { Error: { code: string }[] } } } }) ?? {};
  return (body.Fault ?? body.response?.data?.Fault)?.Error[0]?.code;
}

beforeAll(async () => {
  sim = await startQboSim({ apps: [APP] });
  realm = sim.createCompany({ name: "node-quickbooks Co" });
  for (const key of ["V3_ENDPOINT_BASE_URL", "TOKEN_URL", "REVOKE_URL"]) saved[key] = statics[key];
  statics.V3_ENDPOINT_BASE_URL = `${sim.url}/v3/company/`;
  statics.TOKEN_URL = `${sim.url}/oauth2/v1/tokens/bearer`;
  statics.REVOKE_URL = `${sim.url}/v2/oauth2/tokens/revoke`;
  const tokens = sim.issueTokens({ clientId: APP.clientId, realmId: realm.realmId }) as { access_token: string; refresh_token: string };
  // consumerKey, consumerSecret, token, tokenSecret, realmId, useSandbox, debug, minorversion, oauthversion, refreshToken
  qbo = new (QuickBooks as unknown as new (...args: unknown[]) => Client)(APP.clientId, APP.clientSecret, tokens.access_token, false, realm.realmId, true, false, 75, "2.0", tokens.refresh_token);
  // Room for 40 batches of 30 in one test; everything else keeps QuickBooks' defaults.
  sim.core.limiter.overrides.set(realm.realmId, { batchesPerMinute: 100, requestsPerMinute: 5_000 });
});

afterAll(async () => {
  Object.assign(statics, saved);
  await sim?.stop();
});

describe("node-quickbooks against the simulator", () => {
  it("creates, reads and sparse-updates a customer", async () => {
    const created = await call<{ Id: string; SyncToken: string; DisplayName: string }>("createCustomer", { DisplayName: "Acceptance Customer", PrimaryEmailAddr: { Address: "a@example.com" } });
    expect(created).toMatchObject({ DisplayName: "Acceptance Customer", SyncToken: "0" });
    const read = await call<{ Id: string; SyncToken: string }>("getCustomer", created.Id);
    expect(read.Id).toBe(created.Id);
    const updated = await call<{ SyncToken: string; Notes: string; DisplayName: string }>("updateCustomer", { Id: read.Id, SyncToken: read.SyncToken, sparse: true, Notes: "VIP" });
    expect(updated).toMatchObject({ SyncToken: "1", Notes: "VIP", DisplayName: "Acceptance Customer" });
    await expect(call("updateCustomer", { Id: read.Id, SyncToken: "0", sparse: true, Notes: "stale" })).rejects.toSatisfy((e) => faultCode(e) === "5010");
  });

  it("voids and deletes invoices", async () => {
    const customer = await call<{ Id: string }>("createCustomer", { DisplayName: "Invoice Customer" });
    const items = await call<{ QueryResponse: { Item: { Id: string; Type: string }[] } }>("findItems", { Type: "Service" });
    const item = items.QueryResponse.Item[0]!;
    const line = { Amount: 120, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 120 } };
    const invoice = await call<{ Id: string; SyncToken: string; TotalAmt: number; Balance: number }>("createInvoice", { CustomerRef: { value: customer.Id }, Line: [line] });
    expect(invoice).toMatchObject({ TotalAmt: 120, Balance: 120 });

    const voided = await call<{ Invoice: { TotalAmt: number; Balance: number; PrivateNote: string } }>("voidInvoice", invoice);
    expect(voided.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: expect.stringContaining("Voided") });

    const other = await call<{ Id: string }>("createInvoice", { CustomerRef: { value: customer.Id }, Line: [line] });
    const deleted = await call<{ Invoice: { status: string; Id: string } }>("deleteInvoice", other.Id);
    expect(deleted.Invoice).toEqual({ status: "Deleted", domain: "QBO", Id: other.Id });
    await expect(call("getInvoice", other.Id)).rejects.toSatisfy((e) => faultCode(e) === "610");
  });

  it("creates 1,200 customers in batches of 30 and pages through them all with fetchAll", async () => {
    for (let b = 0; b < 40; b++) {
      const items = Array.from({ length: 30 }, (_, i) => ({ bId: String(i + 1), operation: "create", Customer: { DisplayName: `Paged ${String(b * 30 + i).padStart(4, "0")}` } }));
      const answer = await call<{ BatchItemResponse: { bId: string; Customer?: unknown; Fault?: unknown }[] }>("batch", items);
      expect(answer.BatchItemResponse.filter((r) => r.Customer)).toHaveLength(30);
    }
    const all = await call<{ QueryResponse: { Customer: { DisplayName: string }[]; maxResults: number } }>("findCustomers", { fetchAll: true });
    const paged = all.QueryResponse.Customer.filter((c) => c.DisplayName.startsWith("Paged "));
    expect(paged).toHaveLength(1200);
    expect(new Set(paged.map((c) => c.DisplayName)).size).toBe(1200);
    const count = await call<{ QueryResponse: { totalCount: number } }>("findCustomers", { count: true });
    expect(count.QueryResponse.totalCount).toBe(all.QueryResponse.Customer.length);
    expect(all.QueryResponse.maxResults).toBe(all.QueryResponse.Customer.length);
  });

  it("answers a batch item by item: a duplicate name fails alone, the rest succeed, keyed by bId", async () => {
    const answer = await call<{ BatchItemResponse: { bId: string; Customer?: { DisplayName: string }; Fault?: { Error: { code: string }[] }; QueryResponse?: unknown }[] }>("batch", [
      { bId: "a", operation: "create", Customer: { DisplayName: "Batch One" } },
      { bId: "b", operation: "create", Customer: { DisplayName: "Batch One" } },
      { bId: "c", Query: "select count(*) from Customer where DisplayName = 'Batch One'" },
    ]);
    const byId = Object.fromEntries(answer.BatchItemResponse.map((r) => [r.bId, r]));
    expect(byId.a?.Customer?.DisplayName).toBe("Batch One");
    expect(byId.b?.Fault?.Error[0]?.code).toBe("6240");
    expect(byId.c?.QueryResponse).toEqual({ totalCount: 1 });
  });

  it("reports changes and deletions through change data capture", async () => {
    // Start the window after the 1,200 customers above, so CDC's 1,000-per-entity cap does not hide these.
    sim.clock.advance(5_000);
    const since = new Date(sim.clock.now() - 1).toISOString();
    const customer = await call<{ Id: string }>("createCustomer", { DisplayName: "CDC Customer" });
    const items = await call<{ QueryResponse: { Item: { Id: string }[] } }>("findItems", { Type: "Service" });
    const line = { Amount: 10, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: items.QueryResponse.Item[0]!.Id } } };
    const invoice = await call<{ Id: string }>("createInvoice", { CustomerRef: { value: customer.Id }, Line: [line] });
    await call("deleteInvoice", invoice.Id);
    const cdc = await call<{ CDCResponse: { QueryResponse: Record<string, { Id: string; status?: string }[]>[] }[] }>("changeDataCapture", ["Customer", "Invoice"], since);
    const responses = cdc.CDCResponse[0]!.QueryResponse;
    const customers = responses.find((r) => r.Customer)?.Customer ?? [];
    const invoices = responses.find((r) => r.Invoice)?.Invoice ?? [];
    expect(customers.map((c) => c.Id)).toContain(customer.Id);
    expect(invoices.find((i) => i.Id === invoice.Id)?.status).toBe("Deleted");
  });

  it("refreshes the access token; the old refresh token then fails and the new one works", async () => {
    const oldRefresh = qbo.refreshToken;
    const oldAccess = qbo.token;
    const refreshed = await call<{ access_token: string; refresh_token: string; expires_in: number }>("refreshAccessToken");
    expect(refreshed.expires_in).toBe(3600);
    expect(qbo.token).not.toBe(oldAccess);
    expect(qbo.refreshToken).not.toBe(oldRefresh);
    expect((await call<{ Id: string }>("getCompanyInfo", realm.realmId)).Id).toBe("1");

    const newRefresh = qbo.refreshToken;
    qbo.refreshToken = oldRefresh;
    const error = await call("refreshAccessToken").catch((e: { response?: { status: number; data: { error: string } } }) => e);
    expect((error as { response: { status: number; data: { error: string } } }).response).toMatchObject({ status: 400, data: { error: "invalid_grant" } });
    qbo.refreshToken = newRefresh;
  });
});
