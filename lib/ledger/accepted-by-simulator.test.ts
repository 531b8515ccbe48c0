import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CanonicalEventInput } from "../canonical";
import { startTestSim, type TestSim } from "../../sim/quickbooks/test-helpers";
import { planPostings, type PlanOptions } from "./plan-postings";
import { decimalParts, scaleRounded } from "./shared/amounts";
import { resolvePlaceholders } from "./shared/placeholders";
import { EVENTS, GB, US, US_MC } from "./test-kit";
import type { CompanyFacts } from "./types/facts";
import type { MappingInput } from "./types/mapping";
import type { PlannedPosting } from "./types/plan";

// Every plan type posted to the QuickBooks simulator, which enforces QuickBooks' rules: each body is accepted,
// its TotalAmt is the plan's, and the trial balance moves by exactly the plan's debits and credits per account.
// Placeholders are resolved as the pipeline would: customers created by their proposed DisplayName, postings
// and invoices by the ids QuickBooks gave the writes they name.

type Api = TestSim["api"];
type Company = { api: Api; mapping: MappingInput; ar: string; ids: Map<string, string>; invoices: Map<string, string>; postings: Map<string, string> };

async function create(api: Api, entity: string, body: Record<string, unknown>): Promise<string> {
  const answer = await api("POST", `/${entity.toLowerCase()}`, body);
  if (answer.status !== 200) throw new Error(`${entity} refused: ${answer.text}`);
  return String((answer.body as Record<string, { Id: string }>)[entity]!.Id);
}

async function query<T>(api: Api, q: string, entity: string): Promise<T[]> {
  const answer = await api("GET", `/query?query=${encodeURIComponent(q)}`);
  return ((answer.body as { QueryResponse: Record<string, T[]> }).QueryResponse[entity] ?? []) as T[];
}

async function trialBalance(api: Api): Promise<Map<string, number>> {
  const answer = await api("GET", "/reports/TrialBalance?start_date=2026-01-01&end_date=2026-12-31");
  const rows = (answer.body as { Rows: { Row: { type: string; ColData?: { value: string; id?: string }[] }[] } }).Rows.Row;
  const cents = (v: string | undefined) => (v ? Math.round(Number(v) * 100) : 0);
  const out = new Map<string, number>();
  for (const row of rows) if (row.type === "Data" && row.ColData?.[0]?.id) out.set(row.ColData[0].id, cents(row.ColData[1]?.value) - cents(row.ColData[2]?.value));
  return out;
}

async function setUp(api: Api, country: "US" | "GB"): Promise<Company> {
  const account = (Name: string, AccountType: string) => create(api, "Account", { Name: `LW ${Name}`, AccountType });
  const a = {
    clearing: await account("Stripe Clearing", "Other Current Asset"),
    shopify: await account("Shopify Clearing", "Other Current Asset"),
    bank: await account("Payout Bank", "Bank"),
    fees: await account("Merchant fees", "Expense"),
    disputeFees: await account("Dispute fees", "Expense"),
    payoutFees: await account("Payout fees", "Expense"),
    holding: await account("Disputed charges", "Other Current Asset"),
    loss: await account("Chargeback losses", "Expense"),
    fx: await account("Exchange gain or loss", "Other Expense"),
    sales: await account("Product sales", "Income"),
    books: await account("Book sales", "Income"),
    shipping: await account("Shipping charged", "Income"),
  };
  const item = (Name: string, income: string) => create(api, "Item", { Name: `LW ${Name}`, Type: "Service", IncomeAccountRef: { value: income } });
  const accounts = await query<{ Id: string; Name: string; AccountType: string }>(api, "select * from Account maxresults 1000", "Account");
  const ar = accounts.find((x) => x.AccountType === "Accounts Receivable")!.Id;
  const taxAccount = accounts.find((x) => x.Name === (country === "US" ? "Sales Tax Payable" : "VAT Control"))!.Id;
  const codes = await query<{ Id: string; Name: string }>(api, "select * from TaxCode", "TaxCode");
  const entries: MappingInput["entries"] = {
    "clearing:stripe": { qboAccountId: a.clearing, accountType: "Other Current Asset" },
    "clearing:shopify": { qboAccountId: a.shopify, accountType: "Other Current Asset" },
    "bank:stripe": { qboAccountId: a.bank, accountType: "Bank" },
    revenue: { qboItemId: await item("Sales", a.sales), qboAccountId: a.sales, accountType: "Income" },
    "revenue:category:Books": { qboItemId: await item("Books", a.books), qboAccountId: a.books, accountType: "Income" },
    shipping: { qboItemId: await item("Shipping", a.shipping), qboAccountId: a.shipping, accountType: "Income" },
    "fees:processing": { qboAccountId: a.fees, accountType: "Expense" },
    "fees:dispute": { qboAccountId: a.disputeFees, accountType: "Expense" },
    "fees:payout": { qboAccountId: a.payoutFees, accountType: "Expense" },
    "disputes:holding": { qboAccountId: a.holding, accountType: "Other Current Asset" },
    "disputes:loss": { qboAccountId: a.loss, accountType: "Expense" },
    "fx:gain-loss": { qboAccountId: a.fx, accountType: "Other Expense" },
    receivable: { qboAccountId: ar, accountType: "Accounts Receivable" },
    "tax:US-NY": { qboTaxCodeId: codes.find((c) => !["TAX", "NON"].includes(c.Id))?.Id ?? "1", qboAccountId: taxAccount },
    "tax:GB": { qboTaxCodeId: codes.find((c) => c.Name === "20.0% S")?.Id ?? "none", qboAccountId: taxAccount },
  };
  return { api, mapping: { entries, settings: { sales: "SalesReceipt", refunds: "RefundReceipt" } }, ar, ids: new Map(), invoices: new Map(), postings: new Map() };
}

async function resolveIds(company: Company, posting: PlannedPosting): Promise<Map<string, string>> {
  for (const d of posting.dependsOn) {
    if (company.ids.has(d.token)) continue;
    if (d.kind === "customer") company.ids.set(d.token, await create(company.api, "Customer", { DisplayName: d.displayName }));
    if (d.kind === "posting") company.ids.set(d.token, company.postings.get(`${d.eventKey}#${d.target}`)!);
    if (d.kind === "invoice") company.ids.set(d.token, company.invoices.get(d.invoiceSourceId)!);
  }
  return company.ids;
}

/** Posts the plan's bodies and checks each against QuickBooks' answer and the trial balance. */
async function postAndCheck(company: Company, event: CanonicalEventInput, facts: CompanyFacts, options: PlanOptions = {}, mapping = company.mapping): Promise<void> {
  const result = planPostings(event, mapping, facts, options);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("; "));
  for (const posting of result.plan.postings) {
    const before = await trialBalance(company.api);
    const body = resolvePlaceholders(posting.body, await resolveIds(company, posting)) as Record<string, unknown>;
    const answer = await company.api("POST", `/${posting.entityType.toLowerCase()}?requestid=${posting.requestId}`, body);
    expect(answer.status, `${posting.target}: ${answer.text}`).toBe(200);
    const saved = (answer.body as Record<string, { Id: string; TotalAmt: number; ExchangeRate?: number }>)[posting.entityType]!;
    expect(Math.round(saved.TotalAmt * 100), posting.target).toBe(posting.amountMinor);
    company.postings.set(`${result.plan.eventKey}#${posting.target}`, saved.Id);
    if (posting.entityType === "Invoice") company.invoices.set(String((event as { sourceIds: { object: string } }).sourceIds.object), saved.Id);
    const after = await trialBalance(company.api);
    const rate = posting.currency === facts.homeCurrency ? undefined : decimalParts(String(body.ExchangeRate));
    const expected = new Map<string, number>();
    for (const line of posting.lines) {
      const id = line.qboAccountId ?? (line.category === "accounts-receivable" ? company.ar : line.category);
      const signed = line.debitMinor - line.creditMinor;
      expected.set(id, (expected.get(id) ?? 0) + (rate ? scaleRounded(signed, rate.value, rate.scale) : signed));
    }
    const moved = new Map<string, number>();
    for (const id of new Set([...before.keys(), ...after.keys()])) {
      const delta = (after.get(id) ?? 0) - (before.get(id) ?? 0);
      if (delta !== 0) moved.set(id, delta);
    }
    expect(Object.fromEntries(moved), posting.target).toEqual(Object.fromEntries([...expected].filter(([, v]) => v !== 0)));
  }
}

describe("plans are accepted by the QuickBooks simulator and book what they say", () => {
  let us: TestSim;
  let company: Company;
  beforeAll(async () => {
    us = await startTestSim();
    company = await setUp(us.api, "US");
  });
  afterAll(async () => us?.sim.stop());

  it("sale with a fee", () => postAndCheck(company, EVENTS.stripeSale, US));
  it("a sale as Invoice and Payment", () => postAndCheck(company, { ...EVENTS.stripeSale, sourceIds: { object: "ch_9" } }, US, {}, { ...company.mapping, settings: { sales: "InvoiceAndPayment", refunds: "RefundReceipt" } }));
  it("US order under automated sales tax", () => postAndCheck(company, EVENTS.usOrder, US));
  it("partial refund in proportion", () => postAndCheck(company, EVENTS.partialRefund, US, { original: EVENTS.usOrder }));
  it("refund as credit memo and refund", () =>
    postAndCheck(company, { ...EVENTS.partialRefund, sourceIds: { object: "re_2" }, customer: { sourceId: "cus_1", name: "Jane Doe" } }, US, {}, { ...company.mapping, settings: { sales: "SalesReceipt", refunds: "CreditMemoAndRefund" } }));
  it("dispute opened, then lost", async () => {
    await postAndCheck(company, EVENTS.disputeOpened, US);
    await postAndCheck(company, EVENTS.disputeLost, US);
  });
  it("dispute won", () => postAndCheck(company, { ...EVENTS.disputeWon, sourceIds: { object: "dp_2" } }, US));
  it("fee on its own", () => postAndCheck(company, EVENTS.fee, US));
  it("payout with fees", () => postAndCheck(company, EVENTS.payout, US));
  it("negative payout", () => postAndCheck(company, EVENTS.negativePayout, US));
  it("invoices, then a split partial payment", async () => {
    await postAndCheck(company, EVENTS.invoice, US);
    await postAndCheck(company, { ...EVENTS.invoice, sourceIds: { object: "in_3" }, number: "INV-0003" }, US);
    await postAndCheck(company, EVENTS.splitPayment, US);
  });
  it("paid subscription invoice with proration", () => postAndCheck(company, EVENTS.subscription, US));
});

describe("the simulator accepts plans in other companies", () => {
  const sims: TestSim[] = [];
  afterAll(async () => Promise.all(sims.map((s) => s.sim.stop())));

  it("a Shopify order with VAT-inclusive prices in a UK company", async () => {
    const sim = await startTestSim();
    sims.push(sim);
    const realm = sim.sim.createCompany({ name: "UK Ltd", country: "GB", currency: "GBP" });
    const { mintAccessToken } = await import("../../sim/quickbooks/test-helpers");
    const token = mintAccessToken(sim.sim, realm.realmId);
    const api: Api = async (method, path, body) => {
      const response = await fetch(`${sim.sim.url}/v3/company/${realm.realmId}${path}`, { method, headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, text };
    };
    await postAndCheck(await setUp(api, "GB"), EVENTS.gbOrder, GB);
  });

  it("a EUR charge settled in USD with multicurrency on", async () => {
    const sim = await startTestSim();
    sims.push(sim);
    const realm = sim.sim.createCompany({ name: "MC Inc", multicurrency: true });
    const { mintAccessToken } = await import("../../sim/quickbooks/test-helpers");
    const token = mintAccessToken(sim.sim, realm.realmId);
    const api: Api = async (method, path, body) => {
      const response = await fetch(`${sim.sim.url}/v3/company/${realm.realmId}${path}`, { method, headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, text };
    };
    const company = await setUp(api, "US");
    await postAndCheck(company, EVENTS.eurSale, US_MC);
    await postAndCheck(company, { ...EVENTS.eurSale, sourceIds: { object: "ch_eur2" } }, US);
  });
});
