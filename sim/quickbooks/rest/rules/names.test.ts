// Name lists: derived display names, sub-customers, accounts from a type or sub-type, classes and currencies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { accountId, entityOf, faultOf } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

describe("Customer, Vendor, Employee", () => {
  it("builds DisplayName from the name parts and fills the defaults", async () => {
    const res = await t.api("POST", "/customer", { Title: "Dr.", GivenName: "Ada", FamilyName: "Okafor" });
    expect(entityOf(res.body, "Customer")).toMatchObject({
      DisplayName: "Dr. Ada Okafor",
      FullyQualifiedName: "Dr. Ada Okafor",
      PrintOnCheckName: "Dr. Ada Okafor",
      Active: true,
      Job: false,
      Balance: 0,
      BalanceWithJobs: 0,
      CurrencyRef: { value: "USD", name: "United States Dollar" },
    });
    const company = await t.api("POST", "/vendor", { CompanyName: "Lumen Lighting" });
    expect(entityOf(company.body, "Vendor")).toMatchObject({ DisplayName: "Lumen Lighting", PrintOnCheckName: "Lumen Lighting", Balance: 0, Vendor1099: false });
  });

  it("needs some name (2020 DisplayName)", async () => {
    const res = await t.api("POST", "/customer", { PrimaryEmailAddr: { Address: "nobody@example.com" } });
    expect(faultOf(res.body)).toMatchObject({ code: "2020", element: "DisplayName" });
    const employee = await t.api("POST", "/employee", {});
    expect(faultOf(employee.body)).toMatchObject({ code: "2020", element: "DisplayName" });
  });

  it("a sub-customer (job) is named Parent:Child and rolls up into the parent's BalanceWithJobs", async () => {
    const parent = entityOf((await t.api("POST", "/customer", { DisplayName: "Mesa Builders" })).body, "Customer");
    const job = entityOf((await t.api("POST", "/customer", { DisplayName: "Kitchen Remodel", ParentRef: { value: parent.Id } })).body, "Customer");
    expect(job).toMatchObject({ FullyQualifiedName: "Mesa Builders:Kitchen Remodel", Job: true, Level: 1, ParentRef: { value: parent.Id, name: "Mesa Builders" } });
    const services = Object.values(t.realm.entities.Item ?? {}).find((i) => i.Name === "Services")!;
    await t.api("POST", "/invoice", { CustomerRef: { value: job.Id }, Line: [{ Amount: 75, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: services.Id } } }] });
    expect(entityOf((await t.api("GET", `/customer/${job.Id}`)).body, "Customer").Balance).toBe(75);
    expect(entityOf((await t.api("GET", `/customer/${parent.Id}`)).body, "Customer")).toMatchObject({ Balance: 0, BalanceWithJobs: 75 });
  });
});

describe("Account", () => {
  it("takes the type from the sub-type, or the default sub-type from the type", async () => {
    const fromSub = entityOf((await t.api("POST", "/account", { Name: "Stripe Clearing", AccountSubType: "OtherCurrentAssets" })).body, "Account");
    expect(fromSub).toMatchObject({ AccountType: "Other Current Asset", Classification: "Asset", SubAccount: false, FullyQualifiedName: "Stripe Clearing", CurrentBalance: 0, Active: true });
    const fromType = entityOf((await t.api("POST", "/account", { Name: "Payout Fees", AccountType: "Expense" })).body, "Account");
    expect(fromType).toMatchObject({ AccountSubType: "OtherMiscellaneousServiceCost", Classification: "Expense" });
  });

  it("needs a type (2020) and a sub-type that belongs to it", async () => {
    expect(faultOf((await t.api("POST", "/account", { Name: "Typeless" })).body)).toMatchObject({ code: "2020", element: "AccountType" });
    expect(faultOf((await t.api("POST", "/account", { Name: "Mixed", AccountType: "Bank", AccountSubType: "Inventory" })).body).element).toBe("AccountSubType");
  });

  it("a sub-account is named Parent:Child and keeps its parent's type", async () => {
    const child = entityOf((await t.api("POST", "/account", { Name: "Operating", AccountType: "Bank", ParentRef: { value: accountId(t.realm, "Checking") } })).body, "Account");
    expect(child).toMatchObject({ FullyQualifiedName: "Checking:Operating", SubAccount: true, ParentRef: { name: "Checking" } });
    const wrong = await t.api("POST", "/account", { Name: "Odd", AccountType: "Expense", ParentRef: { value: accountId(t.realm, "Checking") } });
    expect(faultOf(wrong.body).code).toBe("6000");
  });
});

describe("Class, Department, Currency", () => {
  it("classes and departments nest with FullyQualifiedName", async () => {
    const parent = entityOf((await t.api("POST", "/class", { Name: "Online" })).body, "Class");
    const child = entityOf((await t.api("POST", "/class", { Name: "Marketplace", ParentRef: { value: parent.Id } })).body, "Class");
    expect(child).toMatchObject({ FullyQualifiedName: "Online:Marketplace", SubClass: true, Active: true });
    const dept = entityOf((await t.api("POST", "/department", { Name: "Warehouse" })).body, "Department");
    expect(dept).toMatchObject({ FullyQualifiedName: "Warehouse", SubDepartment: false });
  });

  it("a home-currency-only company can't add currencies", async () => {
    const res = await t.api("POST", "/currency", { Code: "EUR" });
    expect(faultOf(res.body).code).toBe("6000");
  });
});
