// Journal entries: balance, receivable/payable lines naming their customer or vendor, line numbering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { accountId, customerId, entityOf, faultOf, vendorId } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

function line(posting: "Debit" | "Credit", amount: number, account: string, entity?: { Type: string; EntityRef: { value: string } }) {
  return {
    Amount: amount,
    DetailType: "JournalEntryLineDetail",
    JournalEntryLineDetail: { PostingType: posting, AccountRef: { value: accountId(t.realm, account) }, ...(entity ? { Entity: entity } : {}) },
  };
}

describe("JournalEntry", () => {
  it("posts a balanced entry: TotalAmt is the debit side, lines numbered from 0, names filled", async () => {
    const res = await t.api("POST", "/journalentry", {
      TxnDate: "2026-02-01",
      DocNumber: "JE-1",
      Line: [line("Debit", 1250.1, "Merchant Account Fees"), line("Debit", 0.2, "Bank Charges"), line("Credit", 1250.3, "Checking")],
    });
    expect(res.status).toBe(200);
    const entry = entityOf(res.body, "JournalEntry");
    expect(entry).toMatchObject({ TotalAmt: 1250.3, TxnDate: "2026-02-01", DocNumber: "JE-1", Adjustment: false, CurrencyRef: { value: "USD" } });
    expect(entry.Line.map((l: { Id: string }) => l.Id)).toEqual(["0", "1", "2"]);
    expect(entry.Line[2].JournalEntryLineDetail.AccountRef).toEqual({ value: accountId(t.realm, "Checking"), name: "Checking" });
  });

  it("refuses debits that don't equal credits", async () => {
    const res = await t.api("POST", "/journalentry", { Line: [line("Debit", 10, "Checking"), line("Credit", 10.01, "Other Income")] });
    expect(faultOf(res.body).code).toBe("6000");
    expect(faultOf(res.body).Detail).toContain("Debits must equal credits");
  });

  it("a line on Accounts Receivable needs a customer; on Accounts Payable, a vendor", async () => {
    const noCustomer = await t.api("POST", "/journalentry", { Line: [line("Debit", 10, "Accounts Receivable (A/R)"), line("Credit", 10, "Other Income")] });
    expect(faultOf(noCustomer.body)).toMatchObject({ code: "6000", Detail: "Business Validation Error: When you use Accounts Receivable, you must choose a customer in the Name field." });
    const noVendor = await t.api("POST", "/journalentry", { Line: [line("Debit", 10, "Utilities"), line("Credit", 10, "Accounts Payable (A/P)")] });
    expect(faultOf(noVendor.body).Detail).toContain("Accounts Payable");

    const ok = await t.api("POST", "/journalentry", {
      Line: [
        line("Debit", 10, "Accounts Receivable (A/R)", { Type: "Customer", EntityRef: { value: customerId(t.realm, "Priya Raman") } }),
        line("Credit", 10, "Other Income"),
      ],
    });
    expect(ok.status).toBe(200);
    expect(entityOf(ok.body, "JournalEntry").Line[0].JournalEntryLineDetail.Entity).toEqual({ Type: "Customer", EntityRef: { value: customerId(t.realm, "Priya Raman"), name: "Priya Raman" } });
    const vendor = await t.api("POST", "/journalentry", {
      Line: [line("Debit", 10, "Utilities"), line("Credit", 10, "Accounts Payable (A/P)", { Type: "Vendor", EntityRef: { value: vendorId(t.realm, "Brightline Utilities") } })],
    });
    expect(vendor.status).toBe(200);
  });

  it("needs a posting type and an account on every line", async () => {
    const noPosting = await t.api("POST", "/journalentry", { Line: [{ Amount: 1, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { AccountRef: { value: accountId(t.realm, "Checking") } } }] });
    expect(faultOf(noPosting.body)).toMatchObject({ code: "2020", element: "Line.JournalEntryLineDetail.PostingType" });
    const noAccount = await t.api("POST", "/journalentry", { Line: [{ Amount: 1, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { PostingType: "Debit" } }] });
    expect(faultOf(noAccount.body)).toMatchObject({ code: "2020", element: "Line.JournalEntryLineDetail.AccountRef" });
  });
});
