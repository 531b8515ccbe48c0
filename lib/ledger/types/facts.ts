import { z } from "zod";
import { CurrencySchema } from "../../canonical";

// What the ledger needs to know about the QuickBooks company (read at connect time, lib/qbo/company-facts.ts).

export const TAX_MODELS = ["US-AST", "GB-VAT", "CA-GST", "AU-GST", "NONE"] as const;

export const CompanyFactsSchema = z
  .object({
    homeCurrency: CurrencySchema,
    multicurrencyEnabled: z.boolean(),
    /** ISO 3166 alpha-2 ("US", "GB"): US companies take TAX/NON line codes, others a code per line. */
    country: z.string().regex(/^[A-Z]{2}$/),
    taxModel: z.enum(TAX_MODELS),
    /** IANA zone of the company ("America/New_York"); without it the date of `occurredAt` is taken in UTC. */
    timeZone: z.string().min(1).max(100).optional(),
  })
  .strict();
export type CompanyFacts = z.infer<typeof CompanyFactsSchema>;
