// CompanyInfo and Preferences: read, sparse and full updates, and the settings that other rules depend on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { customerId, entityOf, faultOf, itemId } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

describe("CompanyInfo", () => {
  it("is read by the realm id and renamed with a sparse update", async () => {
    const info = entityOf((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).body, "CompanyInfo");
    expect(info).toMatchObject({ Id: "1", CompanyName: "Test Company", Country: "US", SupportedLanguages: "en", FiscalYearStartMonth: "January" });
    const res = await t.api("POST", "/companyinfo", { Id: "1", SyncToken: info.SyncToken, sparse: true, CompanyName: "Renamed Co", LegalName: "Renamed Co LLC" });
    expect(entityOf(res.body, "CompanyInfo")).toMatchObject({ CompanyName: "Renamed Co", LegalName: "Renamed Co LLC", Country: "US", SyncToken: "1" });
    expect(t.sim.state.realms[t.realm.realmId]!.companyName).toBe("Renamed Co");
  });

  it("a full update must carry CompanyName; unknown fields are refused", async () => {
    const info = entityOf((await t.api("GET", `/companyinfo/${t.realm.realmId}`)).body, "CompanyInfo");
    const full = await t.api("POST", "/companyinfo", { Id: "1", SyncToken: info.SyncToken, LegalName: "No Name" });
    expect(faultOf(full.body)).toMatchObject({ code: "2020", element: "CompanyName" });
    const unknown = await t.api("POST", "/companyinfo", { Id: "1", SyncToken: info.SyncToken, sparse: true, Slogan: "x" });
    expect(faultOf(unknown.body)).toMatchObject({ code: "2010", element: "Slogan" });
  });
});

describe("Preferences", () => {
  it("a sparse update changes one preference and keeps the others", async () => {
    const prefs = entityOf((await t.api("GET", "/preferences")).body, "Preferences");
    expect(prefs.SalesFormsPrefs.CustomTxnNumbers).toBe(false);
    const res = await t.api("POST", "/preferences", { Id: "1", SyncToken: prefs.SyncToken, sparse: true, SalesFormsPrefs: { CustomTxnNumbers: true } });
    const updated = entityOf(res.body, "Preferences");
    expect(updated.SalesFormsPrefs).toMatchObject({ CustomTxnNumbers: true, AllowDiscount: true });
    expect(updated.CurrencyPrefs).toEqual({ MultiCurrencyEnabled: false, HomeCurrency: { value: "USD" } });

    // With custom numbers on, a sales form without DocNumber gets none.
    const receipt = await t.api("POST", "/salesreceipt", { Line: [{ Amount: 1, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } }] });
    expect(entityOf(receipt.body, "SalesReceipt")).not.toHaveProperty("DocNumber");
    await t.api("POST", "/preferences", { Id: "1", SyncToken: updated.SyncToken, sparse: true, SalesFormsPrefs: { CustomTxnNumbers: false } });
  });

  it("the home currency can't change; multicurrency, once on, stays on", async () => {
    let prefs = entityOf((await t.api("GET", "/preferences")).body, "Preferences");
    const home = await t.api("POST", "/preferences", { Id: "1", SyncToken: prefs.SyncToken, sparse: true, CurrencyPrefs: { HomeCurrency: { value: "EUR" } } });
    expect(faultOf(home.body).code).toBe("6000");
    const on = await t.api("POST", "/preferences", { Id: "1", SyncToken: prefs.SyncToken, sparse: true, CurrencyPrefs: { MultiCurrencyEnabled: true } });
    prefs = entityOf(on.body, "Preferences");
    expect(prefs.CurrencyPrefs.MultiCurrencyEnabled).toBe(true);
    // Foreign customers are possible now.
    expect((await t.api("POST", "/customer", { DisplayName: "Lyon Client", CurrencyRef: { value: "EUR" } })).status).toBe(200);
    const off = await t.api("POST", "/preferences", { Id: "1", SyncToken: prefs.SyncToken, sparse: true, CurrencyPrefs: { MultiCurrencyEnabled: false } });
    expect(faultOf(off.body).code).toBe("6000");
  });

  it("the books' closing date closes the period (6210)", async () => {
    const prefs = entityOf((await t.api("GET", "/preferences")).body, "Preferences");
    await t.api("POST", "/preferences", { Id: "1", SyncToken: prefs.SyncToken, sparse: true, AccountingInfoPrefs: { BookCloseDate: "2025-12-31" } });
    const res = await t.api("POST", "/invoice", {
      CustomerRef: { value: customerId(t.realm, "Priya Raman") },
      TxnDate: "2025-12-31",
      Line: [{ Amount: 1, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } }],
    });
    expect(faultOf(res.body).code).toBe("6210");
    t.sim.state.realms[t.realm.realmId]!.closedThrough = null;
  });
});
