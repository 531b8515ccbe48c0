// The accounts QuickBooks picks itself: A/R and A/P per currency (a multicurrency company gets
// "Accounts Receivable (A/R) - EUR" the first time it writes a EUR invoice), Undeposited Funds, and the
// account realised exchange gains and losses land in.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { nextId, records, saveRecord } from "../store";
import { defOf, refValue } from "../rules/common";
import { currencyRef, homeCurrency } from "../rules/currency";

export function accountCurrency(ctx: RealmContext, account: EntityRecord): string {
  return refValue(account.CurrencyRef) ?? homeCurrency(ctx);
}

function activeOfType(ctx: RealmContext, type: string, currency: string): EntityRecord | undefined {
  return Object.values(records(ctx, "Account")).find((a) => a.AccountType === type && a.Active !== false && accountCurrency(ctx, a) === currency);
}

const CONTROL_NAMES: Record<string, string> = { "Accounts Receivable": "Accounts Receivable (A/R)", "Accounts Payable": "Accounts Payable (A/P)" };
const CONTROL_SUBTYPES: Record<string, string> = { "Accounts Receivable": "AccountsReceivable", "Accounts Payable": "AccountsPayable" };

/**
 * The A/R or A/P account of a currency. QuickBooks keeps one per currency and creates a foreign one on first
 * use; with `create` false (checking a write before it is stored) a missing one is reported as undefined.
 */
export function controlAccount(ctx: RealmContext, type: "Accounts Receivable" | "Accounts Payable", currency: string, create = true): EntityRecord | undefined {
  const found = activeOfType(ctx, type, currency);
  if (found || !create) return found;
  const home = homeCurrency(ctx);
  if (currency === home) return undefined;
  const def = defOf("Account");
  const name = `${CONTROL_NAMES[type]} - ${currency}`;
  const account: EntityRecord = {
    Name: name,
    SubAccount: false,
    FullyQualifiedName: name,
    Active: true,
    Classification: type === "Accounts Receivable" ? "Asset" : "Liability",
    AccountType: type,
    AccountSubType: CONTROL_SUBTYPES[type],
    CurrentBalance: 0,
    CurrentBalanceWithSubAccounts: 0,
    CurrencyRef: currencyRef(currency),
    domain: "QBO",
    sparse: false,
    Id: nextId(ctx, def),
    SyncToken: "0",
    MetaData: { CreateTime: "", LastUpdatedTime: "" },
  };
  return saveRecord(ctx, def, account, "Create");
}

export function gainLossAccount(ctx: RealmContext): EntityRecord | undefined {
  return Object.values(records(ctx, "Account")).find((a) => a.AccountSubType === "ExchangeGainOrLoss" && a.Active !== false);
}

export function openingBalanceEquity(ctx: RealmContext): EntityRecord | undefined {
  return Object.values(records(ctx, "Account")).find((a) => a.AccountSubType === "OpeningBalanceEquity" && a.Active !== false);
}
