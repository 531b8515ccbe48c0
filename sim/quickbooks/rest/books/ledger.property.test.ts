// Property: after any sequence of writes QuickBooks accepts (sales, invoices, payments, credits, refunds,
// deposits with fees, expenses, bills and their payments, journal entries, updates, voids and deletes), the
// books balance, every account's running balance is the sum of its journal lines, a ledger rebuilt from the
// records is the same ledger, and the figures agree with the documents themselves: A/R with what customers
// owe, A/P with what vendors are owed, income with what was sold net of tax.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realmContext } from "../../core";
import type { EntityRecord, JournalLine } from "../../state";
import { startTestSim, type TestSim } from "../../test-helpers";
import { isBalanceSheet } from "../rules/account-types";
import { toCents } from "../rules/money";
import { records } from "../store";
import { company, type Company } from "./books-kit";
import { journalLines } from "./journal";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const amount = fc.integer({ min: 1, max: 500_00 }).map((cents) => cents / 100);
const pick = fc.nat({ max: 1_000 });

const op = fc.oneof(
  fc.record({ kind: fc.constant("salesreceipt" as const), amounts: fc.array(amount, { minLength: 1, maxLength: 3 }), taxable: fc.boolean(), discount: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant("invoice" as const), amounts: fc.array(amount, { minLength: 1, maxLength: 3 }), taxable: fc.boolean(), customer: pick }),
  fc.record({ kind: fc.constant("payment" as const), target: pick, share: fc.integer({ min: 1, max: 100 }), extra: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ kind: fc.constant("creditmemo" as const), amounts: fc.array(amount, { minLength: 1, maxLength: 2 }), customer: pick }),
  fc.record({ kind: fc.constant("refund" as const), amounts: fc.array(amount, { minLength: 1, maxLength: 2 }), taxable: fc.boolean() }),
  fc.record({ kind: fc.constant("deposit" as const), fee: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ kind: fc.constant("purchase" as const), amounts: fc.array(amount, { minLength: 1, maxLength: 2 }), card: fc.boolean(), credit: fc.boolean() }),
  fc.record({ kind: fc.constant("bill" as const), amounts: fc.array(amount, { minLength: 1, maxLength: 2 }), vendor: pick }),
  fc.record({ kind: fc.constant("billpayment" as const), target: pick, share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant("journal" as const), amount, debit: pick, credit: pick }),
  fc.record({ kind: fc.constant("update" as const), target: pick, amount }),
  fc.record({ kind: fc.constant("void" as const), target: pick }),
  fc.record({ kind: fc.constant("delete" as const), target: pick }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const VOIDABLE = ["invoice", "salesreceipt", "payment", "creditmemo", "refundreceipt", "billpayment"];
const DELETABLE = ["invoice", "salesreceipt", "payment", "creditmemo", "refundreceipt", "deposit", "journalentry", "purchase", "bill", "billpayment"];
const NAMES: Record<string, string> = { invoice: "Invoice", salesreceipt: "SalesReceipt", payment: "Payment", creditmemo: "CreditMemo", refundreceipt: "RefundReceipt", deposit: "Deposit", journalentry: "JournalEntry", purchase: "Purchase", bill: "Bill", billpayment: "BillPayment" };

function all(c: Company, entity: string): EntityRecord[] {
  return Object.values(c.realm.entities[entity] ?? {}).sort((a, b) => Number(a.Id) - Number(b.Id));
}
const nth = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
const cents = (v: unknown) => toCents(v) ?? 0;

async function apply(c: Company, o: Op): Promise<number> {
  const item = (taxable: boolean) => ({ value: Object.values(c.realm.entities.Item!).find((i) => i.Name === (taxable ? "Widget" : "Consulting"))!.Id });
  const sales = (amounts: number[], taxable: boolean) => amounts.map((a) => ({ Amount: a, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: item(taxable) } }));
  const customers = all(c, "Customer");
  const vendors = all(c, "Vendor");
  const expense = (amounts: number[]) => amounts.map((a) => ({ Amount: a, DetailType: "AccountBasedExpenseLineDetail", AccountBasedExpenseLineDetail: { AccountRef: { value: c.account("Office Supplies & Software") } } }));
  const accounts = all(c, "Account").filter((a) => !["Accounts Receivable", "Accounts Payable"].includes(String(a.AccountType)));
  switch (o.kind) {
    case "salesreceipt": {
      const discount = o.discount ? [{ DetailType: "DiscountLineDetail", DiscountLineDetail: { PercentBased: true, DiscountPercent: o.discount } }] : [];
      return (await c.api("POST", "/salesreceipt", { Line: [...sales(o.amounts, o.taxable), ...discount] })).status;
    }
    case "invoice":
      return (await c.api("POST", "/invoice", { CustomerRef: { value: nth(customers, o.customer)!.Id }, Line: sales(o.amounts, o.taxable) })).status;
    case "creditmemo":
      return (await c.api("POST", "/creditmemo", { CustomerRef: { value: nth(customers, o.customer)!.Id }, Line: sales(o.amounts, false) })).status;
    case "refund":
      return (await c.api("POST", "/refundreceipt", { DepositToAccountRef: { value: c.account("Checking") }, Line: sales(o.amounts, o.taxable) })).status;
    case "payment": {
      const open = all(c, "Invoice").filter((i) => cents(i.Balance) > 0);
      const invoice = nth(open, o.target);
      if (!invoice) return (await c.api("POST", "/payment", { CustomerRef: { value: customers[0]!.Id }, TotalAmt: o.extra / 100 || 1 })).status;
      const applied = Math.max(1, Math.floor((cents(invoice.Balance) * o.share) / 100));
      const credit = all(c, "CreditMemo").find((m) => cents(m.Balance) > 0 && m.CustomerRef && (m.CustomerRef as { value: string }).value === (invoice.CustomerRef as { value: string }).value);
      const creditUsed = credit ? Math.min(cents(credit.Balance), applied) : 0;
      const lines = [{ Amount: applied / 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }, ...(creditUsed ? [{ Amount: creditUsed / 100, LinkedTxn: [{ TxnId: credit!.Id, TxnType: "CreditMemo" }] }] : [])];
      return (await c.api("POST", "/payment", { CustomerRef: invoice.CustomerRef, TotalAmt: (applied - creditUsed + o.extra) / 100, Line: lines })).status;
    }
    case "deposit": {
      const waiting = [...all(c, "Payment"), ...all(c, "SalesReceipt")].filter((r) => cents(r.TotalAmt) > 0 && (r.DepositToAccountRef as { value: string }).value === c.account("Undeposited Funds") && !(r.LinkedTxn as { TxnType: string }[] | undefined)?.some((l) => l.TxnType === "Deposit"));
      if (waiting.length === 0) return 200;
      const lines = waiting.slice(0, 3).map((r) => ({ Amount: cents(r.TotalAmt) / 100, LinkedTxn: [{ TxnId: r.Id, TxnType: r.Line && all(c, "Payment").includes(r) ? "Payment" : "SalesReceipt" }] }));
      const fee = o.fee ? [{ Amount: -o.fee / 100, DetailType: "DepositLineDetail", DepositLineDetail: { AccountRef: { value: c.account("Merchant Account Fees") } } }] : [];
      return (await c.api("POST", "/deposit", { DepositToAccountRef: { value: c.account("Checking") }, Line: [...lines, ...fee] })).status;
    }
    case "purchase":
      return (await c.api("POST", "/purchase", { PaymentType: o.card ? "CreditCard" : "Check", Credit: o.card && o.credit, AccountRef: { value: c.account(o.card ? "Mastercard" : "Checking") }, Line: expense(o.amounts) })).status;
    case "bill":
      return (await c.api("POST", "/bill", { VendorRef: { value: nth(vendors, o.vendor)!.Id }, Line: expense(o.amounts) })).status;
    case "billpayment": {
      const bill = nth(all(c, "Bill").filter((b) => cents(b.Balance) > 0), o.target);
      if (!bill) return 200;
      const paid = Math.max(1, Math.floor((cents(bill.Balance) * o.share) / 100));
      return (await c.api("POST", "/billpayment", { VendorRef: bill.VendorRef, PayType: "Check", TotalAmt: paid / 100, CheckPayment: { BankAccountRef: { value: c.account("Checking") } }, Line: [{ Amount: paid / 100, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }] })).status;
    }
    case "journal": {
      const debit = nth(accounts, o.debit)!;
      const credit = nth(accounts, o.credit)!;
      const jeLine = (posting: string, id: string) => ({ Amount: o.amount, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { PostingType: posting, AccountRef: { value: id } } });
      return (await c.api("POST", "/journalentry", { Line: [jeLine("Debit", debit.Id), jeLine("Credit", credit.Id)] })).status;
    }
    case "update": {
      const invoice = nth(all(c, "Invoice"), o.target);
      if (!invoice) return 200;
      const lines = (invoice.Line as { DetailType: string }[]).filter((l) => l.DetailType === "SalesItemLineDetail").map((l, i) => (i === 0 ? { ...l, Amount: o.amount } : l));
      return (await c.api("POST", "/invoice", { Id: invoice.Id, SyncToken: invoice.SyncToken, sparse: true, Line: lines })).status;
    }
    case "void":
    case "delete": {
      const kinds = o.kind === "void" ? VOIDABLE : DELETABLE;
      const candidates = kinds.flatMap((k) => all(c, NAMES[k]!).map((r) => [k, r] as const));
      const chosen = nth(candidates, o.target);
      if (!chosen) return 200;
      const [path, record] = chosen;
      return (await c.api("POST", `/${path}?operation=${o.kind}`, { Id: record.Id, SyncToken: record.SyncToken })).status;
    }
  }
}

const readsAsDebit = (a: EntityRecord) => a.Classification === "Asset" || a.AccountType === "Accounts Payable";

function sumBy(lines: JournalLine[], key: (l: JournalLine) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of lines) sums.set(key(line), (sums.get(key(line)) ?? 0) + line.homeAmount);
  return sums;
}

function checkBooks(c: Company): void {
  const ctx = realmContext(t.sim.core, c.realm);
  const lines = journalLines(ctx);
  // Debits equal credits, per transaction, in the transaction's currency and at home.
  for (const [txn, total] of sumBy(lines, (l) => `${l.txnType}:${l.txnId}`)) expect([txn, total + 0]).toEqual([txn, 0]);
  const byAccount = sumBy(lines, (l) => l.accountId);
  const accounts = Object.values(records(ctx, "Account"));
  for (const account of accounts) {
    if (!isBalanceSheet(String(account.AccountType))) continue;
    const ledger = byAccount.get(account.Id) ?? 0;
    expect([account.Name, cents(account.CurrentBalance)]).toEqual([account.Name, (readsAsDebit(account) ? ledger : -ledger) || 0]);
  }
  const named = (type: string) => accounts.filter((a) => a.AccountType === type).reduce((sum, a) => sum + (byAccount.get(a.Id) ?? 0), 0);
  const owed = Object.values(records(ctx, "Customer")).reduce((sum, customer) => sum + cents(customer.Balance), 0);
  expect(named("Accounts Receivable") + 0).toBe(owed + 0);
  const owing = Object.values(records(ctx, "Vendor")).reduce((sum, vendor) => sum + cents(vendor.Balance), 0);
  expect(-named("Accounts Payable") + 0).toBe(owing + 0);
  // Income in the books is what the sales documents sold, net of their tax.
  const sold = (entity: string, sign: number) => Object.values(records(ctx, entity)).reduce((sum, r) => sum + sign * (cents(r.TotalAmt) - cents((r.TxnTaxDetail as { TotalTax?: number } | undefined)?.TotalTax)), 0);
  const income = sold("Invoice", 1) + sold("SalesReceipt", 1) - sold("CreditMemo", 1) - sold("RefundReceipt", 1);
  const incomeIds = new Set(accounts.filter((a) => a.AccountType === "Income" || a.AccountType === "Other Income").map((a) => a.Id));
  const journaled = -lines.filter((l) => l.txnType === "JournalEntry" && incomeIds.has(l.accountId)).reduce((sum, l) => sum + l.homeAmount, 0);
  expect(-(named("Income") + named("Other Income")) + 0).toBe(income + journaled + 0);
  const taxCollected = ["Invoice", "SalesReceipt", "CreditMemo", "RefundReceipt"].reduce((sum, e) => sum + (e === "CreditMemo" || e === "RefundReceipt" ? -1 : 1) * Object.values(records(ctx, e)).reduce((s, r) => s + cents((r.TxnTaxDetail as { TotalTax?: number } | undefined)?.TotalTax), 0), 0);
  expect(-(byAccount.get(c.account("Sales Tax Payable")) ?? 0) + 0).toBe(taxCollected + journalOnly(lines, c.account("Sales Tax Payable")) + 0);

  // The running ledger is the one the records give when rebuilt.
  const before = accounts.map((a) => [a.Id, a.CurrentBalance]);
  const stored = sumBy(journalLines(ctx), (l) => l.accountId);
  delete c.realm.books;
  expect(sumBy(journalLines(ctx), (l) => l.accountId)).toEqual(stored);
  expect(accounts.map((a) => [a.Id, a.CurrentBalance])).toEqual(before);
}

/** Journal entries may post to Sales Tax Payable directly; those are not tax collected on documents. */
function journalOnly(lines: JournalLine[], accountId: string): number {
  return -lines.filter((l) => l.txnType === "JournalEntry" && l.accountId === accountId).reduce((sum, l) => sum + l.homeAmount, 0);
}

describe("the general ledger under random accepted writes", () => {
  it("balances, matches every running balance and agrees with the documents", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const c = company(t, { name: `Property ${run++}` });
        for (const o of ops) {
          const status = await apply(c, o);
          // Refusals are fine (a deposited payment can't be deleted); the simulator never fails on a write.
          expect(status).toBeLessThan(500);
        }
        checkBooks(c);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
