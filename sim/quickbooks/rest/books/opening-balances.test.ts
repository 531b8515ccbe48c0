// Opening balances post against Opening Balance Equity, so the books of a new company balance; the general
// ledger rebuilt from the records gives the same balances as the running one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realmContext } from "../../core";
import { startTestSim, type TestSim } from "../../test-helpers";
import { entityOf } from "../rules/test-kit";
import { company, type Company } from "./books-kit";
import { journalLines } from "./journal";

let t: TestSim;
let c: Company;

beforeAll(async () => {
  t = await startTestSim();
  c = company(t, { name: "Opening Books" });
});
afterAll(async () => {
  await t.sim.stop();
});

describe("opening balances", () => {
  it("a new company's banks and stock are funded from Opening Balance Equity, and the books balance", async () => {
    expect(c.ledger("Checking")).toBe(500_000);
    expect(c.ledger("Savings")).toBe(250_000);
    expect(c.ledger("Inventory Asset")).toBe(100_000);
    expect(c.ledger("Opening Balance Equity")).toBe(-850_000);
    expect((await c.read("Opening Balance Equity")).CurrentBalance).toBe(8500);
    expect(journalLines(realmContext(t.sim.core, c.realm)).reduce((sum, l) => sum + l.homeAmount, 0)).toBe(0);
  });

  it("an account created with an opening balance posts it once; an update can't change it", async () => {
    const created = entityOf((await c.api("POST", "/account", { Name: "Reserve", AccountType: "Bank", OpeningBalance: 300, OpeningBalanceDate: "2026-01-01" })).body, "Account");
    expect(created.CurrentBalance).toBe(300);
    expect(c.ledger("Opening Balance Equity")).toBe(-880_000);
    const updated = entityOf((await c.api("POST", "/account", { ...created, OpeningBalance: 900 })).body, "Account");
    expect(updated.CurrentBalance).toBe(300);
    expect(c.ledger("Opening Balance Equity")).toBe(-880_000);
  });

  it("rebuilding the ledger from the records (a state file saved before it) gives the same balances", async () => {
    await c.api("POST", "/salesreceipt", { DepositToAccountRef: { value: c.account("Checking") }, Line: [{ Amount: 40, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "1" } } }] });
    const before = Object.values(c.realm.entities.Account!).map((a) => [a.Name, a.CurrentBalance]);
    const lines = journalLines(realmContext(t.sim.core, c.realm)).length;
    delete c.realm.books;
    expect(journalLines(realmContext(t.sim.core, c.realm)).length).toBe(lines);
    expect(Object.values(c.realm.entities.Account!).map((a) => [a.Name, a.CurrentBalance])).toEqual(before);
  });
});
