import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { activateMappingVersion } from "./activate-mapping-version";
import { createQboAccount } from "./create-qbo-account";
import { createQboItem } from "./create-qbo-item";
import { getMappingState } from "./get-mapping-state";
import { previewPosting } from "./preview-posting";
import { saveMappingVersion } from "./save-mapping-version";
import { mappingWorkspace, referenceIds } from "./test-workspace";

const PAYOUT = {
  kind: "PAYOUT",
  source: "STRIPE",
  occurredAt: "2026-03-14T15:00:00Z",
  sourceIds: { object: "po_1" },
  currency: "USD",
  amountMinor: 9680,
  grossMinor: 9680,
  feesMinor: 0,
  transactions: [],
};

describe("previewPosting", () => {
  it("shows a payout's debits and credits by account name and the raw Deposit body, sending nothing", async () => {
    const { owner, connection } = await mappingWorkspace([]);
    await getMappingState(owner);
    const clearing = await createQboAccount(owner, { qboConnectionId: connection.id, category: "clearing:stripe" });
    const ids = await referenceIds(connection.id);
    const draft = await saveMappingVersion(owner, { entries: { "clearing:stripe": { qboAccountId: clearing.id }, "bank:stripe": { qboAccountId: ids.account("Checking") } } });

    const preview = await previewPosting(owner, { versionId: draft.id, event: PAYOUT });
    expect(preview.ok).toBe(true);
    const deposit = preview.postings[0]!;
    expect(deposit).toMatchObject({ entityType: "Deposit", total: "96.80", currency: "USD" });
    expect(deposit.lines).toEqual([
      { category: "bank:stripe", accountId: ids.account("Checking"), account: "Checking", debit: "96.80", credit: "" },
      { category: "clearing:stripe", accountId: clearing.id, account: "Stripe Clearing", debit: "", credit: "96.80" },
    ]);
    expect(deposit.body).toMatchObject({ DepositToAccountRef: { value: ids.account("Checking") } });
    expect(deposit.requestId).toMatch(/^lw[0-9a-f]{40}$/);
  });

  it("says what is missing as sentences, and refuses a pasted event that is not one", async () => {
    const { owner } = await mappingWorkspace([]);
    await getMappingState(owner);
    const draft = await saveMappingVersion(owner, { entries: {} });
    const preview = await previewPosting(owner, { versionId: draft.id, event: PAYOUT });
    expect(preview.ok).toBe(false);
    expect(preview.problems).toContain("Map the Stripe payout bank account to a Bank account before this Stripe payout can post.");
    await expect(previewPosting(owner, { versionId: draft.id, event: { kind: "PAYOUT" } })).rejects.toBeInstanceOf(ZodError);
  });

  it("creates an item for a revenue account and previews with the active version by default", async () => {
    const { owner, connection } = await mappingWorkspace([]);
    await getMappingState(owner);
    const ids = await referenceIds(connection.id);
    const item = await createQboItem(owner, { qboConnectionId: connection.id, category: "revenue", name: "Online sales", incomeAccountId: ids.account("Sales of Product Income") });
    expect(item.created).toBe(true);
    const clearing = await createQboAccount(owner, { qboConnectionId: connection.id, category: "clearing:stripe" });
    const holding = await createQboAccount(owner, { qboConnectionId: connection.id, category: "disputes:holding" });
    const loss = await createQboAccount(owner, { qboConnectionId: connection.id, category: "disputes:loss" });
    const version = await saveMappingVersion(owner, {
      entries: {
        "clearing:stripe": { qboAccountId: clearing.id },
        "bank:stripe": { qboAccountId: ids.account("Checking") },
        revenue: { qboItemId: item.id },
        "fees:processing": { qboAccountId: ids.account("Merchant Account Fees") },
        "disputes:holding": { qboAccountId: holding.id },
        "disputes:loss": { qboAccountId: loss.id },
      },
    });
    await activateMappingVersion(owner, { versionId: version.id });
    const sale = { kind: "SALE", source: "STRIPE", occurredAt: "2026-03-14T15:00:00Z", sourceIds: { object: "ch_1" }, currency: "USD", amountMinor: 10000, feeMinor: 320, lines: [{ description: "Tent", quantity: "1", amountMinor: 10000 }] };
    const preview = await previewPosting(owner, { event: sale });
    expect(preview.problems).toEqual([]);
    const receipt = preview.postings.find((p) => p.entityType === "SalesReceipt")!;
    expect(receipt.lines.find((l) => l.category === "revenue")).toMatchObject({ account: "Sales of Product Income", credit: "100.00" });
    expect(preview.postings.find((p) => p.target === "JournalEntry:fee")!.lines.map((l) => l.account)).toEqual(["Merchant Account Fees", "Stripe Clearing"]);
  });
});
