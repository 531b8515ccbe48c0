// Companies outside the US: VAT (GB), GST/HST/PST/QST (CA) and GST (AU) seeded with the company, a tax code on
// every line, and tax computed per line code for sales and purchases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintAccessToken, startTestSim, type TestSim } from "../../test-helpers";
import type { Realm } from "../../state";
import { accountId, customerId, entityOf, faultOf, idOf, itemId, vendorId, type Doc } from "./test-kit";

let t: TestSim;
const companies: Record<string, { realm: Realm; token: string }> = {};

beforeAll(async () => {
  t = await startTestSim();
  for (const [country, currency] of [["GB", "GBP"], ["CA", "CAD"], ["AU", "AUD"]] as const) {
    const realm = t.sim.createCompany({ name: `Tax ${country}`, country, currency });
    companies[country] = { realm, token: mintAccessToken(t.sim, realm.realmId) };
  }
});
afterAll(async () => {
  await t.sim.stop();
});

async function api(country: string, method: string, path: string, body?: unknown) {
  const { realm, token } = companies[country]!;
  const res = await fetch(`${t.sim.url}/v3/company/${realm.realmId}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Doc };
}

const realmOf = (country: string) => companies[country]!.realm;
const list = (country: string, entity: string): Doc[] => Object.values(realmOf(country).entities[entity] ?? {});
const code = (country: string, name: string) => ({ value: idOf(realmOf(country), "TaxCode", "Name", name) });
const sale = (country: string, amount: number, taxCode?: string) => ({
  Amount: amount,
  DetailType: "SalesItemLineDetail",
  SalesItemLineDetail: { ItemRef: { value: itemId(realmOf(country), "Services") }, ...(taxCode ? { TaxCodeRef: code(country, taxCode) } : {}) },
});
const expense = (country: string, amount: number, taxCode?: string) => ({
  Amount: amount,
  DetailType: "AccountBasedExpenseLineDetail",
  AccountBasedExpenseLineDetail: { AccountRef: { value: accountId(realmOf(country), "Office Supplies & Software") }, ...(taxCode ? { TaxCodeRef: code(country, taxCode) } : {}) },
});
const customer = (country: string) => ({ value: customerId(realmOf(country), "Harbor View Bakery") });
const vendor = (country: string) => ({ value: vendorId(realmOf(country), "Pacific Paper Supply") });
const taxLines = (doc: Doc) => doc.TxnTaxDetail.TaxLine.map((l: Doc) => [l.TaxLineDetail.TaxPercent, l.Amount, l.TaxLineDetail.NetAmountTaxable]);

describe("seeded tax models", () => {
  it("GB: VAT codes and rates with HMRC, a VAT Control account, nothing of US sales tax", () => {
    const names = list("GB", "TaxCode").map((c) => c.Name);
    expect(names).toEqual(expect.arrayContaining(["20.0% S", "5.0% R", "0.0% Z", "Exempt", "No VAT", "20.0% ECG", "20.0% ECS"]));
    expect(names).not.toContain("TAX");
    expect(names).not.toContain("State sales tax");
    expect(list("GB", "TaxRate").map((r) => r.Name)).not.toContain("State sales tax");
    const hmrc = list("GB", "TaxAgency").find((a) => a.DisplayName === "HM Revenue & Customs");
    expect(hmrc).toBeDefined();
    const standard = list("GB", "TaxCode").find((c) => c.Name === "20.0% S");
    const salesRate = realmOf("GB").entities.TaxRate![standard.SalesTaxRateList.TaxRateDetail[0].TaxRateRef.value];
    expect(salesRate).toMatchObject({ RateValue: 20, AgencyRef: { value: hmrc!.Id } });
    expect(standard.PurchaseTaxRateList.TaxRateDetail).toHaveLength(1);
    const accounts = list("GB", "Account");
    expect(accounts.find((a) => a.Name === "VAT Control")).toMatchObject({ AccountType: "Other Current Liability", AccountSubType: "GlobalTaxPayable" });
    expect(accounts.find((a) => a.Name === "Sales Tax Payable")).toBeUndefined();
  });

  it("CA: GST, HST, PST BC and QST with their agencies and payable accounts", () => {
    const rates = Object.fromEntries(list("CA", "TaxRate").map((r) => [r.Name, r]));
    const agencies = Object.fromEntries(list("CA", "TaxAgency").map((a) => [a.Id, a.DisplayName]));
    expect(agencies[rates["GST"]!.AgencyRef.value]).toBe("Canada Revenue Agency");
    expect(agencies[rates["PST BC"]!.AgencyRef.value]).toBe("BC Ministry of Finance");
    expect(agencies[rates["QST"]!.AgencyRef.value]).toBe("Revenu Québec");
    expect(rates["QST"]).toMatchObject({ RateValue: 9.975 });
    expect(rates["HST ON"]).toMatchObject({ RateValue: 13 });
    expect(list("CA", "TaxCode").map((c) => c.Name)).toEqual(expect.arrayContaining(["GST", "HST ON", "PST BC", "QST", "Zero-rated", "Exempt"]));
    const accounts = list("CA", "Account").map((a) => a.Name);
    expect(accounts).toEqual(expect.arrayContaining(["GST/HST Payable", "PST Payable", "QST Payable"]));
    expect(accounts).not.toContain("Sales Tax Payable");
  });

  it("AU: GST 10%, GST free and Input taxed with the ATO and GST Payable", () => {
    expect(list("AU", "TaxCode").map((c) => c.Name)).toEqual(expect.arrayContaining(["GST", "GST free", "Input taxed"]));
    expect(list("AU", "TaxAgency").map((a) => a.DisplayName)).toContain("Australian Taxation Office");
    expect(list("AU", "Account").find((a) => a.Name === "GST Payable")).toMatchObject({ AccountSubType: "GlobalTaxPayable" });
  });

  it("TaxAgency reads, queries and creates with a DisplayName", async () => {
    const query = await api("GB", "GET", `/query?query=${encodeURIComponent("select * from TaxAgency")}`);
    expect(query.status).toBe(200);
    expect(query.body.QueryResponse.TaxAgency.map((a: Doc) => a.DisplayName)).toContain("HM Revenue & Customs");
    const created = await api("GB", "POST", "/taxagency", { DisplayName: "Isle of Man Customs" });
    expect(created.status).toBe(200);
    const agency = entityOf(created.body, "TaxAgency");
    expect(agency).toMatchObject({ DisplayName: "Isle of Man Customs", TaxTrackedOnSales: true });
    expect(entityOf((await api("GB", "GET", `/taxagency/${agency.Id}`)).body, "TaxAgency").DisplayName).toBe("Isle of Man Customs");
    expect(faultOf((await api("GB", "POST", "/taxagency", {})).body)).toMatchObject({ code: "2020", element: "DisplayName" });
  });
});

describe("tax on non-US sales forms", () => {
  it("GB: refuses a line without a VAT code (6000)", async () => {
    const res = await api("GB", "POST", "/invoice", { CustomerRef: customer("GB"), Line: [sale("GB", 100)] });
    expect(res.status).toBe(400);
    expect(faultOf(res.body)).toMatchObject({ code: "6000", Detail: "Business Validation Error: Make sure all your transactions have a VAT rate before you save." });
  });

  it("GB: VAT per line code, one TaxLine per rate with its net", async () => {
    const res = await api("GB", "POST", "/invoice", {
      CustomerRef: customer("GB"),
      Line: [sale("GB", 100, "20.0% S"), sale("GB", 33.33, "20.0% S"), sale("GB", 40, "5.0% R"), sale("GB", 10, "0.0% Z"), sale("GB", 5, "No VAT")],
    });
    expect(res.status).toBe(200);
    const invoice = entityOf(res.body, "Invoice");
    // 133.33 × 20% = 26.666 -> 26.67; 40 × 5% = 2.00.
    expect(invoice.TxnTaxDetail.TotalTax).toBe(28.67);
    expect(taxLines(invoice)).toEqual([
      [20, 26.67, 133.33],
      [5, 2, 40],
      [0, 0, 10],
    ]);
    expect(invoice.TotalAmt).toBe(217);
    expect(invoice.TxnTaxDetail).not.toHaveProperty("TxnTaxCodeRef");
  });

  it("GB: tax-inclusive at 20% splits 20.00 into 16.67 and 3.33", async () => {
    const res = await api("GB", "POST", "/salesreceipt", { GlobalTaxCalculation: "TaxInclusive", Line: [sale("GB", 20, "20.0% S")] });
    const receipt = entityOf(res.body, "SalesReceipt");
    expect(receipt).toMatchObject({ TotalAmt: 20, TxnTaxDetail: { TotalTax: 3.33 } });
    expect(receipt.Line[0]).toMatchObject({ Amount: 16.67, SalesItemLineDetail: { TaxInclusiveAmt: 20 } });
  });

  it("CA: GST/QST on one line posts a TaxLine per rate", async () => {
    const res = await api("CA", "POST", "/invoice", { CustomerRef: customer("CA"), Line: [sale("CA", 200, "GST/QST QC"), sale("CA", 100, "HST ON")] });
    expect(res.status).toBe(200);
    const invoice = entityOf(res.body, "Invoice");
    // 200 × 5% = 10; 200 × 9.975% = 19.95; 100 × 13% = 13.
    expect(taxLines(invoice)).toEqual(expect.arrayContaining([[5, 10, 200], [9.975, 19.95, 200], [13, 13, 100]]));
    expect(invoice).toMatchObject({ TotalAmt: 342.95, TxnTaxDetail: { TotalTax: 42.95 } });
  });

  it("CA and AU refuse a line without a tax code too", async () => {
    expect(faultOf((await api("CA", "POST", "/salesreceipt", { Line: [sale("CA", 1)] })).body)).toMatchObject({ code: "6000" });
    expect(faultOf((await api("AU", "POST", "/salesreceipt", { Line: [sale("AU", 1)] })).body)).toMatchObject({ code: "6000" });
  });

  it("AU: GST inclusive 110.00 is 100.00 plus 10.00", async () => {
    const res = await api("AU", "POST", "/invoice", { CustomerRef: customer("AU"), GlobalTaxCalculation: "TaxInclusive", Line: [sale("AU", 110, "GST"), sale("AU", 30, "GST free")] });
    const invoice = entityOf(res.body, "Invoice");
    expect(invoice).toMatchObject({ TotalAmt: 140, TxnTaxDetail: { TotalTax: 10 } });
    expect(invoice.Line.slice(0, 2).map((l: Doc) => l.Amount)).toEqual([100, 30]);
  });
});

describe("tax on non-US purchases", () => {
  it("GB: a bill computes input VAT from its lines' codes and refuses a line without one", async () => {
    const res = await api("GB", "POST", "/bill", { VendorRef: vendor("GB"), Line: [expense("GB", 250, "20.0% S"), expense("GB", 19.99, "Exempt")] });
    expect(res.status).toBe(200);
    const bill = entityOf(res.body, "Bill");
    expect(bill).toMatchObject({ TotalAmt: 319.99, Balance: 319.99, TxnTaxDetail: { TotalTax: 50 } });
    expect(taxLines(bill)[0]).toEqual([20, 50, 250]);
    const missing = await api("GB", "POST", "/bill", { VendorRef: vendor("GB"), Line: [expense("GB", 250)] });
    expect(faultOf(missing.body).code).toBe("6000");
  });

  it("GB: a reverse-charge (ECS) purchase posts input and output VAT that cancel, and the vendor is paid the net", async () => {
    const res = await api("GB", "POST", "/purchase", {
      PaymentType: "Cash",
      AccountRef: { value: accountId(realmOf("GB"), "Checking") },
      Line: [expense("GB", 1000, "20.0% ECS")],
    });
    expect(res.status).toBe(200);
    const purchase = entityOf(res.body, "Purchase");
    expect(purchase).toMatchObject({ TotalAmt: 1000, TxnTaxDetail: { TotalTax: 0 } });
    expect(taxLines(purchase)).toEqual([
      [20, 200, 1000],
      [-20, -200, 1000],
    ]);
  });

  it("AU: a tax-inclusive purchase keeps the gross in TaxInclusiveAmt", async () => {
    const res = await api("AU", "POST", "/purchase", {
      PaymentType: "Cash",
      AccountRef: { value: accountId(realmOf("AU"), "Checking") },
      GlobalTaxCalculation: "TaxInclusive",
      Line: [expense("AU", 55, "GST")],
    });
    const purchase = entityOf(res.body, "Purchase");
    expect(purchase).toMatchObject({ TotalAmt: 55, TxnTaxDetail: { TotalTax: 5 } });
    expect(purchase.Line[0]).toMatchObject({ Amount: 50, AccountBasedExpenseLineDetail: { TaxInclusiveAmt: 55 } });
  });
});
