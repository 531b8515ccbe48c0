// The entities the simulator serves, kept as data: their URL path, whether they are a name list (Active flag,
// hidden when inactive) or a transaction (shared Id sequence, TxnDate, DocNumber), and which operations
// QuickBooks allows on them.

export type EntityKind = "name" | "transaction" | "setting";

export type EntityDef = {
  name: string;
  /** Lower-case path segment: `/v3/company/{realmId}/{path}`. */
  path: string;
  kind: EntityKind;
  create: boolean;
  update: boolean;
  /** `operation=delete` removes it (transactions); name lists are made inactive instead. */
  delete: boolean;
  void: boolean;
  query: boolean;
  /** Reported by change data capture and webhooks. */
  cdc: boolean;
  /** Name lists whose display name must be unique (Customer, Vendor and Employee share one namespace). */
  nameField?: "DisplayName" | "Name" | "FullyQualifiedName";
  /** Transactions whose DocNumber must be unique when given. */
  uniqueDocNumber?: boolean;
};

const name = (n: string, extra: Partial<EntityDef> = {}): EntityDef => ({
  name: n,
  path: n.toLowerCase(),
  kind: "name",
  create: true,
  update: true,
  delete: false,
  void: false,
  query: true,
  cdc: true,
  ...extra,
});

const txn = (n: string, extra: Partial<EntityDef> = {}): EntityDef => ({
  name: n,
  path: n.toLowerCase(),
  kind: "transaction",
  create: true,
  update: true,
  delete: true,
  void: false,
  query: true,
  cdc: true,
  ...extra,
});

export const ENTITIES: readonly EntityDef[] = [
  name("Account", { nameField: "Name" }),
  name("Customer", { nameField: "DisplayName" }),
  name("Vendor", { nameField: "DisplayName" }),
  name("Employee", { nameField: "DisplayName" }),
  name("Item", { nameField: "Name" }),
  name("Class", { nameField: "Name" }),
  name("Department", { nameField: "Name" }),
  // Terms and payment methods are name lists: made inactive, never deleted.
  name("Term", { nameField: "Name" }),
  name("PaymentMethod", { nameField: "Name" }),
  // Budgets are read and queried; writes are allowed so a company can have one, but they are never deleted
  // and change data capture does not report them.
  name("Budget", { cdc: false, nameField: "Name" }),
  name("TaxCode", { create: false, update: false, cdc: false, nameField: "Name" }),
  name("TaxRate", { create: false, update: false, cdc: false, nameField: "Name" }),
  name("TaxAgency", { update: false, cdc: false, nameField: "DisplayName" }),
  // Currencies are an Id per ISO code, active when the company uses it (multicurrency only).
  name("Currency", { cdc: false }),
  txn("Invoice", { void: true, uniqueDocNumber: true }),
  txn("SalesReceipt", { void: true, uniqueDocNumber: true }),
  txn("Payment", { void: true }),
  txn("RefundReceipt", { void: true, uniqueDocNumber: true }),
  txn("CreditMemo", { void: true, uniqueDocNumber: true }),
  txn("Deposit"),
  txn("JournalEntry", { uniqueDocNumber: true }),
  txn("Purchase"),
  txn("Bill", { uniqueDocNumber: true }),
  txn("BillPayment", { void: true }),
  // Estimates and purchase orders are non-posting; a vendor credit posts (Dr A/P, Cr expenses).
  txn("Estimate", { uniqueDocNumber: true }),
  txn("PurchaseOrder", { uniqueDocNumber: true }),
  txn("VendorCredit"),
  txn("TimeActivity", { cdc: true }),
  // Attachments: notes and files linked to other records; deleted outright.
  { name: "Attachable", path: "attachable", kind: "setting", create: true, update: true, delete: true, void: false, query: true, cdc: true },
  { name: "ExchangeRate", path: "exchangerate", kind: "setting", create: false, update: true, delete: false, void: false, query: true, cdc: false },
  { name: "CompanyInfo", path: "companyinfo", kind: "setting", create: false, update: true, delete: false, void: false, query: true, cdc: true },
  { name: "Preferences", path: "preferences", kind: "setting", create: false, update: true, delete: false, void: false, query: true, cdc: true },
];

const byPath = new Map(ENTITIES.map((e) => [e.path, e]));
const byName = new Map(ENTITIES.map((e) => [e.name.toLowerCase(), e]));

export function entityByPath(path: string): EntityDef | undefined {
  return byPath.get(path.toLowerCase());
}

/** Query and CDC name entities case-insensitively (`select * from invoice` works). */
export function entityByName(name: string): EntityDef | undefined {
  return byName.get(name.toLowerCase());
}

/** Customer, Vendor and Employee names share one namespace (error 6240). */
export const PEOPLE = ["Customer", "Vendor", "Employee"] as const;
