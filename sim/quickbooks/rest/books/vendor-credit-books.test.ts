// Vendor credits post like a bill reversed: A/P debited in the credit's own currency, the expense credited,
// and recoverable VAT given back on the tax account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { entityOf, idOf } from "../rules/test-kit";
import { company } from "./books-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const expenseLine = (accountId: string, amount: number, taxCode?: string) => ({
  Amount: amount,
  DetailType: "AccountBasedExpenseLineDetail",
  AccountBasedExpenseLineDetail: { AccountRef: { value: accountId }, ...(taxCode ? { TaxCodeRef: { value: taxCode } } : {}) },
});

describe("vendor credits in the books", () => {
  it("a EUR vendor credit lowers A/P in EUR, not the home A/P", async () => {
    const c = company(t, { name: "Euro Credits", multicurrency: true });
    const vendor = entityOf((await c.api("POST", "/vendor", { DisplayName: "Porto Print Lda", CurrencyRef: { value: "EUR" } })).body, "Vendor");
    const office = c.account("Office Supplies & Software");
    await c.api("POST", "/bill", { VendorRef: { value: vendor.Id }, ExchangeRate: 1.1, Line: [expenseLine(office, 100)] });
    const credit = await c.api("POST", "/vendorcredit", { VendorRef: { value: vendor.Id }, ExchangeRate: 1.1, Line: [expenseLine(office, 30)] });
    expect(credit.status).toBe(200);
    expect(entityOf(credit.body, "VendorCredit").APAccountRef.value).toBe(c.account("Accounts Payable (A/P) - EUR"));
    expect(c.ledger("Accounts Payable (A/P) - EUR")).toBe(-7_700);
    expect(c.ledger("Accounts Payable (A/P)")).toBe(0);
    expect(c.ledger("Office Supplies & Software")).toBe(7_700);
  });

  it("a GB vendor credit gives back its input VAT on VAT Control and balances", async () => {
    const c = company(t, { name: "Credits Ltd", country: "GB", currency: "GBP" });
    const vendor = idOf(c.realm, "Vendor", "DisplayName", "Pacific Paper Supply");
    const standard = idOf(c.realm, "TaxCode", "Name", "20.0% S");
    const res = await c.api("POST", "/vendorcredit", { VendorRef: { value: vendor }, Line: [expenseLine(c.account("Office Supplies & Software"), 50, standard)] });
    expect(res.status).toBe(200);
    expect(entityOf(res.body, "VendorCredit")).toMatchObject({ TotalAmt: 60, TxnTaxDetail: { TotalTax: 10 } });
    expect(c.ledger("VAT Control")).toBe(-1_000);
    expect(c.ledger("Office Supplies & Software")).toBe(-5_000);
    expect(c.ledger("Accounts Payable (A/P)")).toBe(6_000);
  });
});
