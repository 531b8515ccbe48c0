import { sharedQboBudget } from "./budget";
import { createQboClient } from "./client";
import type { QboApp } from "./endpoints";

// What Ledgerwire records about a company when it is connected: its name and home currency (CompanyInfo and
// Preferences), read with the brand-new access token before anything is stored.

export type CompanyFacts = { companyName: string; homeCurrency: string; multicurrencyEnabled: boolean };

/** The calls a read made, so they can be counted once the connection they belong to exists. */
export type CallTally = { reads: number; writes: number };

export async function readCompanyFacts(app: QboApp, realmId: string, accessToken: string, tally: CallTally = { reads: 0, writes: 0 }): Promise<CompanyFacts> {
  const client = createQboClient({
    baseUrl: app.apiBaseUrl,
    realmId,
    // Connecting reads the company too: those calls count against its limits like any other.
    budget: sharedQboBudget(),
    tokens: {
      get: async () => accessToken,
      refresh: async () => {
        throw new Error("A token minted a moment ago was refused; try connecting again.");
      },
    },
    // No connection row exists yet to count against; the caller adds the tally once it does.
    usage: { record: (kind, calls = 1) => void (tally[kind === "read" ? "reads" : "writes"] += calls) },
  });
  // Both answers are parsed by the client's own schemas.
  const info = await client.companyInfo();
  const prefs = await client.preferences();
  return {
    companyName: info.CompanyName,
    homeCurrency: prefs.CurrencyPrefs?.HomeCurrency?.value.toUpperCase() ?? "USD",
    multicurrencyEnabled: prefs.CurrencyPrefs?.MultiCurrencyEnabled ?? false,
  };
}
