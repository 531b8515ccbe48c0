// taxPostingsOf: where each transaction's tax lands, per tax account, for every country model and tax mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realmContext } from "../../core";
import { mintAccessToken, startTestSim, type TestSim } from "../../test-helpers";
import type { Realm } from "../../state";
import type { RealmContext } from "../context";
import { taxPostingLinesOf, taxPostingsOf } from "./tax-postings";
import { accountId, customerId, entityOf, idOf, itemId, vendorId, type Doc } from "./test-kit";

let t: TestSim;
const realms: Record<string, { realm: Realm; token: string }> = {};

beforeAll(async () => {
  t = await startTestSim();
  realms.US = { realm: t.realm, token: t.token };
  for (const [country, currency] of [["GB", "GBP"], ["CA", "CAD"]] as const) {
    const realm = t.sim.createCompany({ country, currency });
    realms[country] = { realm, token: mintAccessToken(t.sim, realm.realmId) };
  }
});
afterAll(async () => {
  await t.sim.stop();
});

const realmOf = (country: string) => realms[country]!.realm;
const ctxOf = (country: string): RealmContext => realmContext(t.sim.core, realmOf(country));

async function create(country: string, entity: string, body: unknown): Promise<Doc> {
  const { realm, token } = realms[country]!;
  const res = await fetch(`${t.sim.url}/v3/company/${realm.realmId}/${entity.toLowerCase()}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Doc;
  expect(res.status, JSON.stringify(json)).toBe(200);
  return entityOf(json, entity);
}

/** Postings keyed by account name, for readable assertions. */
function byName(country: string, entity: string, record: Doc): Record<string, number> {
  const accounts = realmOf(country).entities.Account!;
  return Object.fromEntries([...taxPostingsOf(ctxOf(country), entity, record)].map(([id, cents]) => [accounts[id]!.Name, cents]));
}

const code = (country: string, name: string) => ({ value: idOf(realmOf(country), "TaxCode", "Name", name) });
const sale = (country: string, amount: number, taxCode: string) => ({
  Amount: amount,
  DetailType: "SalesItemLineDetail",
  SalesItemLineDetail: { ItemRef: { value: itemId(realmOf(country), "Widget") }, TaxCodeRef: country === "US" ? { value: taxCode } : code(country, taxCode) },
});
const expense = (country: string, amount: number, taxCode: string) => ({
  Amount: amount,
  DetailType: "AccountBasedExpenseLineDetail",
  AccountBasedExpenseLineDetail: { AccountRef: { value: accountId(realmOf(country), "Office Supplies & Software") }, TaxCodeRef: code(country, taxCode) },
});
const customer = (country: string) => ({ value: customerId(realmOf(country), "Harbor View Bakery") });
const vendor = (country: string) => ({ value: vendorId(realmOf(country), "Pacific Paper Supply") });
const bank = (country: string) => ({ value: accountId(realmOf(country), "Checking") });

describe("taxPostingsOf", () => {
  it("US: an invoice credits Sales Tax Payable; a credit memo and a refund debit it back", async () => {
    const invoice = await create("US", "Invoice", { CustomerRef: customer("US"), Line: [sale("US", 120, "TAX")] });
    expect(byName("US", "Invoice", invoice)).toEqual({ "Sales Tax Payable": -960 });
    const memo = await create("US", "CreditMemo", { CustomerRef: customer("US"), Line: [sale("US", 120, "TAX")] });
    expect(byName("US", "CreditMemo", memo)).toEqual({ "Sales Tax Payable": 960 });
    const refund = await create("US", "RefundReceipt", { DepositToAccountRef: bank("US"), GlobalTaxCalculation: "TaxInclusive", Line: [sale("US", 120, "TAX")] });
    expect(byName("US", "RefundReceipt", refund)).toEqual({ "Sales Tax Payable": 889 });
  });

  it("US: a tax-inclusive receipt balances: net lines + tax = TotalAmt", async () => {
    const receipt = await create("US", "SalesReceipt", { GlobalTaxCalculation: "TaxInclusive", Line: [sale("US", 33.33, "TAX"), sale("US", 66.67, "TAX"), sale("US", 0.99, "NON")] });
    const net = receipt.Line.filter((l: Doc) => l.DetailType === "SalesItemLineDetail").reduce((s: number, l: Doc) => s + Math.round(l.Amount * 100), 0);
    const tax = -[...taxPostingsOf(ctxOf("US"), "SalesReceipt", receipt).values()].reduce((s, c) => s + c, 0);
    expect(net + tax).toBe(Math.round(receipt.TotalAmt * 100));
    expect(receipt.TotalAmt).toBe(100.99);
  });

  it("US: a voided invoice posts no tax", async () => {
    const invoice = await create("US", "Invoice", { CustomerRef: customer("US"), Line: [sale("US", 10, "TAX")] });
    const res = await fetch(`${t.sim.url}/v3/company/${t.realm.realmId}/invoice?operation=void`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ Id: invoice.Id, SyncToken: invoice.SyncToken }),
    });
    expect(byName("US", "Invoice", entityOf(await res.json(), "Invoice"))).toEqual({});
  });

  it("GB: sales VAT is credited to VAT Control, purchase VAT debited to it", async () => {
    const invoice = await create("GB", "Invoice", { CustomerRef: customer("GB"), Line: [sale("GB", 100, "20.0% S"), sale("GB", 40, "5.0% R")] });
    expect(byName("GB", "Invoice", invoice)).toEqual({ "VAT Control": -2200 });
    const bill = await create("GB", "Bill", { VendorRef: vendor("GB"), Line: [expense("GB", 250, "20.0% S")] });
    expect(byName("GB", "Bill", bill)).toEqual({ "VAT Control": 5000 });
    // A vendor credit is a bill the other way round (the entity is on its way; its postings are ready).
    expect(byName("GB", "VendorCredit", bill)).toEqual({ "VAT Control": -5000 });
  });

  it("GB: a card refund (Purchase with Credit=true) runs the other way", async () => {
    const body = { PaymentType: "CreditCard", AccountRef: { value: accountId(realmOf("GB"), "Mastercard") }, Line: [expense("GB", 50, "20.0% S")] };
    const charge = await create("GB", "Purchase", body);
    const refund = await create("GB", "Purchase", { ...body, Credit: true });
    expect(byName("GB", "Purchase", charge)).toEqual({ "VAT Control": 1000 });
    expect(byName("GB", "Purchase", refund)).toEqual({ "VAT Control": -1000 });
  });

  it("GB: reverse charge posts input VAT (debit) and output VAT (credit) that net to zero", async () => {
    const purchase = await create("GB", "Purchase", { PaymentType: "Cash", AccountRef: bank("GB"), Line: [expense("GB", 1000, "20.0% ECS")] });
    const lines = taxPostingLinesOf(ctxOf("GB"), "Purchase", purchase);
    const vatControl = accountId(realmOf("GB"), "VAT Control");
    expect(lines.map((l) => [l.accountId, l.amount])).toEqual([
      [vatControl, 20000],
      [vatControl, -20000],
    ]);
    expect(byName("GB", "Purchase", purchase)).toEqual({});
  });

  it("CA: GST and QST go to their own payable accounts; PST BC to PST Payable", async () => {
    const invoice = await create("CA", "Invoice", { CustomerRef: customer("CA"), Line: [sale("CA", 200, "GST/QST QC"), sale("CA", 100, "PST BC")] });
    expect(byName("CA", "Invoice", invoice)).toEqual({ "GST/HST Payable": -1000, "QST Payable": -1995, "PST Payable": -700 });
    const bill = await create("CA", "Bill", { VendorRef: vendor("CA"), Line: [expense("CA", 100, "HST ON"), expense("CA", 100, "GST/QST QC")] });
    expect(byName("CA", "Bill", bill)).toEqual({ "GST/HST Payable": 1800, "QST Payable": 998 });
  });
});
