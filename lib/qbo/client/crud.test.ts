import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QboError } from "./qbo-error";
import { qboString } from "./query";
import { startClientSim, uniqueName, type ClientSim } from "./test-kit";

let t: ClientSim;

beforeAll(async () => {
  t = await startClientSim();
});

afterAll(async () => {
  await t.stop();
});

async function serviceItemId(): Promise<string> {
  const page = await t.client.query("select * from Item where Type = 'Service'");
  const id = page.rows[0]?.Id;
  if (!id) throw new Error("The simulator's company has no service item");
  return id;
}

describe("writing one record", () => {
  it("creates, reads, sparsely updates and voids an invoice", async () => {
    const customer = await t.client.create("Customer", { DisplayName: uniqueName("Lifecycle") }, { requestId: "crud-lifecycle-customer" });
    const itemId = await serviceItemId();
    const invoice = await t.client.create(
      "Invoice",
      { CustomerRef: { value: customer.Id }, Line: [{ Amount: 120, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId } } }] },
      { requestId: "crud-lifecycle-invoice" },
    );
    expect(invoice.TotalAmt).toBe(120);
    expect(invoice.CustomerRef.value).toBe(customer.Id);

    const read = await t.client.read("Invoice", invoice.Id);
    expect(read.SyncToken).toBe(invoice.SyncToken);

    // Sparse: the memo changes, the lines the body left out stay.
    const updated = await t.client.update("Invoice", { Id: invoice.Id, SyncToken: invoice.SyncToken, PrivateNote: "Paid by card" }, { requestId: "crud-lifecycle-update" });
    expect(updated.PrivateNote).toBe("Paid by card");
    expect(updated.Line.length).toBe(invoice.Line.length);
    expect(updated.SyncToken).not.toBe(invoice.SyncToken);

    const voided = await t.client.void("Invoice", { Id: updated.Id, SyncToken: updated.SyncToken }, { requestId: "crud-lifecycle-void" });
    expect(voided.TotalAmt).toBe(0);
  });

  it("posts once when the same create is sent twice with one requestId", async () => {
    const name = uniqueName("Replay");
    const first = await t.client.create("Customer", { DisplayName: name }, { requestId: "crud-replay-1" });
    const second = await t.client.create("Customer", { DisplayName: name }, { requestId: "crud-replay-1" });
    expect(second.Id).toBe(first.Id);
    expect(await t.client.count("Customer", `DisplayName = ${qboString(name)}`)).toBe(1);
  });

  it("refuses a write without a usable requestId before anything reaches QuickBooks", async () => {
    const before = t.usage.writes;
    for (const requestId of ["", "x".repeat(51), "has space"]) {
      const error = await t.client.create("Customer", { DisplayName: uniqueName("NoId") }, { requestId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QboError);
      expect(error).toMatchObject({ code: "INVALID_ARGUMENT", retryable: false, element: "requestId" });
    }
    expect(t.usage.writes).toBe(before);
  });

  it("deletes a transaction and answers its Id with status Deleted", async () => {
    const customer = await t.client.create("Customer", { DisplayName: uniqueName("Deleting") }, { requestId: "crud-delete-customer" });
    const payment = await t.client.create("Payment", { CustomerRef: { value: customer.Id }, TotalAmt: 25 }, { requestId: "crud-delete-payment" });
    const deleted = await t.client.delete("Payment", { Id: payment.Id, SyncToken: payment.SyncToken }, { requestId: "crud-delete-payment-del" });
    expect(deleted).toMatchObject({ status: "Deleted", Id: payment.Id });
  });
});

describe("company settings", () => {
  it("reads company info, preferences and an exchange rate", async () => {
    const info = await t.client.companyInfo();
    expect(info.CompanyName).toBe("Client Test Company");
    const preferences = await t.client.preferences();
    expect(preferences.Id).toBeTruthy();
    await t.control(`/realms/${t.realmId}/exchange-rates`, { currency: "EUR", date: "2025-01-31", rate: "1.0842" });
    const rate = await t.client.exchangeRate("EUR", "2025-01-31");
    expect(rate).toMatchObject({ SourceCurrencyCode: "EUR", TargetCurrencyCode: "USD", Rate: 1.0842, AsOfDate: "2025-01-31" });
  });
});
