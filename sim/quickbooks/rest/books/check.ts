// Checks a write against the books before it is stored: every account a transaction posts to must be in the
// transaction's currency or the home currency, and its A/R or A/P in the transaction's own currency, as
// QuickBooks enforces in multicurrency companies.
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { findRecord } from "../store";
import { refValue, type Json } from "../rules/common";
import { homeCurrency } from "../rules/currency";
import { accountCurrency } from "./accounts";
import { PENDING_PREFIX, journalOf } from "./post";

const PER_CURRENCY = new Set(["Accounts Receivable", "Accounts Payable"]);

export function checkPostings(ctx: RealmContext, entity: string, record: Json): void {
  const home = homeCurrency(ctx);
  const currency = refValue(record.CurrencyRef) ?? home;
  for (const line of journalOf(ctx, entity, record, { create: false })) {
    if (line.accountId.startsWith(PENDING_PREFIX)) continue;
    const account = findRecord(ctx, "Account", line.accountId);
    if (!account) continue;
    const own = accountCurrency(ctx, account);
    const name = String(account.FullyQualifiedName ?? account.Name);
    if (PER_CURRENCY.has(String(account.AccountType)) && line.amount !== 0 && own !== currency) {
      throw faults.businessValidation(`${name} is in ${own}; a ${currency} transaction needs the ${String(account.AccountType)} account in ${currency}.`, "");
    }
    if (own !== currency && own !== home) {
      throw faults.businessValidation(`${name} is a ${own} account. A ${currency} transaction can only use accounts in ${currency} or the home currency (${home}).`, "");
    }
  }
}
