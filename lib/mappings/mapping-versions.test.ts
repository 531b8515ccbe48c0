import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import { activateMappingVersion } from "./activate-mapping-version";
import { createQboAccount } from "./create-qbo-account";
import { getMappingState } from "./get-mapping-state";
import { refreshReferenceData } from "./refresh-reference-data";
import { saveMappingVersion } from "./save-mapping-version";
import { mappingWorkspace, referenceIds } from "./test-workspace";
import { simControl } from "../../test/qbo";

// The mapping of a Stripe source from nothing to active, against the simulator and the real database.

async function stripeEntries(qboConnectionId: string, owner: Parameters<typeof createQboAccount>[0]) {
  const clearing = await createQboAccount(owner, { qboConnectionId, category: "clearing:stripe" });
  const holding = await createQboAccount(owner, { qboConnectionId, category: "disputes:holding" });
  const loss = await createQboAccount(owner, { qboConnectionId, category: "disputes:loss" });
  const ids = await referenceIds(qboConnectionId);
  return {
    "clearing:stripe": { qboAccountId: clearing.id },
    "bank:stripe": { qboAccountId: ids.account("Checking") },
    revenue: { qboItemId: ids.item("Services") },
    "fees:processing": { qboAccountId: ids.account("Merchant Account Fees") },
    "disputes:holding": { qboAccountId: holding.id },
    "disputes:loss": { qboAccountId: loss.id },
  };
}

describe("mapping versions", () => {
  it("lists what a Stripe source needs, with fitting accounts, suggestions first and Undeposited Funds never for clearing", async () => {
    const { owner } = await mappingWorkspace();
    const state = await getMappingState(owner);
    if (!state.connected) throw new Error("expected a connection");
    const stripe = state.sources.find((s) => s.kind === "STRIPE")!;
    const keys = stripe.categories.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(["clearing:stripe", "bank:stripe", "revenue", "fees:processing", "refunds", "disputes:holding", "disputes:loss"]));
    expect(keys).not.toContain("fx:gain-loss"); // a single-currency company
    const clearing = stripe.categories.find((c) => c.key === "clearing:stripe")!;
    expect(clearing.help).toMatch(/where Stripe holds money between a sale and its payout/i);
    expect(clearing.choices.map((c) => c.name)).not.toContain("Undeposited Funds");
    expect(new Set(clearing.choices.map((c) => c.accountType))).toEqual(new Set(["Bank", "Other Current Asset"]));
    const fees = stripe.categories.find((c) => c.key === "fees:processing")!;
    expect(fees.choices[0]).toMatchObject({ name: "Merchant Account Fees", suggested: true });
    expect(fees.choices[1]).toMatchObject({ name: "Bank Charges", suggested: true });
    const revenue = stripe.categories.find((c) => c.key === "revenue")!;
    expect(revenue.choices.map((c) => c.name)).toContain("Services");
    expect(revenue.choices.every((c) => c.accountType === "Income" || c.accountType === "Other Income")).toBe(true);
  });

  it("saves each version as a draft with its author and diff, and activates one at a time, audited", async () => {
    const { owner, connection, member } = await mappingWorkspace(["ACCOUNTANT"]);
    const accountant = member(0);
    await getMappingState(accountant); // fills the cache
    const entries = await stripeEntries(connection.id, owner);

    const first = await saveMappingVersion(accountant, { entries });
    expect(first.version).toBe(1);
    expect(first.diff.added.map((a) => a.category)).toEqual(Object.keys(entries).sort());
    await activateMappingVersion(accountant, { versionId: first.id });

    const ids = await referenceIds(connection.id);
    const second = await saveMappingVersion(accountant, { entries: { ...entries, "bank:stripe": { qboAccountId: ids.account("Savings") }, refunds: { qboItemId: ids.item("Services") } } });
    expect(second.diff).toEqual({
      added: [{ category: "refunds", to: "item Services" }],
      changed: [{ category: "bank:stripe", from: "Checking", to: "Savings" }],
      removed: [],
      settings: [],
    });
    await activateMappingVersion(accountant, { versionId: second.id });

    const versions = await db.mappingVersion.findMany({ where: { qboConnectionId: connection.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, "RETIRED"],
      [2, "ACTIVE"],
    ]);
    const state = await getMappingState(owner);
    if (!state.connected) throw new Error("expected a connection");
    expect(state.activeVersionId).toBe(second.id);
    expect(state.versions[0]).toMatchObject({ version: 2, status: "ACTIVE", author: { email: accountant.user.email }, unmapped: [] });

    const audit = await db.auditEntry.findFirstOrThrow({ where: { workspaceId: owner.tenantId, action: "mapping.version.activated", targetId: second.id } });
    expect(audit).toMatchObject({ actorId: accountant.user.id, before: { activeVersion: 1, status: "DRAFT" }, after: { activeVersion: 2, status: "ACTIVE" } });
    expect(await db.auditEntry.count({ where: { workspaceId: owner.tenantId, action: "qbo.account.created" } })).toBe(3);
  });

  it("refuses to activate a version that leaves a required category unmapped, naming it", async () => {
    const { owner, connection } = await mappingWorkspace([]);
    await getMappingState(owner);
    const { "disputes:loss": _loss, ...entries } = await stripeEntries(connection.id, owner);
    const draft = await saveMappingVersion(owner, { entries });
    const error = await activateMappingVersion(owner, { versionId: draft.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe("This version cannot be activated: one category is still unmapped: Chargeback losses (disputes:loss).");
    expect((error as AppError).details).toMatchObject({ unmapped: ["disputes:loss"] });
    expect((await db.mappingVersion.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
  });

  it("refuses an account of an unfitting type", async () => {
    const { owner, connection } = await mappingWorkspace([]);
    await getMappingState(owner);
    const entries = await stripeEntries(connection.id, owner);
    const ids = await referenceIds(connection.id);
    const draft = await saveMappingVersion(owner, { entries: { ...entries, "fees:processing": { qboAccountId: ids.account("Checking") } } });
    const error = (await activateMappingVersion(owner, { versionId: draft.id }).catch((e: unknown) => e)) as AppError;
    expect(error.message).toContain("Processing fees is mapped to Checking, Bank; choose Expense, Other Expense, Cost of Goods Sold.");
  });

  it("lets a viewer read but not save, activate or create accounts", async () => {
    const { connection, member } = await mappingWorkspace(["VIEWER"]);
    const viewer = member(0);
    expect((await getMappingState(viewer)).connected).toBe(true);
    await expect(saveMappingVersion(viewer, { entries: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createQboAccount(viewer, { qboConnectionId: connection.id, category: "clearing:stripe" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("creates the clearing account in QuickBooks once, with a deterministic request id, whatever the clicks", async () => {
    const { owner, connection, realmId } = await mappingWorkspace([]);
    await refreshReferenceData(owner, { qboConnectionId: connection.id });
    const first = await createQboAccount(owner, { qboConnectionId: connection.id, category: "clearing:stripe" });
    const again = await createQboAccount(owner, { qboConnectionId: connection.id, category: "clearing:stripe" });
    expect(first).toMatchObject({ name: "Stripe Clearing", accountType: "Other Current Asset", created: true });
    expect(again).toMatchObject({ id: first.id, created: false });
    const { records } = await simControl<{ records: { Name: string }[] }>("GET", `realms/${realmId}/entities/Account`);
    expect(records.filter((r) => r.Name === "Stripe Clearing")).toHaveLength(1);
  });

  it("answers 'Connect QuickBooks first' when there is no company", async () => {
    const { createWorkspaceWith } = await import("../../test/fixtures");
    const { workspace, members } = await createWorkspaceWith(["OWNER"]);
    const ctx = { tenantId: workspace.id, user: { id: members[0]!.user.id, email: members[0]!.user.email, name: null } };
    expect(await getMappingState(ctx)).toEqual({ connected: false });
    await expect(saveMappingVersion(ctx, { entries: {} })).rejects.toThrow(/Connect QuickBooks first/);
  });
});
