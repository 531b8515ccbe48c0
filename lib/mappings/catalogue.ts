import { ACCOUNT_ROLE_FITS, type QboAccountType } from "../ledger";

// Every mapping category the screens offer, in words a finance person reads, with the QuickBooks account types
// that fit it. Kept in step with lib/ledger's planners: the fitting types are lib/ledger's own table
// (ACCOUNT_ROLE_FITS, used by accountFor / itemFor), and a category is "required" when some
// posting of that source cannot be planned without it (no fallback category in the planner).

export type SourceKind = "STRIPE" | "SHOPIFY" | "API";

/** What a category maps to: an account, a product/service item (sales lines credit income through items), or a tax code. */
export type CategoryUse = "account" | "item" | "taxCode";

export type CategoryDef = {
  key: string;
  label: string;
  help: string;
  use: CategoryUse;
  /** Account types that fit (for an item: its income account's type). Empty for tax codes. */
  fits: readonly QboAccountType[];
  /** Activation is refused while a required category is unmapped or mapped to an unfitting account. */
  required: boolean;
  /** Names of existing accounts or items to suggest first, in order of preference. */
  suggest: readonly string[];
  /** Names never suggested (they fit by type but are wrong for the job). */
  avoid?: readonly string[];
  /** What the page's "Not mapped" choice says, for an optional category with a fallback. */
  unmappedLabel?: string;
  /** What "Create in QuickBooks" makes for this category. */
  create?: { name: string; accountType: QboAccountType; accountSubType: string };
};

/** The account types that fit each role: the ledger's own table, so the screens offer what the planners accept. */
export const ROLE_FITS = ACCOUNT_ROLE_FITS;

export const SOURCE_NAMES: Record<SourceKind, string> = { STRIPE: "Stripe", SHOPIFY: "Shopify", API: "Events API" };

const FEE_SUGGESTIONS = ["Merchant Account Fees", "Bank Charges", "Bank Charges & Fees"];

function sourceSpecific(kind: SourceKind): CategoryDef[] {
  const name = SOURCE_NAMES[kind];
  const slug = kind.toLowerCase();
  return [
    {
      key: `clearing:${slug}`,
      label: `${name} clearing`,
      help: `Where ${name} holds money between a sale and its payout. Every sale is deposited here and every payout leaves from here; its balance should equal the balance ${name} shows. Other Current Asset or Bank.`,
      use: "account",
      fits: ROLE_FITS.clearing,
      required: true,
      suggest: [`${name} Clearing`, `${name} Balance`],
      // Undeposited Funds is QuickBooks' own holding account for payments to group into deposits: mixing a
      // processor's balance into it makes both impossible to reconcile.
      avoid: ["Undeposited Funds"],
      create: { name: `${name} Clearing`, accountType: "Other Current Asset", accountSubType: "OtherCurrentAssets" },
    },
    {
      key: `bank:${slug}`,
      label: `${name} payout bank account`,
      help: `The bank account ${name} pays out to. A payout becomes a deposit here that matches the line on your bank feed. Bank.`,
      use: "account",
      fits: ROLE_FITS.bank,
      // Shopify payouts are not read yet: nothing posts to its bank account today.
      required: kind !== "SHOPIFY",
      suggest: ["Checking", "Business Checking"],
    },
  ];
}

const REVENUE: CategoryDef = {
  key: "revenue",
  label: "Sales",
  help: "The product or service each sale line is booked with; QuickBooks credits that item's income account. An item whose income account is Income or Other Income.",
  use: "item",
  fits: ROLE_FITS.income,
  required: true,
  suggest: ["Sales", "Online sales", "Services"],
};

const FEES: CategoryDef = {
  key: "fees:processing",
  label: "Processing fees",
  help: "What the processor keeps from each payment. Also used for dispute, payout and currency fees that have no account of their own. Expense, Other Expense or Cost of Goods Sold.",
  use: "account",
  fits: ROLE_FITS.expense,
  required: true,
  suggest: FEE_SUGGESTIONS,
};

const REFUNDS: CategoryDef = {
  key: "refunds",
  label: "Refunds",
  help: "The item refunds are booked with, to keep them apart from sales (a contra-income item such as Refunds-Allowances). When unmapped, a refund reverses the sale's own items.",
  use: "item",
  fits: ROLE_FITS.income,
  required: false,
  suggest: ["Refunds", "Refunds-Allowances"],
};

const SHIPPING: CategoryDef = {
  key: "shipping",
  label: "Shipping charged",
  help: "The item for shipping the customer paid for. An item whose income account is Income or Other Income.",
  use: "item",
  fits: ROLE_FITS.income,
  required: true,
  suggest: ["Shipping"],
};

const TIPS: CategoryDef = {
  key: "tips",
  label: "Tips",
  help: "The item for tips; when unmapped, tips are booked as sales.",
  use: "item",
  fits: ROLE_FITS.income,
  required: false,
  suggest: ["Tips"],
};

function feeOf(key: string, label: string, help: string): CategoryDef {
  return { key, label, help: `${help} When unmapped, processing fees are used. Expense, Other Expense or Cost of Goods Sold.`, use: "account", fits: ROLE_FITS.expense, required: false, suggest: FEE_SUGGESTIONS };
}

const DISPUTES: CategoryDef[] = [
  {
    key: "disputes:holding",
    label: "Disputed charges",
    help: "While a customer's dispute is open the money is held back: it waits here until the dispute is won (it returns to clearing) or lost. Other Current Asset.",
    use: "account",
    fits: ROLE_FITS.holding,
    required: true,
    suggest: ["Disputed charges", "Disputed Charges"],
    avoid: ["Undeposited Funds", "Inventory Asset"],
    create: { name: "Disputed charges", accountType: "Other Current Asset", accountSubType: "OtherCurrentAssets" },
  },
  {
    key: "disputes:loss",
    label: "Chargeback losses",
    help: "Where a lost dispute is written off. Expense, Other Expense or Cost of Goods Sold (or an Income account, to book it against revenue).",
    use: "account",
    fits: ROLE_FITS.loss,
    required: true,
    suggest: ["Chargeback losses", "Chargeback Losses"],
    create: { name: "Chargeback losses", accountType: "Expense", accountSubType: "OtherMiscellaneousServiceCost" },
  },
  feeOf("fees:dispute", "Dispute fees", "The fee charged when a customer disputes a payment."),
];

export const FX_CATEGORY: CategoryDef = {
  key: "fx:gain-loss",
  label: "Exchange gains and losses",
  help: "The cent of difference between what QuickBooks converts and what the processor settled, in a multicurrency company. Other Expense, Other Income or Expense.",
  use: "account",
  fits: ROLE_FITS.fx,
  required: true,
  suggest: ["Exchange Gain or Loss"],
};

/** The categories one source kind needs, in the order the page shows them. */
export function sourceCategories(kind: SourceKind, company: { multicurrencyEnabled: boolean }): CategoryDef[] {
  const list = [...sourceSpecific(kind), REVENUE, FEES, REFUNDS];
  if (kind === "SHOPIFY") list.push(SHIPPING, TIPS);
  if (kind === "STRIPE") list.push(...DISPUTES, feeOf("fees:payout", "Payout fees", "Fees for instant payouts and other balance fees."), feeOf("fees:currency", "Currency conversion fees", "Fees for converting a payment into your payout currency."));
  if (kind === "API") list.push(SHIPPING, TIPS, ...DISPUTES, feeOf("fees:payout", "Payout fees", "Payout fees your system reports."));
  if (company.multicurrencyEnabled) list.push(FX_CATEGORY);
  return list;
}

/**
 * Tax codes, outside the US only: there QuickBooks wants a code on every sales line. US companies use
 * automated sales tax (TAX / NON), which needs no mapping. Jurisdictions come from the workspace's events.
 */
export function taxCategories(country: string, jurisdictions: readonly string[]): CategoryDef[] {
  if (country === "US") return [];
  const exempt: CategoryDef = {
    key: "tax:exempt",
    label: "Untaxed lines",
    help: "The tax code for lines that carry no tax (exempt or out of scope); QuickBooks outside the US needs a code on every line.",
    use: "taxCode",
    fits: [],
    required: true,
    suggest: ["Exempt", "No VAT", "Out of scope", "Zero-rated"],
  };
  const zero: CategoryDef = { ...exempt, key: "tax:zero", label: "Zero-rated lines", help: "The tax code for zero-rated sales (0 %).", required: false, suggest: ["Zero-rated", "0% ZR"] };
  const reverse: CategoryDef = { ...exempt, key: "tax:reverse-charge", label: "Reverse charge", help: "The tax code for reverse-charge sales, where the customer accounts for the tax.", required: false, suggest: ["Reverse Charge"] };
  const byPlace = jurisdictions.map<CategoryDef>((j) => ({
    key: `tax:${j}`,
    label: `Tax in ${j}`,
    help: `The tax code for sales taxed in ${j} (seen in your events).`,
    use: "taxCode",
    fits: [],
    required: true,
    suggest: [],
  }));
  return [exempt, zero, reverse, ...byPlace];
}

/** The definition of a category key, from any source kind (they share revenue, fees ...). */
export function findCategoryDef(key: string): CategoryDef | undefined {
  for (const kind of ["STRIPE", "SHOPIFY", "API"] as const) {
    const found = sourceCategories(kind, { multicurrencyEnabled: true }).find((c) => c.key === key);
    if (found) return found;
  }
  return undefined;
}
