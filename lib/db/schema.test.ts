import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDb } from "../../test/db";
import type { Db } from "./create-client";

// The database itself refuses what business identity says cannot happen twice, so a racing retry or a bug in
// application code still cannot double a posting.

async function workspaceWithEvent(db: Db) {
  const suffix = randomUUID().slice(0, 8);
  const workspace = await db.workspace.create({ data: { slug: `ws-${suffix}`, name: `Workspace ${suffix}` } });
  const connection = await db.qboConnection.create({
    data: { workspaceId: workspace.id, realmId: `realm-${suffix}`, environment: "SANDBOX", companyName: "Sandbox Co", homeCurrency: "USD" },
  });
  const inbound = await db.inboundEvent.create({
    data: { workspaceId: workspace.id, source: "STRIPE", externalId: `evt_${suffix}`, eventType: "charge.succeeded", payload: {} },
  });
  const canonical = await db.canonicalEvent.create({
    data: {
      workspaceId: workspace.id,
      inboundEventId: inbound.id,
      kind: "SALE",
      idempotencyKey: `stripe:ch_${suffix}:sale`,
      occurredAt: new Date(),
      amountMinor: 12_345n,
      currency: "USD",
      data: {},
    },
  });
  return { workspace, connection, inbound, canonical, suffix };
}

function postingData(ctx: Awaited<ReturnType<typeof workspaceWithEvent>>, overrides: { target?: string; requestId?: string } = {}) {
  return {
    workspaceId: ctx.workspace.id,
    canonicalEventId: ctx.canonical.id,
    qboConnectionId: ctx.connection.id,
    target: overrides.target ?? "SalesReceipt",
    entityType: "SalesReceipt",
    requestId: overrides.requestId ?? `lw-${ctx.suffix}-sr`,
    amountMinor: 12_345n,
    currency: "USD",
    body: {},
  };
}

describe("schema v1 constraints", () => {
  const db = useTestDb();

  it("keeps one inbound event per workspace, source and external id", async () => {
    const ctx = await workspaceWithEvent(db);
    await expect(
      db.inboundEvent.create({
        data: { workspaceId: ctx.workspace.id, source: "STRIPE", externalId: ctx.inbound.externalId, eventType: "charge.succeeded", payload: {} },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    // The same external id from another source is a different event.
    await expect(
      db.inboundEvent.create({
        data: { workspaceId: ctx.workspace.id, source: "SHOPIFY", externalId: ctx.inbound.externalId, eventType: "orders/paid", payload: {} },
      }),
    ).resolves.toBeTruthy();
  });

  it("allows one posting per canonical event and target, and one use of a requestid per company", async () => {
    const ctx = await workspaceWithEvent(db);
    await db.posting.create({ data: postingData(ctx) });
    await expect(db.posting.create({ data: postingData(ctx, { requestId: `lw-${ctx.suffix}-other` }) })).rejects.toMatchObject({ code: "P2002" });
    await expect(db.posting.create({ data: postingData(ctx, { target: "JournalEntry:fee" }) })).rejects.toMatchObject({ code: "P2002" });
  });

  it("stores money as exact integers beyond 2^53", async () => {
    const ctx = await workspaceWithEvent(db);
    const huge = 9_007_199_254_740_993n; // 2^53 + 1: a float would round it
    const posting = await db.posting.create({ data: { ...postingData(ctx), amountMinor: huge } });
    expect((await db.posting.findUniqueOrThrow({ where: { id: posting.id } })).amountMinor).toBe(huge);
  });

  it("refuses a currency that is not an ISO 4217 code and a requestid longer than QuickBooks accepts", async () => {
    const ctx = await workspaceWithEvent(db);
    await expect(db.posting.create({ data: { ...postingData(ctx), currency: "usd" } })).rejects.toThrow(/currency/);
    await expect(db.posting.create({ data: postingData(ctx, { requestId: "x".repeat(51) }) })).rejects.toThrow(/requestId/);
  });

  it("keeps the audit log append-only at the database", async () => {
    const ctx = await workspaceWithEvent(db);
    const entry = await db.auditEntry.create({
      data: { workspaceId: ctx.workspace.id, seq: 1, actorType: "SYSTEM", action: "workspace.created", hash: "h1" },
    });
    await expect(db.auditEntry.update({ where: { id: entry.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
    expect(await db.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ action: "workspace.created" });
  });

  it("never deletes a workspace's audit trail with it", async () => {
    const ctx = await workspaceWithEvent(db);
    await db.auditEntry.create({ data: { workspaceId: ctx.workspace.id, seq: 1, actorType: "SYSTEM", action: "x", hash: "h" } });
    await expect(db.workspace.delete({ where: { id: ctx.workspace.id } })).rejects.toBeTruthy();
  });
});
