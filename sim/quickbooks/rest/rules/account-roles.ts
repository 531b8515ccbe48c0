// Which account types QuickBooks takes in each account field. The API refuses another type with a 6000
// business validation error naming the field, as the QuickBooks forms only offer these accounts.
import type { EntityRecord } from "../../state";
import { faults } from "../faults";

/**
 * Money received (SalesReceipt, Payment "Deposit to"): a bank or another current asset, Undeposited Funds
 * included. A RefundReceipt's "Refund from" may also be a credit card, as refunds go back to cards.
 */
export const RECEIVE_INTO = ["Bank", "Other Current Asset"] as const;
export const REFUND_FROM = ["Bank", "Other Current Asset", "Credit Card"] as const;

/** Item accounts: what a sale credits, what a purchase debits, where stock is held. */
export const ITEM_INCOME = ["Income", "Other Income"] as const;
export const ITEM_EXPENSE = ["Expense", "Other Expense", "Cost of Goods Sold"] as const;
export const INVENTORY_EXPENSE = ["Cost of Goods Sold"] as const;
export const INVENTORY_ASSET = ["Other Current Asset"] as const;

/** 6000 unless the account's type is one of `allowed`. */
export function checkAccountType(account: EntityRecord | undefined, allowed: readonly string[], element: string): void {
  if (!account || allowed.includes(String(account.AccountType))) return;
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}` : allowed[0];
  throw faults.businessValidation(`${element} must be a ${list} account, not ${String(account.AccountType)} (${String(account.Name)}).`, element);
}
