import { z } from "zod";
import { createQboClient } from "./client";
import type { QboApp } from "./endpoints";

// What Ledgerwire records about a company when it is connected: its name and home currency (CompanyInfo and
// Preferences), read with the brand-new access token before anything is stored.

const CompanyInfoSchema = z.looseObject({ CompanyName: z.string().min(1) });
const PreferencesSchema = z.looseObject({
  CurrencyPrefs: z.looseObject({ MultiCurrencyEnabled: z.boolean().optional(), HomeCurrency: z.looseObject({ value: z.string().length(3) }).optional() }).optional(),
});

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
  const info = CompanyInfoSchema.parse(await client.companyInfo());
  const prefs = PreferencesSchema.parse(await client.preferences());
  return {
    companyName: info.CompanyName,
    homeCurrency: prefs.CurrencyPrefs?.HomeCurrency?.value.toUpperCase() ?? "USD",
    multicurrencyEnabled: prefs.CurrencyPrefs?.MultiCurrencyEnabled ?? false,
  };
}
