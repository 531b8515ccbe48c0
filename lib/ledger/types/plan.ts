import { z } from "zod";
import { CurrencySchema, MinorSchema } from "../../canonical";

// The answer of the ledger: what to write to QuickBooks for one canonical event, or what a person must fix first.

/** One account movement QuickBooks is expected to book, for previews and for checking what QuickBooks did. */
export const LedgerLineSchema = z
  .object({
    /** The mapping category the account comes from ("clearing:stripe", "tax:GB", "accounts-receivable"). */
    category: z.string(),
    /** Undefined where QuickBooks picks the account itself (A/R, or a tax code's liability account when unmapped). */
    qboAccountId: z.string().optional(),
    debitMinor: MinorSchema,
    creditMinor: MinorSchema,
  })
  .strict();
export type LedgerLine = z.infer<typeof LedgerLineSchema>;

/**
 * Something the pipeline (lib/sync) must fill in before the body is sent. The body holds the token as a
 * string wherever the QuickBooks id goes (`CustomerRef.value`, `LinkedTxn[].TxnId`); `resolvePlaceholders`
 * swaps them.
 *  - customer: the QuickBooks customer for a source customer; create it with `displayName` when missing.
 *  - posting: the QuickBooks id of another posting of this plan or of an earlier event (its eventKey + target).
 *  - invoice: the Invoice posted for a source invoice, whichever event (INVOICE_ISSUED, SUBSCRIPTION_INVOICE,
 *    a SALE in InvoiceAndPayment mode) posted it.
 *  - invoice-customer: the customer of that invoice, for a payment that does not name its customer.
 */
export const DependencySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("customer"), token: z.string(), source: z.string(), sourceId: z.string(), displayName: z.string(), email: z.string().optional(), currency: CurrencySchema }).strict(),
  z.object({ kind: z.literal("posting"), token: z.string(), eventKey: z.string(), target: z.string() }).strict(),
  z.object({ kind: z.literal("invoice"), token: z.string(), source: z.string(), invoiceSourceId: z.string() }).strict(),
  z.object({ kind: z.literal("invoice-customer"), token: z.string(), source: z.string(), invoiceSourceId: z.string() }).strict(),
]);
export type Dependency = z.infer<typeof DependencySchema>;

export const PlannedPostingSchema = z
  .object({
    /** Which write this is for the event: "SalesReceipt", "JournalEntry:fee", "Deposit" ... (Posting.target). */
    target: z.string().min(1).max(100),
    entityType: z.enum(["SalesReceipt", "Invoice", "Payment", "RefundReceipt", "CreditMemo", "Deposit", "JournalEntry"]),
    /** The QuickBooks create request, with placeholder tokens where ids are not known yet. */
    body: z.record(z.string(), z.unknown()),
    dependsOn: z.array(DependencySchema),
    /** Deterministic QuickBooks requestid (at most 50 characters). */
    requestId: z.string().min(1).max(50),
    /** The entity's total (TotalAmt) in minor units of `currency`. */
    amountMinor: MinorSchema,
    currency: CurrencySchema,
    /** Debits and credits, in minor units of `currency`. */
    lines: z.array(LedgerLineSchema),
    /** Things a reviewer should know (a rate left to QuickBooks, an amount converted). */
    notes: z.array(z.string()),
  })
  .strict();
export type PlannedPosting = z.infer<typeof PlannedPostingSchema>;

export const PostingPlanSchema = z.object({ eventKey: z.string(), postings: z.array(PlannedPostingSchema) }).strict();
export type PostingPlan = z.infer<typeof PostingPlanSchema>;

export const PROBLEM_CODES = [
  "UNMAPPED",
  "WRONG_ACCOUNT_TYPE",
  "ACCOUNT_TYPE_UNKNOWN",
  "ITEM_REQUIRED",
  "TAX_CODE_REQUIRED",
  "CURRENCY_NOT_SUPPORTED",
  "TOTALS_DISAGREE",
  "UNSUPPORTED",
] as const;

export const ProblemSchema = z
  .object({
    code: z.enum(PROBLEM_CODES),
    /** The mapping category to fix, when a mapping is the cause. */
    category: z.string().optional(),
    /** One sentence a finance person can act on. */
    message: z.string(),
  })
  .strict();
export type Problem = z.infer<typeof ProblemSchema>;

export type PlanResult = { ok: true; plan: PostingPlan } | { ok: false; problems: Problem[] };
