// Customer and vendor open balances, derived from their documents: a customer owes its open invoices less
// unused credit memos and unapplied payments; a vendor is owed its open bills. QuickBooks keeps these as
// read-only figures on the name record. They are rewritten in place (no new SyncToken): the documents that
// moved them are what changed, and those carry their own change events.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { findRecord, records } from "../store";
import { refValue } from "./common";
import { centsToAmount, toCents } from "./money";

/** A record being deleted: still stored while its rules run, so balance sums must skip it. */
export type Excluded = { entity: string; id: string } | undefined;

function sumFor(ctx: RealmContext, entity: string, field: string, partyField: string, partyId: string, exclude: Excluded): number {
  let total = 0;
  for (const record of Object.values(records(ctx, entity))) {
    if (exclude && exclude.entity === entity && exclude.id === record.Id) continue;
    if (refValue(record[partyField]) !== partyId) continue;
    total += toCents(record[field]) ?? 0;
  }
  return total;
}

export function customerBalance(ctx: RealmContext, customerId: string, exclude?: Excluded): number {
  return (
    sumFor(ctx, "Invoice", "Balance", "CustomerRef", customerId, exclude) -
    sumFor(ctx, "CreditMemo", "Balance", "CustomerRef", customerId, exclude) -
    sumFor(ctx, "Payment", "UnappliedAmt", "CustomerRef", customerId, exclude)
  );
}

export function vendorBalance(ctx: RealmContext, vendorId: string, exclude?: Excluded): number {
  // Unapplied vendor credits reduce what the company owes the vendor.
  return sumFor(ctx, "Bill", "Balance", "VendorRef", vendorId, exclude) - sumFor(ctx, "VendorCredit", "Balance", "VendorRef", vendorId, exclude);
}

/** BalanceWithJobs = own Balance plus every sub-customer's, recomputed from `customerId` up to the top. */
export function refreshCustomerJobs(ctx: RealmContext, customerId: string): void {
  const all = Object.values(records(ctx, "Customer"));
  for (let at = findRecord(ctx, "Customer", customerId); at; ) {
    const current: EntityRecord = at;
    const children = all.filter((c) => refValue(c.ParentRef) === current.Id);
    const cents = (toCents(current.Balance) ?? 0) + children.reduce((sum, c) => sum + (toCents(c.BalanceWithJobs) ?? 0), 0);
    current.BalanceWithJobs = centsToAmount(cents);
    const parentId = refValue(current.ParentRef);
    at = parentId ? findRecord(ctx, "Customer", parentId) : undefined;
  }
}

/** Recomputes the customers named (old and new CustomerRef of a changed document). */
export function refreshCustomers(ctx: RealmContext, ids: Iterable<string | undefined>, exclude?: Excluded): void {
  for (const id of new Set(ids)) {
    if (!id) continue;
    const customer = findRecord(ctx, "Customer", id);
    if (!customer) continue;
    customer.Balance = centsToAmount(customerBalance(ctx, id, exclude));
    refreshCustomerJobs(ctx, id);
  }
}

export function refreshVendors(ctx: RealmContext, ids: Iterable<string | undefined>, exclude?: Excluded): void {
  for (const id of new Set(ids)) {
    if (!id) continue;
    const vendor = findRecord(ctx, "Vendor", id);
    if (vendor) vendor.Balance = centsToAmount(vendorBalance(ctx, id, exclude));
  }
}
