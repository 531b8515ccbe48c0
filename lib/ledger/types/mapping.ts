import { z } from "zod";

// What a workspace mapped, by category key (the same strings as AccountMapping.category): where each kind of
// money goes in QuickBooks. The ledger reads it and never writes it; the mapping screens own it.

/** QuickBooks' AccountType values, as the Account entity spells them. */
export const QBO_ACCOUNT_TYPES = [
  "Bank",
  "Other Current Asset",
  "Fixed Asset",
  "Other Asset",
  "Accounts Receivable",
  "Equity",
  "Expense",
  "Other Expense",
  "Cost of Goods Sold",
  "Accounts Payable",
  "Credit Card",
  "Long Term Liability",
  "Other Current Liability",
  "Income",
  "Other Income",
] as const;
export const QboAccountTypeSchema = z.enum(QBO_ACCOUNT_TYPES);
export type QboAccountType = z.infer<typeof QboAccountTypeSchema>;

const IdSchema = z.string().min(1).max(100);

/**
 * One mapped category. Accounts carry their QuickBooks type so a plan can refuse a misfit (fees on a Bank
 * account) before QuickBooks does. Revenue-like categories (revenue, shipping, tips, refunds) map to an item,
 * because QuickBooks sales lines credit income through ItemRef; `qboAccountId` is then the item's income
 * account, used for previews and checks.
 */
export const MappingEntrySchema = z
  .object({
    qboAccountId: IdSchema.optional(),
    qboAccountName: z.string().max(500).optional(),
    accountType: QboAccountTypeSchema.optional(),
    qboItemId: IdSchema.optional(),
    qboTaxCodeId: IdSchema.optional(),
    qboClassId: IdSchema.optional(),
    qboDepartmentId: IdSchema.optional(),
  })
  .strict();
export type MappingEntry = z.infer<typeof MappingEntrySchema>;

export const MappingSettingsSchema = z
  .object({
    /** A paid sale as one SalesReceipt, or as an Invoice with a Payment applied to it. */
    sales: z.enum(["SalesReceipt", "InvoiceAndPayment"]).default("SalesReceipt"),
    /** A refund as one RefundReceipt, or as a CreditMemo with the money paid out of clearing. */
    refunds: z.enum(["RefundReceipt", "CreditMemoAndRefund"]).default("RefundReceipt"),
  })
  .strict();
export type MappingSettings = z.infer<typeof MappingSettingsSchema>;

export const MappingSchema = z
  .object({
    /** Category key -> what it maps to: "clearing:stripe", "revenue", "revenue:category:Books", "tax:GB" ... */
    entries: z.record(z.string().min(1).max(255), MappingEntrySchema),
    settings: MappingSettingsSchema.default({ sales: "SalesReceipt", refunds: "RefundReceipt" }),
  })
  .strict();
export type Mapping = z.infer<typeof MappingSchema>;
export type MappingInput = z.input<typeof MappingSchema>;
