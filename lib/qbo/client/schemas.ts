// zod schemas for what QuickBooks answers. Entities are loose: they check the fields the product relies on
// (Id, SyncToken, MetaData and each entity's essentials) and keep everything else, so a field QuickBooks
// adds later never breaks a sync. Amounts stay JSON numbers as QuickBooks sends them; converting them to
// integer minor units is the ledger's job, with its written rounding rules.
import { z } from "zod";

export const RefSchema = z.looseObject({ value: z.string(), name: z.string().optional() });
export type Ref = z.infer<typeof RefSchema>;

export const MetaDataSchema = z.looseObject({ CreateTime: z.string().optional(), LastUpdatedTime: z.string().optional() });

const LineSchema = z.looseObject({ Id: z.string().optional(), Amount: z.number().optional(), DetailType: z.string().optional() });

/** Every entity QuickBooks stores carries these. */
const base = { Id: z.string(), SyncToken: z.string(), MetaData: MetaDataSchema, domain: z.string().optional() };

const person = z.looseObject({ ...base, DisplayName: z.string(), Active: z.boolean().optional(), CurrencyRef: RefSchema.optional() });
const namedList = z.looseObject({ ...base, Name: z.string(), FullyQualifiedName: z.string().optional(), Active: z.boolean().optional() });

export const AccountSchema = z.looseObject({
  ...base,
  Name: z.string(),
  FullyQualifiedName: z.string().optional(),
  AccountType: z.string(),
  AccountSubType: z.string().optional(),
  Classification: z.string().optional(),
  Active: z.boolean().optional(),
  CurrencyRef: RefSchema.optional(),
});
export const ItemSchema = z.looseObject({ ...base, Name: z.string(), Type: z.string(), Active: z.boolean().optional(), IncomeAccountRef: RefSchema.optional() });
export const TaxCodeSchema = z.looseObject({ ...base, Name: z.string(), Active: z.boolean().optional(), Taxable: z.boolean().optional() });
export const TaxRateSchema = z.looseObject({ ...base, Name: z.string(), RateValue: z.number().optional(), Active: z.boolean().optional() });
export const CurrencySchema = z.looseObject({ ...base, Code: z.string(), Name: z.string().optional(), Active: z.boolean().optional() });

const txn = { ...base, TxnDate: z.string().optional(), DocNumber: z.string().optional(), CurrencyRef: RefSchema.optional(), PrivateNote: z.string().optional() };

export const InvoiceSchema = z.looseObject({ ...txn, CustomerRef: RefSchema, Line: z.array(LineSchema), TotalAmt: z.number(), Balance: z.number().optional() });
export const SalesReceiptSchema = z.looseObject({ ...txn, CustomerRef: RefSchema.optional(), Line: z.array(LineSchema), TotalAmt: z.number() });
export const PaymentSchema = z.looseObject({ ...txn, CustomerRef: RefSchema, TotalAmt: z.number(), UnappliedAmt: z.number().optional(), Line: z.array(LineSchema).optional() });
export const RefundReceiptSchema = z.looseObject({ ...txn, Line: z.array(LineSchema), TotalAmt: z.number(), DepositToAccountRef: RefSchema.optional() });
export const CreditMemoSchema = z.looseObject({ ...txn, CustomerRef: RefSchema, Line: z.array(LineSchema), TotalAmt: z.number() });
export const DepositSchema = z.looseObject({ ...txn, DepositToAccountRef: RefSchema, Line: z.array(LineSchema), TotalAmt: z.number() });
export const JournalEntrySchema = z.looseObject({ ...txn, Line: z.array(LineSchema), TotalAmt: z.number().optional() });
export const PurchaseSchema = z.looseObject({ ...txn, AccountRef: RefSchema, PaymentType: z.string(), Line: z.array(LineSchema), TotalAmt: z.number() });
export const BillSchema = z.looseObject({ ...txn, VendorRef: RefSchema, Line: z.array(LineSchema), TotalAmt: z.number(), Balance: z.number().optional() });
export const BillPaymentSchema = z.looseObject({ ...txn, VendorRef: RefSchema, PayType: z.string(), TotalAmt: z.number() });

export const CompanyInfoSchema = z.looseObject({ ...base, CompanyName: z.string(), Country: z.string().optional() });
export const PreferencesSchema = z.looseObject({
  ...base,
  // What a connection records about the company: its home currency and whether multicurrency is on.
  CurrencyPrefs: z.looseObject({ MultiCurrencyEnabled: z.boolean().optional(), HomeCurrency: z.looseObject({ value: z.string().length(3) }).optional() }).optional(),
});

/** Every entity the client reads and writes, by its JSON element name. */
export const ENTITY_SCHEMAS = {
  Account: AccountSchema,
  Customer: person,
  Vendor: person,
  Employee: person,
  Item: ItemSchema,
  Class: namedList,
  Department: namedList,
  TaxCode: TaxCodeSchema,
  TaxRate: TaxRateSchema,
  Currency: CurrencySchema,
  Invoice: InvoiceSchema,
  SalesReceipt: SalesReceiptSchema,
  Payment: PaymentSchema,
  RefundReceipt: RefundReceiptSchema,
  CreditMemo: CreditMemoSchema,
  Deposit: DepositSchema,
  JournalEntry: JournalEntrySchema,
  Purchase: PurchaseSchema,
  Bill: BillSchema,
  BillPayment: BillPaymentSchema,
} as const;

export type QboEntityName = keyof typeof ENTITY_SCHEMAS;
export type EntityOf<E extends QboEntityName> = z.infer<(typeof ENTITY_SCHEMAS)[E]>;
export const QBO_ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as QboEntityName[];

/** Transactions are deleted; name lists cannot be (they are made inactive with an update). */
export const DELETABLE_ENTITIES = ["Invoice", "SalesReceipt", "Payment", "RefundReceipt", "CreditMemo", "Deposit", "JournalEntry", "Purchase", "Bill", "BillPayment"] as const;
export type DeletableEntity = (typeof DELETABLE_ENTITIES)[number];
export const VOIDABLE_ENTITIES = ["Invoice", "SalesReceipt", "Payment", "RefundReceipt", "CreditMemo", "BillPayment"] as const;
export type VoidableEntity = (typeof VOIDABLE_ENTITIES)[number];
/** QuickBooks maintains these itself; the API only reads them. */
export type ReadOnlyEntity = "TaxCode" | "TaxRate";
export type WritableEntity = Exclude<QboEntityName, ReadOnlyEntity>;

/** The answer to `operation=delete`, and a deleted record in change data capture. */
export const DeletedSchema = z.looseObject({ status: z.literal("Deleted"), Id: z.string(), MetaData: MetaDataSchema.optional() });
export type Deleted = z.infer<typeof DeletedSchema>;

/** A query row when the statement's entity is not known to the caller's types. */
export const QueryRowSchema = z.looseObject({ Id: z.string().optional(), SyncToken: z.string().optional(), MetaData: MetaDataSchema.optional() });
export type QueryRow = z.infer<typeof QueryRowSchema>;

/** `QueryResponse`: `{ <Entity>: [...], startPosition, maxResults }`, `{ totalCount }`, or `{}` for no rows. */
export const QueryResponseSchema = z.looseObject({
  startPosition: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  totalCount: z.number().int().optional(),
});

export const ExchangeRateSchema = z.looseObject({
  SourceCurrencyCode: z.string(),
  TargetCurrencyCode: z.string(),
  Rate: z.number(),
  AsOfDate: z.string(),
  MetaData: MetaDataSchema.optional(),
});
export type ExchangeRate = z.infer<typeof ExchangeRateSchema>;
export type CompanyInfo = z.infer<typeof CompanyInfoSchema>;
export type Preferences = z.infer<typeof PreferencesSchema>;
