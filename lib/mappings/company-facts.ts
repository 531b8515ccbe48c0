import type { CompanyFacts } from "../ledger";

const TAX_MODEL: Record<string, CompanyFacts["taxModel"]> = { US: "US-AST", GB: "GB-VAT", CA: "CA-GST", AU: "AU-GST" };

/** The ledger's facts about a company, from its connection and the country cached with its reference data. */
export function ledgerFacts(connection: { homeCurrency: string; multicurrencyEnabled: boolean }, country: string): CompanyFacts {
  return { homeCurrency: connection.homeCurrency.trim().toUpperCase(), multicurrencyEnabled: connection.multicurrencyEnabled, country, taxModel: TAX_MODEL[country] ?? "NONE" };
}
