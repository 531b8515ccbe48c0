// What a new sandbox company starts with (called by realms.ts for each new company): CompanyInfo and
// Preferences, a chart of accounts, sales tax, currencies, classes and locations, a few customers, vendors,
// an employee and items. Everything goes through the entity rules, like API writes (seed/put.ts).
import type { RealmContext } from "./rest/context";
import { seedAccounts } from "./seed/accounts";
import { seedCompanyInfo, seedPreferences, startDateOf } from "./seed/company";
import { seedCurrencies, seedItems, seedNames, seedTax } from "./seed/lists";
import { seedTermsAndMethods } from "./seed/terms";

export function seedCompany(context: RealmContext): void {
  // The starting point is not news: nothing is announced to webhook listeners (realms.ts clears the log).
  const ctx: RealmContext = { ...context, notify: () => {} };
  const startDate = startDateOf(ctx);
  seedCompanyInfo(ctx, startDate);
  const accounts = seedAccounts(ctx, startDate);
  seedTax(ctx, startDate);
  seedPreferences(ctx, accounts["Discounts given"]);
  seedCurrencies(ctx);
  seedNames(ctx);
  seedItems(ctx, accounts, startDate);
  seedTermsAndMethods(ctx);
}
