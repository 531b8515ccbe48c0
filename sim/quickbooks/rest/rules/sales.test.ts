// Sales forms: shapes against the SalesReceipt captures, computed lines, numbering and sales tax.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, shapeOf, startTestSim, type TestSim } from "../../test-helpers";
import { accountId, customerId, entityOf, faultOf, itemId, type Doc } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const item = (name: string) => ({ value: itemId(t.realm, name) });
const customer = () => ({ value: customerId(t.realm, "Harbor View Bakery") });

function expectCaptureShape(body: unknown, capture: string) {
  expect(shapeOf(body)).toEqual(expect.arrayContaining(shapeOf(fixture(capture))));
}

describe("SalesReceipt", () => {
  it("creates and voids like the captures: lines kept, Qty and amounts zeroed, note Voided", async () => {
    const created = await t.api("POST", "/salesreceipt", {
      Line: [{ Amount: 0, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Services"), Qty: 1, UnitPrice: 0 } }],
    });
    expect(created.status).toBe(200);
    expectCaptureShape(created.body, "qbo/api/exquickbooks/salesreceipt_create_response.json");
    const receipt = entityOf(created.body, "SalesReceipt");
    expect(receipt).toMatchObject({
      DepositToAccountRef: { value: accountId(t.realm, "Undeposited Funds"), name: "Undeposited Funds" },
      CurrencyRef: { value: "USD", name: "United States Dollar" },
      PrintStatus: "NeedToPrint",
      EmailStatus: "NotSet",
      Balance: 0,
      ApplyTaxAfterDiscount: false,
    });
    expect(receipt.Line[0]).toMatchObject({ Id: "1", LineNum: 1, SalesItemLineDetail: { TaxCodeRef: { value: "NON" }, ItemRef: { name: "Services" } } });
    expect(receipt.Line[1]).toEqual({ Amount: 0, DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} });

    const paid = await t.api("POST", "/salesreceipt", { Line: [{ Amount: 40, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Services"), Qty: 2, UnitPrice: 20 } }] });
    const toVoid = entityOf(paid.body, "SalesReceipt");
    const voided = await t.api("POST", "/salesreceipt?operation=void", { Id: toVoid.Id, SyncToken: toVoid.SyncToken });
    expect(voided.status).toBe(200);
    expectCaptureShape(voided.body, "qbo/api/exquickbooks/salesreceipt_void_response.json");
    const after = entityOf(voided.body, "SalesReceipt");
    expect(after).toMatchObject({ SyncToken: "1", PrivateNote: "Voided", TotalAmt: 0, Balance: 0, DocNumber: toVoid.DocNumber });
    expect(after.Line).toHaveLength(2);
    expect(after.Line[0]).toMatchObject({ Amount: 0, SalesItemLineDetail: { Qty: 0, UnitPrice: 20 } });
  });


  it("voiding with an old SyncToken answers 5010 like the capture", async () => {
    const created = entityOf((await t.api("POST", "/salesreceipt", { Line: [{ Amount: 9, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Services") } }] })).body, "SalesReceipt");
    await t.api("POST", "/salesreceipt", { Id: created.Id, SyncToken: created.SyncToken, sparse: true, PrivateNote: "edited" });
    const stale = await t.api("POST", "/salesreceipt?operation=void", { Id: created.Id, SyncToken: created.SyncToken });
    expect(stale.status).toBe(400);
    expectCaptureShape(stale.body, "qbo/errors/exquickbooks_salesreceipt_void_stale_object_5010.json");
    expect(faultOf(stale.body).code).toBe("5010");
  });
});

describe("Invoice lines and totals", () => {
  it("numbers sales forms from 1001 in one shared sequence", async () => {
    // A company of its own, so no other test's documents take numbers first.
    const t2 = await startTestSim();
    try {
      const line = [{ Amount: 5, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t2.realm, "Services") } } }];
      const cust = { value: customerId(t2.realm, "Northwind Outfitters") };
      const inv = entityOf((await t2.api("POST", "/invoice", { CustomerRef: cust, Line: line })).body, "Invoice");
      const rec = entityOf((await t2.api("POST", "/salesreceipt", { Line: line })).body, "SalesReceipt");
      const inv2 = entityOf((await t2.api("POST", "/invoice", { CustomerRef: cust, Line: line })).body, "Invoice");
      expect([inv.DocNumber, rec.DocNumber, inv2.DocNumber]).toEqual(["1001", "1002", "1003"]);
    } finally {
      await t2.sim.stop();
    }
  });

  it("computes Amount = Qty × UnitPrice, rounded half-up to cents", async () => {
    const res = await t.api("POST", "/invoice", {
      CustomerRef: customer(),
      Line: [
        { DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Consulting"), Qty: 3, UnitPrice: 33.335 } },
        { DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Hours"), Qty: 0.1, UnitPrice: 0.7 } },
      ],
    });
    const invoice = entityOf(res.body, "Invoice");
    expect(invoice.Line[0].Amount).toBe(100.01);
    expect(invoice.Line[1].Amount).toBe(0.07);
    expect(invoice.TotalAmt).toBe(100.08);
    expect(invoice.Balance).toBe(100.08);
    expect(invoice.Line[2]).toMatchObject({ DetailType: "SubTotalLineDetail", Amount: 100.08 });
  });

  it("refuses a line whose Amount disagrees with Qty × UnitPrice (6070) or can't be computed (2020)", async () => {
    const mismatch = await t.api("POST", "/invoice", {
      CustomerRef: customer(),
      Line: [{ Amount: 50, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Consulting"), Qty: 2, UnitPrice: 20 } }],
    });
    expect(faultOf(mismatch.body)).toMatchObject({ code: "6070", element: "Line.Amount" });
    const missing = await t.api("POST", "/invoice", { CustomerRef: customer(), Line: [{ DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Consulting"), Qty: 2 } }] });
    expect(faultOf(missing.body)).toMatchObject({ code: "2020", element: "Line.Amount" });
  });

  it("charges 8% sales tax on taxable lines only, exact to the cent", async () => {
    const res = await t.api("POST", "/invoice", {
      CustomerRef: customer(),
      Line: [
        // Widget is a taxable item: its line defaults to TAX.
        { DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Widget"), Qty: 3, UnitPrice: 19.99 } },
        { Amount: 0.15, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Services"), TaxCodeRef: { value: "TAX" } } },
        { Amount: 100, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Consulting") } },
      ],
    });
    const invoice: Doc = entityOf(res.body, "Invoice");
    // Taxable 59.97 + 0.15 = 60.12; 8% = 4.8096 -> 4.81. Total 160.12 + 4.81.
    expect(invoice.Line[0].SalesItemLineDetail.TaxCodeRef).toEqual({ value: "TAX" });
    expect(invoice.Line[2].SalesItemLineDetail.TaxCodeRef).toEqual({ value: "NON" });
    expect(invoice.TxnTaxDetail).toEqual({
      TxnTaxCodeRef: { value: "1" },
      TotalTax: 4.81,
      TaxLine: [{ Amount: 4.81, DetailType: "TaxLineDetail", TaxLineDetail: { TaxRateRef: { value: "1" }, PercentBased: true, TaxPercent: 8, NetAmountTaxable: 60.12 } }],
    });
    expect(invoice.TotalAmt).toBe(164.93);
  });

  it("keeps a TotalTax the request overrides with a tax code", async () => {
    const res = await t.api("POST", "/invoice", {
      CustomerRef: customer(),
      TxnTaxDetail: { TxnTaxCodeRef: { value: "1" }, TotalTax: 7.5 },
      Line: [{ Amount: 100, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Widget"), TaxCodeRef: { value: "TAX" } } }],
    });
    const invoice = entityOf(res.body, "Invoice");
    expect(invoice.TxnTaxDetail.TotalTax).toBe(7.5);
    expect(invoice.TxnTaxDetail.TaxLine[0].Amount).toBe(7.5);
    expect(invoice.TotalAmt).toBe(107.5);
  });

  it("refuses line tax codes other than TAX and NON in a US company (6100)", async () => {
    const res = await t.api("POST", "/invoice", {
      CustomerRef: customer(),
      Line: [{ Amount: 10, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Widget"), TaxCodeRef: { value: "1" } } }],
    });
    expect(faultOf(res.body)).toMatchObject({ code: "6100", element: "Line.SalesItemLineDetail.TaxCodeRef" });
  });

  it("takes a percentage discount off the subtotal", async () => {
    const res = await t.api("POST", "/invoice", {
      CustomerRef: customer(),
      Line: [
        { Amount: 200, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Consulting") } },
        { DetailType: "DiscountLineDetail", DiscountLineDetail: { PercentBased: true, DiscountPercent: 12.5 } },
      ],
    });
    const invoice = entityOf(res.body, "Invoice");
    expect(invoice.Line.map((l: Doc) => [l.DetailType, l.Amount])).toEqual([
      ["SalesItemLineDetail", 200],
      ["SubTotalLineDetail", 200],
      ["DiscountLineDetail", 25],
    ]);
    expect(invoice.Line[2].DiscountLineDetail.DiscountAccountRef.name).toBe("Discounts given");
    expect(invoice.TotalAmt).toBe(175);
  });

  it("a new invoice takes the customer's billing address and email", async () => {
    const res = await t.api("POST", "/invoice", { CustomerRef: customer(), Line: [{ Amount: 10, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Services") } }] });
    expect(entityOf(res.body, "Invoice")).toMatchObject({
      BillEmail: { Address: "orders@harborviewbakery.example" },
      BillAddr: { Line1: "18 Pier Road", City: "Sausalito" },
      DueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      Deposit: 0,
      AllowOnlinePayment: false,
      LinkedTxn: [],
    });
  });

  it("a full update without the subtotal line recomputes it and keeps DocNumber", async () => {
    const created = entityOf(
      (await t.api("POST", "/invoice", { CustomerRef: customer(), PrivateNote: "first", Line: [{ Amount: 10, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Services") } }] })).body,
      "Invoice",
    );
    const res = await t.api("POST", "/invoice", {
      Id: created.Id,
      SyncToken: created.SyncToken,
      CustomerRef: created.CustomerRef,
      Line: [{ Id: "1", Amount: 30, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item("Services") } }],
    });
    const updated = entityOf(res.body, "Invoice");
    expect(updated).toMatchObject({ DocNumber: created.DocNumber, TotalAmt: 30, Balance: 30, SyncToken: "1" });
    expect(updated).not.toHaveProperty("PrivateNote");
    expect(updated.Line.at(-1)).toMatchObject({ DetailType: "SubTotalLineDetail", Amount: 30 });
  });
});
