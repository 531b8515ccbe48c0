import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { activateMappingVersion } from "./activate-mapping-version";
import { createQboAccount } from "./create-qbo-account";
import { getMappingState } from "./get-mapping-state";
import { previewPosting } from "./preview-posting";
import { saveMappingVersion } from "./save-mapping-version";
import { CategoryKeySchema } from "./schemas";
import { mappingWorkspace, referenceIds } from "./test-workspace";
import { toLedgerMapping } from "./to-ledger-mapping";

// Revenue by product category and the booking settings (sales receipt or invoice, refund receipt or credit memo),
// saved with each version, diffed, checked at activation and used by the preview; real database and simulator.

type Ctx = Parameters<typeof createQboAccount>[0];

async function stripeEntries(qboConnectionId: string, owner: Ctx) {
  const ids = await referenceIds(qboConnectionId);
  const account = async (category: string) => ({ qboAccountId: (await createQboAccount(owner, { qboConnectionId, category })).id });
  return {
    "clearing:stripe": await account("clearing:stripe"),
    "bank:stripe": { qboAccountId: ids.account("Checking") },
    revenue: { qboItemId: ids.item("Services") },
    "fees:processing": { qboAccountId: ids.account("Merchant Account Fees") },
    "disputes:holding": await account("disputes:holding"),
    "disputes:loss": await account("disputes:loss"),
  };
}

async function addEvent(workspaceId: string, source: "STRIPE" | "SHOPIFY", kind: "SALE" | "REFUND", data: Record<string, unknown>) {
  const id = randomUUID();
  const inbound = await db.inboundEvent.create({ data: { workspaceId, source, externalId: `evt_${id}`, eventType: "test", payload: {} } });
  await db.canonicalEvent.create({
    data: { workspaceId, inboundEventId: inbound.id, kind, idempotencyKey: `test:${id}`, occurredAt: new Date(), amountMinor: 1000n, currency: "USD", data: { kind, source, ...data } },
  });
}

const line = (category?: string) => ({ description: "Thing", quantity: "1", amountMinor: 1000, ...(category === undefined ? {} : { category }) });
const sale = (lines: ReturnType<typeof line>[]) => ({ kind: "SALE", source: "STRIPE", occurredAt: "2026-03-14T15:00:00Z", sourceIds: { object: "ch_1" }, currency: "USD", amountMinor: lines.length * 1000, lines });
const REFUND = { kind: "REFUND", source: "STRIPE", occurredAt: "2026-03-15T10:00:00Z", sourceIds: { object: "re_1" }, currency: "USD", amountMinor: 2500, originalSourceId: "ch_1", lines: [{ description: "Novel", quantity: "1", amountMinor: 2500, category: "Books" }] };

describe("revenue categories", () => {
  it("offers a row per product category on recent events' lines, with the sources that sent it, optional and falling back to Sales", async () => {
    const { owner, workspace } = await mappingWorkspace([], { sources: ["STRIPE", "SHOPIFY"] });
    await addEvent(workspace.id, "STRIPE", "SALE", { lines: [line("Books"), line(" Books "), line("tips"), line()] });
    await addEvent(workspace.id, "SHOPIFY", "SALE", { lines: [line("Books"), line("Board games")] });
    await addEvent(workspace.id, "STRIPE", "REFUND", { lines: [line("Gift cards: plastic")] });

    const state = await getMappingState(owner);
    if (!state.connected) throw new Error("expected a connection");
    expect(state.revenue.map((c) => c.key)).toEqual(["revenue:category:Board games", "revenue:category:Books", "revenue:category:Gift cards: plastic"]);
    const books = state.revenue.find((c) => c.key === "revenue:category:Books")!;
    expect(books).toMatchObject({ label: "Category “Books”", use: "item", required: false, unmappedLabel: "Not mapped: booked as Sales" });
    expect(books.help).toContain("Seen on sales lines in recent Stripe and Shopify events.");
    expect(books.help).toContain("while unmapped, these lines are booked with the Sales item");
    expect(books.choices.map((c) => c.name)).toContain("Hours");
    expect(books.choices.every((c) => c.accountType === "Income" || c.accountType === "Other Income")).toBe(true);
    expect(state.revenue.find((c) => c.key === "revenue:category:Board games")!.help).toContain("recent Shopify events");
    expect(state.revenueItems.map((c) => c.name)).toContain("Shipping");
  });

  it("books a mapped category with its item and an unmapped one with Sales; a category added by name stays listed once saved", async () => {
    const { owner, connection } = await mappingWorkspace([]);
    await getMappingState(owner);
    const ids = await referenceIds(connection.id);
    const version = await saveMappingVersion(owner, { entries: { ...(await stripeEntries(connection.id, owner)), "revenue:category:Books": { qboItemId: ids.item("Shipping") } } });
    expect(version.diff.added).toContainEqual({ category: "revenue:category:Books", to: "item Shipping" });

    const preview = await previewPosting(owner, { versionId: version.id, event: sale([line("Books"), line("Games")]) });
    expect(preview.problems).toEqual([]);
    const receipt = preview.postings.find((p) => p.entityType === "SalesReceipt")!;
    expect(receipt.lines.filter((l) => l.credit).map((l) => [l.category, l.account])).toEqual([
      ["revenue:category:Books", "Shipping income"],
      ["revenue", "Services"],
    ]);

    const state = await getMappingState(owner);
    if (!state.connected) throw new Error("expected a connection");
    expect(state.revenue.map((c) => [c.key, c.help.includes("Not seen in recent events yet.")])).toEqual([["revenue:category:Books", true]]);
    await activateMappingVersion(owner, { versionId: version.id });
  });

  it("refuses a revenue category mapped to an account, which would stop its lines instead of falling back", async () => {
    const { owner, connection } = await mappingWorkspace([]);
    await getMappingState(owner);
    const ids = await referenceIds(connection.id);
    const error = await saveMappingVersion(owner, { entries: { "revenue:category:Books": { qboAccountId: ids.account("Services") } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe("revenue:category:Books takes a product or service item.");
  });

  it("keys any name the ledger can meet, colons included, but not one with spaces the ledger trims away", () => {
    expect(CategoryKeySchema.safeParse("revenue:category:Gift cards: plastic").success).toBe(true);
    expect(CategoryKeySchema.safeParse("revenue:category: Books").success).toBe(false);
    expect(CategoryKeySchema.safeParse("revenue:category:Books\u0000").success).toBe(false);
  });
});

describe("booking settings", () => {
  it("saves settings with the version, diffs them, carries them over, and needs the A/R account for credit-memo refunds", async () => {
    const { owner, connection } = await mappingWorkspace([]);
    await getMappingState(owner);
    const entries = await stripeEntries(connection.id, owner);

    const first = await saveMappingVersion(owner, { entries, settings: { refunds: "CreditMemoAndRefund" } });
    expect(first.settings).toEqual({ sales: "SalesReceipt", refunds: "CreditMemoAndRefund" });
    expect(first.diff.settings).toEqual([{ setting: "refunds", from: "RefundReceipt", to: "CreditMemoAndRefund" }]);
    const error = (await activateMappingVersion(owner, { versionId: first.id }).catch((e: unknown) => e)) as AppError;
    expect(error.message).toBe("This version cannot be activated: one category is still unmapped: Accounts Receivable for refunds (receivable).");

    let state = await getMappingState(owner);
    if (!state.connected) throw new Error("expected a connection");
    expect(state.versions[0]).toMatchObject({ settings: { refunds: "CreditMemoAndRefund" }, unmapped: ["receivable"] });
    expect(state.receivable.choices[0]).toMatchObject({ name: "Accounts Receivable (A/R)", accountType: "Accounts Receivable", suggested: true });

    // The next save leaves settings out: they stay as they were, and the diff says nothing changed in them.
    const second = await saveMappingVersion(owner, { entries: { ...entries, receivable: { qboAccountId: state.receivable.choices[0]!.id } } });
    expect(second.settings).toEqual({ sales: "SalesReceipt", refunds: "CreditMemoAndRefund" });
    expect(second.diff).toMatchObject({ added: [{ category: "receivable", to: "Accounts Receivable (A/R)" }], changed: [], removed: [], settings: [] });
    await activateMappingVersion(owner, { versionId: second.id });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: owner.tenantId, action: "mapping.version.activated", targetId: second.id } });
    expect(audit.after).toMatchObject({ settings: { sales: "SalesReceipt", refunds: "CreditMemoAndRefund" } });

    // The preview books the refund as a CreditMemo and pays it out of clearing through A/R.
    const refund = await previewPosting(owner, { event: REFUND });
    expect(refund).toMatchObject({ ok: true, settings: { refunds: "CreditMemoAndRefund" } });
    expect(refund.postings.map((p) => p.entityType)).toEqual(["CreditMemo", "JournalEntry"]);
    expect(refund.postings[1]!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["Accounts Receivable (A/R)", "25.00", ""],
      ["Stripe Clearing", "", "25.00"],
    ]);

    // Sales as Invoice + Payment: a change in the diff, and the preview posts an Invoice and its Payment.
    const third = await saveMappingVersion(owner, { entries: { ...entries, receivable: { qboAccountId: state.receivable.choices[0]!.id } }, settings: { sales: "InvoiceAndPayment", refunds: "RefundReceipt" } });
    expect(third.diff.settings).toEqual([
      { setting: "sales", from: "SalesReceipt", to: "InvoiceAndPayment" },
      { setting: "refunds", from: "CreditMemoAndRefund", to: "RefundReceipt" },
    ]);
    const invoiced = await previewPosting(owner, { versionId: third.id, event: sale([line()]) });
    expect(invoiced.postings.map((p) => p.entityType)).toEqual(["Invoice", "Payment"]);
    expect((await previewPosting(owner, { versionId: third.id, event: REFUND })).postings.map((p) => p.entityType)).toEqual(["RefundReceipt"]);

    state = await getMappingState(owner);
    if (!state.connected) throw new Error("expected a connection");
    expect(state.versions.map((v) => [v.version, v.settings.sales, v.settings.refunds])).toEqual([
      [3, "InvoiceAndPayment", "RefundReceipt"],
      [2, "SalesReceipt", "CreditMemoAndRefund"],
      [1, "SalesReceipt", "CreditMemoAndRefund"],
    ]);
  });

  it("books a version stored before settings existed with the defaults, as the migration's default says", async () => {
    const { owner, connection } = await mappingWorkspace([]);
    const id = randomUUID();
    await db.$executeRaw`INSERT INTO "MappingVersion" (id, "workspaceId", "qboConnectionId", version) VALUES (${id}, ${owner.tenantId}, ${connection.id}, 1)`;
    const stored = await db.mappingVersion.findUniqueOrThrow({ where: { id }, include: { rules: true } });
    expect(stored.settings).toEqual({ sales: "SalesReceipt", refunds: "RefundReceipt" });
    expect(toLedgerMapping(stored).settings).toEqual({ sales: "SalesReceipt", refunds: "RefundReceipt" });
    expect(toLedgerMapping({ rules: [], settings: { sales: "Cheque" } }).settings).toEqual({ sales: "SalesReceipt", refunds: "RefundReceipt" });
  });
});
