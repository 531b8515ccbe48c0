import { createQboClient } from "./client";
import type { QboApp } from "./endpoints";

// What Ledgerwire records about a company when it is connected: its name and home currency (CompanyInfo and
// Preferences), read with the brand-new access token before anything is stored.

export type CompanyFacts = { companyName: string; homeCurrency: string; multicurrencyEnabled: boolean };

export async function readCompanyFacts(app: QboApp, realmId: string, accessToken: string): Promise<CompanyFacts> {
  const client = createQboClient({
    baseUrl: app.apiBaseUrl,
    realmId,
    tokens: {
      get: async () => accessToken,
      refresh: async () => {
        throw new Error("A token minted a moment ago was refused; try connecting again.");
      },
    },
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
