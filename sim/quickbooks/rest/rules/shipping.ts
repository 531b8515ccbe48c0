// Shipping on sales forms. With Preferences.SalesFormsPrefs.AllowShipping on, QuickBooks takes a sales line
// whose ItemRef is the pseudo item "SHIPPING_ITEM_ID" (there is no Item record behind it) and credits the
// company's shipping income account (SalesFormsPrefs.DefaultShippingAccount). With shipping off the id names
// nothing, so it is refused like any unknown item (2500).
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { findRecord, records } from "../store";
import { isObject, refValue, stringValue, type Json } from "./common";

export const SHIPPING_ITEM_ID = "SHIPPING_ITEM_ID";

function salesFormsPrefs(ctx: RealmContext): Json {
  const prefs = findRecord(ctx, "Preferences", "1");
  return isObject(prefs?.SalesFormsPrefs) ? prefs.SalesFormsPrefs : {};
}

export function shippingAllowed(ctx: RealmContext): boolean {
  return salesFormsPrefs(ctx).AllowShipping === true;
}

/** A line detail naming the shipping pseudo item. */
export function isShippingDetail(detail: unknown): boolean {
  return isObject(detail) && refValue(detail.ItemRef) === SHIPPING_ITEM_ID;
}

/**
 * The account shipping is credited to: DefaultShippingAccount (an account Id; QuickBooks sends `false` when
 * none is set), else the seeded "Shipping income" account, else the first active Income account.
 */
export function shippingAccount(ctx: RealmContext): EntityRecord | undefined {
  const setting = salesFormsPrefs(ctx).DefaultShippingAccount;
  const id = isObject(setting) ? refValue(setting) : typeof setting === "boolean" ? undefined : stringValue(setting);
  const chosen = id ? findRecord(ctx, "Account", id) : undefined;
  if (chosen && chosen.Active !== false) return chosen;
  const accounts = Object.values(records(ctx, "Account")).filter((a) => a.Active !== false);
  return accounts.find((a) => a.Name === "Shipping income") ?? accounts.find((a) => a.AccountType === "Income");
}

/** Checks a shipping line's ItemRef: 2500 while shipping is off; rewritten as QuickBooks answers it. */
export function checkShippingItem(ctx: RealmContext, detail: Json, element: string): void {
  if (!shippingAllowed(ctx)) throw faults.invalidReference(element, SHIPPING_ITEM_ID);
  detail.ItemRef = { value: SHIPPING_ITEM_ID };
}

/**
 * The income account (Id) a sales item line credits: the item's IncomeAccountRef, or the shipping account
 * for SHIPPING_ITEM_ID. Undefined when the item is unknown or has no income account. For the general ledger.
 */
export function incomeAccountOfLine(ctx: RealmContext, salesItemLineDetail: unknown): string | undefined {
  if (!isObject(salesItemLineDetail)) return undefined;
  const itemId = refValue(salesItemLineDetail.ItemRef);
  if (itemId === undefined) return undefined;
  if (itemId === SHIPPING_ITEM_ID) return shippingAccount(ctx)?.Id;
  const item = findRecord(ctx, "Item", itemId);
  return item ? refValue(item.IncomeAccountRef) : undefined;
}
