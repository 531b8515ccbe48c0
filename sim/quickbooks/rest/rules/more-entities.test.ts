// Entities clients read that the simulator first lacked: Estimate, Term, PaymentMethod, VendorCredit,
// PurchaseOrder, Budget and TimeActivity, with their required fields, refs, CRUD and query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { accountId, customerId, entityOf, faultOf, idOf, itemId, vendorId, type Doc } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const query = async (text: string): Promise<Doc> => ((await t.api("GET", `/query?query=${encodeURIComponent(text)}`)).body as Doc).QueryResponse;
const line = (amount: number) => ({ Amount: amount, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } });
const expenseLine = (amount: number) => ({ Amount: amount, DetailType: "AccountBasedExpenseLineDetail", AccountBasedExpenseLineDetail: { AccountRef: { value: accountId(t.realm, "Office Supplies & Software") } } });

describe("Estimate", () => {
  it("is a non-posting sales document: totals, status, query, CDC, delete", async () => {
    const since = new Date(t.sim.clock.now() - 1000).toISOString();
    const customer = customerId(t.realm, "Northwind Outfitters");
    const before: Doc = entityOf((await t.api("GET", `/customer/${customer}`)).body, "Customer");
    const res = await t.api("POST", "/estimate", { CustomerRef: { value: customer }, DocNumber: "E-1", ExpirationDate: "2030-01-31", Line: [line(100), line(25.5)] });
    expect(res.status, res.text).toBe(200);
    const estimate: Doc = entityOf(res.body, "Estimate");
    expect(estimate).toMatchObject({ TotalAmt: 125.5, TxnStatus: "Pending", CustomerRef: { value: customer, name: "Northwind Outfitters" }, DocNumber: "E-1" });
    expect(estimate.Line.at(-1)).toMatchObject({ DetailType: "SubTotalLineDetail", Amount: 125.5 });
    // Non-posting: the customer owes nothing more.
    expect(entityOf((await t.api("GET", `/customer/${customer}`)).body, "Customer").Balance).toBe(before.Balance);
    expect(faultOf((await t.api("POST", "/estimate", { Line: [line(1)] })).body)).toMatchObject({ code: "2020", element: "CustomerRef" });
    expect(faultOf((await t.api("POST", "/estimate", { CustomerRef: { value: customer }, TxnStatus: "Maybe", Line: [line(1)] })).body).code).toBe("2050");

    expect((await query("select * from Estimate where TxnStatus = 'Pending'")).Estimate.map((e: Doc) => e.Id)).toContain(estimate.Id);
    const cdc = (await t.api("GET", `/cdc?entities=Estimate&changedSince=${encodeURIComponent(since)}`)).body as Doc;
    expect(cdc.CDCResponse[0].QueryResponse[0].Estimate[0].Id).toBe(estimate.Id);

    const accepted = await t.api("POST", "/estimate", { Id: estimate.Id, SyncToken: estimate.SyncToken, sparse: true, TxnStatus: "Accepted", AcceptedBy: "Dana" });
    expect(entityOf(accepted.body, "Estimate")).toMatchObject({ TxnStatus: "Accepted", TotalAmt: 125.5 });
    const deleted = await t.api("POST", "/estimate?operation=delete", { Id: estimate.Id, SyncToken: entityOf(accepted.body, "Estimate").SyncToken });
    expect(deleted.body).toMatchObject({ Estimate: { status: "Deleted", Id: estimate.Id } });
  });
});

describe("Term and PaymentMethod", () => {
  it("are seeded name lists, created, refused as duplicates, made inactive instead of deleted", async () => {
    expect((await query("select * from Term")).Term.map((x: Doc) => x.Name)).toEqual(expect.arrayContaining(["Due on receipt", "Net 30"]));
    expect((await query("select * from PaymentMethod where Name = 'Visa'")).PaymentMethod[0]).toMatchObject({ Type: "CREDIT_CARD", Active: true });
    const term: Doc = entityOf((await t.api("POST", "/term", { Name: "Net 45", DueDays: 45 })).body, "Term");
    expect(term).toMatchObject({ Name: "Net 45", Type: "STANDARD", DueDays: 45, Active: true });
    const monthly: Doc = entityOf((await t.api("POST", "/term", { Name: "10th next month", DayOfMonthDue: 10 })).body, "Term");
    expect(monthly).toMatchObject({ Type: "DATE_DRIVEN", DayOfMonthDue: 10 });
    expect(faultOf((await t.api("POST", "/term", { Name: "Net 45" })).body)).toMatchObject({ code: "6240", element: "Name" });
    expect(faultOf((await t.api("POST", "/term", {})).body)).toMatchObject({ code: "2020", element: "Name" });
    expect(faultOf((await t.api("POST", "/term?operation=delete", { Id: term.Id, SyncToken: term.SyncToken })).body).code).toBe("500");
    const inactive = await t.api("POST", "/term", { Id: term.Id, SyncToken: term.SyncToken, sparse: true, Active: false });
    expect(entityOf(inactive.body, "Term").Active).toBe(false);
    expect((await query("select * from Term")).Term.map((x: Doc) => x.Id)).not.toContain(term.Id);

    const method: Doc = entityOf((await t.api("POST", "/paymentmethod", { Name: "Wire" })).body, "PaymentMethod");
    expect(method).toMatchObject({ Name: "Wire", Type: "NON_CREDIT_CARD" });
    expect(faultOf((await t.api("POST", "/paymentmethod", { Name: "Bitcoin", Type: "CRYPTO" })).body).code).toBe("2050");
  });
});

describe("PurchaseOrder and VendorCredit", () => {
  it("a purchase order is Open and non-posting; a vendor credit carries its balance and lowers what the vendor is owed", async () => {
    const vendor = vendorId(t.realm, "Pacific Paper Supply");
    const po = await t.api("POST", "/purchaseorder", { VendorRef: { value: vendor }, Line: [expenseLine(80)] });
    expect(po.status, po.text).toBe(200);
    expect(entityOf(po.body, "PurchaseOrder")).toMatchObject({ POStatus: "Open", TotalAmt: 80, VendorRef: { value: vendor, name: "Pacific Paper Supply" } });
    expect(faultOf((await t.api("POST", "/purchaseorder", { Line: [expenseLine(1)] })).body)).toMatchObject({ code: "2020", element: "VendorRef" });

    const before: Doc = entityOf((await t.api("GET", `/vendor/${vendor}`)).body, "Vendor");
    const credit = await t.api("POST", "/vendorcredit", { VendorRef: { value: vendor }, Line: [expenseLine(30)] });
    expect(credit.status, credit.text).toBe(200);
    const vc: Doc = entityOf(credit.body, "VendorCredit");
    expect(vc).toMatchObject({ TotalAmt: 30, Balance: 30, APAccountRef: { value: accountId(t.realm, "Accounts Payable (A/P)") } });
    expect(entityOf((await t.api("GET", `/vendor/${vendor}`)).body, "Vendor").Balance).toBe((before.Balance ?? 0) - 30);
    expect(faultOf((await t.api("POST", "/vendorcredit", { VendorRef: { value: "9999" }, Line: [expenseLine(1)] })).body).code).toBe("2500");
    expect((await query(`select * from VendorCredit where VendorRef = '${vendor}'`)).VendorCredit).toHaveLength(1);
  });
});

describe("Budget and TimeActivity", () => {
  it("a budget has dated amounts per account", async () => {
    const res = await t.api("POST", "/budget", {
      Name: "FY2026",
      StartDate: "2026-01-01",
      EndDate: "2026-12-31",
      BudgetDetail: [{ BudgetDate: "2026-01-01", Amount: 500, AccountRef: { value: accountId(t.realm, "Advertising") } }],
    });
    expect(res.status, res.text).toBe(200);
    expect(entityOf(res.body, "Budget")).toMatchObject({ BudgetType: "ProfitAndLoss", BudgetEntryType: "Monthly", BudgetDetail: [{ Amount: 500, AccountRef: { name: "Advertising" } }] });
    expect(faultOf((await t.api("POST", "/budget", { Name: "No dates" })).body)).toMatchObject({ code: "2020", element: "StartDate" });
    expect((await query("select * from Budget")).Budget).toHaveLength(1);
  });

  it("time is logged for an employee, by hours or start and end", async () => {
    const employee = idOf(t.realm, "Employee", "DisplayName", "Jordan Ellis");
    const byHours = await t.api("POST", "/timeactivity", { NameOf: "Employee", EmployeeRef: { value: employee }, TxnDate: "2026-02-02", Hours: 3, Minutes: 30 });
    expect(byHours.status, byHours.text).toBe(200);
    expect(entityOf(byHours.body, "TimeActivity")).toMatchObject({ Hours: 3, Minutes: 30, BillableStatus: "NotBillable", EmployeeRef: { value: employee } });
    const bySpan = await t.api("POST", "/timeactivity", {
      NameOf: "Employee",
      EmployeeRef: { value: employee },
      StartTime: "2026-02-03T09:00:00-08:00",
      EndTime: "2026-02-03T17:15:00-08:00",
      BreakHours: 1,
      CustomerRef: { value: customerId(t.realm, "Northwind Outfitters") },
      BillableStatus: "Billable",
      HourlyRate: 120,
    });
    expect(entityOf(bySpan.body, "TimeActivity")).toMatchObject({ Hours: 7, Minutes: 15, BillableStatus: "Billable", HourlyRate: 120 });
    expect(faultOf((await t.api("POST", "/timeactivity", { NameOf: "Employee", Hours: 1 })).body)).toMatchObject({ code: "2020", element: "EmployeeRef" });
    expect(faultOf((await t.api("POST", "/timeactivity", { NameOf: "Employee", EmployeeRef: { value: employee } })).body)).toMatchObject({ code: "2020", element: "Hours" });
    expect((await query("select * from TimeActivity where TxnDate = '2026-02-02'")).TimeActivity).toHaveLength(1);
  });
});
