// Foreign-currency documents: rates, home-currency amounts, and companies without multicurrency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintAccessToken, startTestSim, type TestSim } from "../../test-helpers";
import type { Realm } from "../../state";
import { entityOf, faultOf, idOf, itemId } from "./test-kit";

let t: TestSim;
let multi: Realm;
let token: string;

beforeAll(async () => {
  t = await startTestSim();
  multi = t.sim.createCompany({ name: "Global Goods", multicurrency: true });
  token = mintAccessToken(t.sim, multi.realmId);
});
afterAll(async () => {
  await t.sim.stop();
});

async function multiApi(method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.sim.url}/v3/company/${multi.realmId}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe("multicurrency", () => {
  it("a EUR invoice for a EUR customer carries the rate and home-currency amounts", async () => {
    multi.exchangeRates["EUR:2026-03-01"] = "1.0825";
    const customer = entityOf((await multiApi("POST", "/customer", { DisplayName: "Berlin Buyer GmbH", CurrencyRef: { value: "EUR" } })).body, "Customer");
    expect(customer.CurrencyRef).toEqual({ value: "EUR", name: "Euro" });
    const res = await multiApi("POST", "/invoice", {
      CustomerRef: { value: customer.Id },
      TxnDate: "2026-03-02",
      Line: [{ Amount: 333.33, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: idOf(multi, "Item", "Name", "Consulting") } } }],
    });
    expect(res.status).toBe(200);
    const invoice = entityOf(res.body, "Invoice");
    // 333.33 × 1.0825 = 360.829725 -> 360.83
    expect(invoice).toMatchObject({ CurrencyRef: { value: "EUR", name: "Euro" }, ExchangeRate: 1.0825, TotalAmt: 333.33, HomeTotalAmt: 360.83, Balance: 333.33, HomeBalance: 360.83 });

    const payment = await multiApi("POST", "/payment", { CustomerRef: { value: customer.Id }, TotalAmt: 100, ExchangeRate: 1.1, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] });
    expect(entityOf(payment.body, "Payment")).toMatchObject({ CurrencyRef: { value: "EUR" }, ExchangeRate: 1.1, HomeTotalAmt: 110 });
    const after = entityOf((await multiApi("GET", `/invoice/${invoice.Id}`)).body, "Invoice");
    // The invoice's open balance is still converted at its own rate.
    expect(after).toMatchObject({ Balance: 233.33, HomeBalance: 252.58 });
  });

  it("a document must be in its customer's currency", async () => {
    const home = idOf(multi, "Customer", "DisplayName", "Harbor View Bakery");
    const res = await multiApi("POST", "/invoice", {
      CustomerRef: { value: home },
      CurrencyRef: { value: "GBP" },
      Line: [{ Amount: 5, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: idOf(multi, "Item", "Name", "Services") } } }],
    });
    expect(faultOf(res.body)).toMatchObject({ code: "6000", element: "CurrencyRef" });
  });

  it("a company without multicurrency refuses foreign currencies", async () => {
    const customer = await t.api("POST", "/customer", { DisplayName: "Paris Client", CurrencyRef: { value: "EUR" } });
    expect(faultOf(customer.body)).toMatchObject({ code: "6000", element: "CurrencyRef" });
    const receipt = await t.api("POST", "/salesreceipt", {
      CurrencyRef: { value: "EUR" },
      Line: [{ Amount: 5, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } }],
    });
    expect(faultOf(receipt.body).code).toBe("6000");
  });
});

describe("GET /exchangerate", () => {
  it("answers the company's own rate for the date, else the latest earlier one", async () => {
    multi.exchangeRates["GBP:2026-01-10"] = "1.2634";
    const exact = await multiApi("GET", "/exchangerate?sourcecurrencycode=GBP&asofdate=2026-01-10");
    expect(entityOf(exact.body, "ExchangeRate")).toMatchObject({ SourceCurrencyCode: "GBP", TargetCurrencyCode: "USD", Rate: 1.2634, AsOfDate: "2026-01-10" });
    const later = await multiApi("GET", "/exchangerate?sourcecurrencycode=gbp&asofdate=2026-02-01");
    expect(entityOf(later.body, "ExchangeRate").Rate).toBe(1.2634);
    expect(entityOf(later.body, "ExchangeRate").MetaData.LastUpdatedTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-08:00$/);
  });

  it("falls back to a plausible default, answers 1 for the home currency", async () => {
    const eur = entityOf((await t.api("GET", "/exchangerate?sourcecurrencycode=EUR&asofdate=2025-01-31")).body, "ExchangeRate");
    expect(eur.Rate).toBeGreaterThan(0.9);
    expect(eur.Rate).toBeLessThan(1.3);
    const usd = entityOf((await t.api("GET", "/exchangerate?sourcecurrencycode=USD")).body, "ExchangeRate");
    expect(usd.Rate).toBe(1);
  });

  it("sets the company's own rate with POST /exchangerate, which later reads and invoices use", async () => {
    const set = await multiApi("POST", "/exchangerate", { SourceCurrencyCode: "EUR", AsOfDate: "2026-03-01", Rate: 1.0875 });
    expect(entityOf(set.body, "ExchangeRate")).toMatchObject({ SourceCurrencyCode: "EUR", TargetCurrencyCode: "USD", Rate: 1.0875, AsOfDate: "2026-03-01" });
    const read = await multiApi("GET", "/exchangerate?sourcecurrencycode=EUR&asofdate=2026-03-01");
    expect(entityOf(read.body, "ExchangeRate").Rate).toBe(1.0875);
    const unknownField = await multiApi("POST", "/exchangerate", { SourceCurrencyCode: "EUR", AsOfDate: "2026-03-01", Rate: 1.1, Colour: "red" });
    expect(faultOf(unknownField.body)).toMatchObject({ code: "2010" });
  });

  it("needs sourcecurrencycode (2020) and a known currency", async () => {
    const missing = await t.api("GET", "/exchangerate?asofdate=2025-01-31");
    expect(faultOf(missing.body)).toMatchObject({ code: "2020", element: "sourcecurrencycode" });
    const unknown = await t.api("GET", "/exchangerate?sourcecurrencycode=XYZ");
    expect(unknown.status).toBe(400);
    expect((unknown.body as { Fault: { type: string } }).Fault.type).toBe("ValidationFault");
  });
});
