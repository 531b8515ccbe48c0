import { describe, expect, it } from "vitest";
import { db } from "../db";
import { simControl } from "../../test/qbo";
import { drainConnection } from "./drain-connection";
import { planEvent } from "./plan-event";
import { entitiesFor, sale, storeCanonical, syncWorkspace } from "./test-kit";

// Plan and post against the simulator over HTTP: one posting per write, once, whatever is replayed or retried.

async function drainAll(qboConnectionId: string, options: Parameters<typeof drainConnection>[1] = {}) {
  const results = [];
  for (let i = 0; i < 20; i++) {
    const r = await drainConnection(qboConnectionId, options);
    results.push(r);
    if (r.claimed === 0) break;
  }
  return results;
}

describe("planning and posting one event", () => {
  it("posts a Stripe sale as a SalesReceipt and its fee journal, records the cross-reference, audits, and does it once", async () => {
    const ws = await syncWorkspace();
    const event = await storeCanonical(ws.workspace.id, sale());
    expect(await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id })).toMatchObject({ status: "PLANNED", postings: 2, held: 0, shadow: false });
    // A replayed sync/event.ready plans nothing twice.
    expect(await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id })).toMatchObject({ status: "UNCHANGED" });
    expect(await db.posting.count({ where: { canonicalEventId: event.id } })).toBe(2);

    await drainAll(ws.connection.id);
    const postings = await db.posting.findMany({ where: { canonicalEventId: event.id }, include: { crossReference: true }, orderBy: { position: "asc" } });
    expect(postings.map((p) => [p.target, p.status])).toEqual([["SalesReceipt", "POSTED"], ["JournalEntry:fee", "POSTED"]]);
    expect(postings[0]!.crossReference).toMatchObject({ entityType: "SalesReceipt", syncToken: "0", requestId: postings[0]!.requestId });
    expect(postings[0]!.crossReference!.intuitTid).toBeTruthy();
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "POSTED" });
    const receipts = await entitiesFor(ws.realmId, "SalesReceipt", event.key);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.Id).toBe(postings[0]!.crossReference!.entityId);
    const audits = await db.auditEntry.findMany({ where: { workspaceId: ws.workspace.id, action: "posting.posted" } });
    expect(audits.map((a) => a.targetId).sort()).toEqual(postings.map((p) => p.id).sort());

    // The customer was created once and linked; a second sale of the same customer reuses it.
    const links = await db.qboCustomerLink.findMany({ where: { qboConnectionId: ws.connection.id } });
    expect(links).toHaveLength(1);
    const data = (await db.canonicalEvent.findUniqueOrThrow({ where: { id: event.id } })).data as { customer: unknown };
    const second = await storeCanonical(ws.workspace.id, sale({ customer: data.customer }));
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: second.id });
    await drainAll(ws.connection.id);
    expect(await db.qboCustomerLink.count({ where: { qboConnectionId: ws.connection.id } })).toBe(1);
    // Nothing ready: draining again sends nothing.
    expect(await drainConnection(ws.connection.id)).toMatchObject({ claimed: 0, nextDueInMs: null });
  });

  it("does not post twice when the worker dies between QuickBooks' answer and the commit (single: requestid replay)", async () => {
    const ws = await syncWorkspace();
    const event = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0 }));
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id });
    await expect(drainConnection(ws.connection.id, { afterSend: () => Promise.reject(new Error("killed")) })).rejects.toThrow("killed");
    expect(await entitiesFor(ws.realmId, "SalesReceipt", event.key)).toHaveLength(1);
    expect(await db.posting.findFirstOrThrow({ where: { canonicalEventId: event.id } })).toMatchObject({ status: "POSTING", sentVia: "single" });
    // The lease has not lapsed: nobody else takes it.
    expect(await drainConnection(ws.connection.id)).toMatchObject({ claimed: 0 });
    // Once it lapses another worker takes over and QuickBooks answers the repeated requestid with the original.
    await drainAll(ws.connection.id, { now: new Date(Date.now() + 10 * 60_000) });
    expect(await entitiesFor(ws.realmId, "SalesReceipt", event.key)).toHaveLength(1);
    expect(await db.posting.findFirstOrThrow({ where: { canonicalEventId: event.id } })).toMatchObject({ status: "POSTED" });
  });

  it("does not post twice when a batch's answer is lost: it looks the postings up by their memo first", async () => {
    const ws = await syncWorkspace();
    const events = [];
    for (let i = 0; i < 4; i++) events.push(await storeCanonical(ws.workspace.id, sale({ feeMinor: 0 })));
    for (const e of events) await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: e.id });
    await expect(drainConnection(ws.connection.id, { afterSend: () => Promise.reject(new Error("killed")) })).rejects.toThrow("killed");
    expect((await db.posting.findMany({ where: { canonicalEventId: { in: events.map((e) => e.id) } } })).map((p) => p.sentVia)).toEqual(["batch", "batch", "batch", "batch"]);
    const before = await simControl<{ reads: number }>("GET", `realms/${ws.realmId}/counters`);
    await drainAll(ws.connection.id, { now: new Date(Date.now() + 10 * 60_000) });
    for (const e of events) expect(await entitiesFor(ws.realmId, "SalesReceipt", e.key)).toHaveLength(1);
    expect(await db.posting.count({ where: { canonicalEventId: { in: events.map((e) => e.id) }, status: "POSTED" } })).toBe(4);
    const after = await simControl<{ reads: number }>("GET", `realms/${ws.realmId}/counters`);
    expect(after.reads - before.reads).toBe(4); // one memo query per posting whose answer was lost, nothing else
  });

  it("sends a payment only after the invoice it pays has posted", async () => {
    const ws = await syncWorkspace();
    const invoiceId = `in_${Date.now()}`;
    const customer = { sourceId: `cus_${invoiceId}`, name: `Buyer ${invoiceId}` };
    const payment = await storeCanonical(ws.workspace.id, { kind: "PAYMENT", source: "STRIPE", sourceIds: { object: `ch_${invoiceId}` }, occurredAt: "2026-11-20T10:00:00Z", currency: "USD", amountMinor: 5000, customer, appliedTo: [{ invoiceSourceId: invoiceId, amountMinor: 5000 }], partial: false });
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: payment.id });
    expect(await drainConnection(ws.connection.id)).toMatchObject({ claimed: 1, deferred: 1, posted: 0 });
    expect(await db.posting.findFirstOrThrow({ where: { canonicalEventId: payment.id } })).toMatchObject({ status: "PENDING", attempts: 0 });

    const invoice = await storeCanonical(ws.workspace.id, { kind: "INVOICE_ISSUED", source: "STRIPE", sourceIds: { object: invoiceId }, occurredAt: "2026-11-19T10:00:00Z", currency: "USD", amountMinor: 5000, customer, lines: [{ description: "Plan", quantity: "1", unitAmountMinor: 5000, amountMinor: 5000 }] });
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: invoice.id });
    await drainAll(ws.connection.id, { now: new Date(Date.now() + 60_000) });
    const [inv] = await entitiesFor(ws.realmId, "Invoice", invoice.key);
    const [pay] = await entitiesFor(ws.realmId, "Payment", payment.key);
    expect((pay as { Line: { LinkedTxn: { TxnId: string }[] }[] }).Line[0]!.LinkedTxn[0]!.TxnId).toBe(inv!.Id);
    expect(inv!.Balance).toBe(0);
  });
});
