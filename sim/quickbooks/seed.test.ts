// A new company looks like a new US sandbox company, and everything seeded survives a read-then-write round
// trip through its own rules (so the `fields` lists cover every field QuickBooks sends back).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTITIES } from "./rest/entities";
import { entityOf } from "./rest/rules/test-kit";
import { mintAccessToken, startTestSim, type TestSim } from "./test-helpers";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const list = (entity: string) => Object.values(t.realm.entities[entity] ?? {});

describe("seedCompany", () => {
  it("has a US chart of accounts with the accounts the product maps to", () => {
    const accounts = list("Account");
    expect(accounts.length).toBeGreaterThanOrEqual(40);
    expect(accounts.length).toBeLessThanOrEqual(60);
    const byName = Object.fromEntries(accounts.map((a) => [a.Name, a]));
    for (const [name, type, subType] of [
      ["Checking", "Bank", "Checking"],
      ["Savings", "Bank", "Savings"],
      ["Undeposited Funds", "Other Current Asset", "UndepositedFunds"],
      ["Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable"],
      ["Inventory Asset", "Other Current Asset", "Inventory"],
      ["Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"],
      ["Mastercard", "Credit Card", "CreditCard"],
      ["Sales of Product Income", "Income", "SalesOfProductIncome"],
      ["Services", "Income", "ServiceFeeIncome"],
      ["Discounts given", "Income", "DiscountsRefundsGiven"],
      ["Shipping income", "Income", "OtherPrimaryIncome"],
      ["Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs"],
      ["Bank Charges", "Expense", "BankCharges"],
      ["Merchant Account Fees", "Expense", "BankCharges"],
      ["Opening Balance Equity", "Equity", "OpeningBalanceEquity"],
      ["Other Income", "Other Income", "OtherMiscellaneousIncome"],
    ]) {
      expect(byName[name!], name).toMatchObject({ AccountType: type, AccountSubType: subType, Active: true, CurrencyRef: { value: "USD", name: "United States Dollar" } });
    }
    expect(byName.Checking).toMatchObject({ Classification: "Asset", CurrentBalance: 5000, FullyQualifiedName: "Checking" });
  });

  it("has sales tax, names and items wired to the right accounts", () => {
    expect(list("TaxCode").map((c) => c.Id).sort()).toEqual(["1", "NON", "TAX"]);
    expect(list("TaxRate")[0]).toMatchObject({ RateValue: 8, Active: true });
    const widget = list("Item").find((i) => i.Name === "Widget");
    expect(widget).toMatchObject({ Type: "Inventory", TrackQtyOnHand: true, QtyOnHand: 100, AssetAccountRef: { name: "Inventory Asset" }, ExpenseAccountRef: { name: "Cost of Goods Sold" } });
    expect(list("Item").find((i) => i.Name === "Services")).toMatchObject({ Type: "Service", IncomeAccountRef: { name: "Services" } });
    expect(list("Customer").length).toBeGreaterThanOrEqual(3);
    expect(list("Vendor").length).toBeGreaterThanOrEqual(3);
    expect(list("Employee")).toHaveLength(1);
    expect(list("Class")).toHaveLength(1);
    expect(list("Department")).toHaveLength(1);
    expect(list("Currency").map((c) => c.Code)).toEqual(["USD"]);
  });

  it("answers CompanyInfo and Preferences in their real shape, and logs no changes", async () => {
    const info = entityOf((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).body, "CompanyInfo");
    for (const key of ["CompanyName", "LegalName", "CompanyAddr", "CustomerCommunicationAddr", "LegalAddr", "PrimaryPhone", "CompanyStartDate", "FiscalYearStartMonth", "Country", "Email", "WebAddr", "SupportedLanguages", "NameValue", "domain", "sparse", "Id", "SyncToken", "MetaData"]) {
      expect(info, key).toHaveProperty(key);
    }
    const prefs = entityOf((await t.api("GET", "/preferences")).body, "Preferences");
    for (const key of ["AccountingInfoPrefs", "ProductAndServicesPrefs", "SalesFormsPrefs", "EmailMessagesPrefs", "VendorAndPurchasesPrefs", "TimeTrackingPrefs", "TaxPrefs", "CurrencyPrefs", "ReportPrefs", "OtherPrefs"]) {
      expect(prefs, key).toHaveProperty(key);
    }
    expect(prefs.SalesFormsPrefs.CustomTxnNumbers).toBe(false);
    expect(prefs.CurrencyPrefs).toEqual({ MultiCurrencyEnabled: false, HomeCurrency: { value: "USD" } });
    expect(t.realm.changes).toEqual([]);
  });

  it("a multicurrency company lists a few currencies besides its home one", async () => {
    const realm = t.sim.createCompany({ multicurrency: true, currency: "GBP" });
    const codes = Object.values(realm.entities.Currency ?? {}).map((c) => c.Code);
    expect(codes).toEqual(expect.arrayContaining(["GBP", "USD", "EUR"]));
    const token = mintAccessToken(t.sim, realm.realmId);
    const res = await fetch(`${t.sim.url}/v3/company/${realm.realmId}/preferences`, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
    const prefs = entityOf(await res.json(), "Preferences");
    expect(prefs.CurrencyPrefs).toEqual({ MultiCurrencyEnabled: true, HomeCurrency: { value: "GBP" } });
  });

  it("every seeded record can be read and written back as a full update", async () => {
    for (const def of ENTITIES) {
      if (!def.update || def.name === "ExchangeRate") continue;
      for (const record of list(def.name)) {
        const read = def.name === "Preferences" ? await t.api("GET", "/preferences") : await t.api("GET", `/${def.path}/${def.name === "CompanyInfo" ? t.realm.realmId : record.Id}`);
        const current = entityOf(read.body, def.name);
        const res = await t.api("POST", `/${def.path}`, current);
        expect(res.status, `${def.name} ${record.Id}: ${res.text}`).toBe(200);
      }
    }
  });
});
