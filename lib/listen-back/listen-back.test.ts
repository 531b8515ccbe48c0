import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { readBackNotificationFn } from "@/inngest/functions/read-back-notification";
import { deliver, intuitSignature, quickBooksRequest } from "@/test/webhooks";
import { catchUpConnection } from "./catch-up-connection";
import { connectionsDue } from "./connections-due";
import { listDrift } from "./list-drift";
import { readBackNotification } from "./read-back-notification";
import { deliverAndReadBack, flushWebhooks, listenBackWorkspace, listenerWebhooks, postInvoiceAndPayment, postSalesReceipt, readsToday, type ListenBackWorkspace } from "./test-kit";

// Listening back against the simulator over HTTP: its webhooks reach the real webhook route, the changed
// entities are read through the connection's metered client, and drift lands in real Postgres.

let t: ListenBackWorkspace;

beforeAll(async () => {
  await listenerWebhooks(true);
  t = await listenBackWorkspace("Listen back");
});

afterAll(async () => {
  await listenerWebhooks(false);
});

async function driftOf(postingId: string) {
  return db.postingDrift.findMany({ where: { postingId }, orderBy: { detectedAt: "asc" } });
}

/** The same change as QuickBooks' other (legacy) format: a second notification of it under another key. */
function legacyCopy(realmId: string, payload: { entity: string; entityId: string; operation: string; occurredAt: string }): string {
  return JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: payload.entity, id: payload.entityId, operation: payload.operation, lastUpdated: payload.occurredAt }] } }] });
}

describe("listening back to QuickBooks", () => {
  it("takes our own create echoed back for what it is: no read, no drift, nothing left waiting", async () => {
    const { posting } = await postSalesReceipt(t, 7_500);
    const readsBefore = await readsToday(t.connection.id);
    const results = await deliverAndReadBack(t);
    expect(results.map((r) => r.result)).toContainEqual(expect.objectContaining({ status: "NORMALISED", outcome: "Our own create, echoed back.", reads: 0 }));
    expect(await readsToday(t.connection.id)).toBe(readsBefore);
    expect(await driftOf(posting.id)).toEqual([]);
    expect(await db.inboundEvent.count({ where: { workspaceId: t.workspace.id, source: "QUICKBOOKS", status: "RECEIVED" } })).toBe(0);
  });

  it("our own update echoed back with the SyncToken we recorded is not drift", async () => {
    const { created, posting, xref } = await postSalesReceipt(t, 4_000);
    await deliverAndReadBack(t);
    const updated = await t.ours.update("SalesReceipt", { Id: created.Id, SyncToken: created.SyncToken, PrivateNote: "Ledgerwire memo" }, { requestId: `lb-upd-${randomUUID().slice(0, 12)}` });
    await db.qboCrossReference.update({ where: { id: xref.id }, data: { syncToken: updated.SyncToken } });
    const results = await deliverAndReadBack(t);
    expect(results.map((r) => r.result)).toContainEqual(expect.objectContaining({ status: "NORMALISED", outcome: "Already known (our own write, or read before)." }));
    expect(await driftOf(posting.id)).toEqual([]);
  });

  it("spends no read on an invoice QuickBooks updated because our own payment was applied to it", async () => {
    const { invoice, posting, xref } = await postInvoiceAndPayment(t, 6_000);
    const readsBefore = await readsToday(t.connection.id);
    const results = await deliverAndReadBack(t);
    expect(results.map((r) => r.event.eventType).sort()).toEqual(["Customer.Create", "Invoice.Create", "Invoice.Update", "Payment.Create"]);
    expect(results.find((r) => r.event.eventType === "Invoice.Update")?.result).toMatchObject({ status: "NORMALISED", reads: 0 });
    expect(await readsToday(t.connection.id)).toBe(readsBefore);
    // The catch-up brings the cross-reference up to date in its one read; the money is as posted, so no drift.
    await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "hourly" });
    const current = await t.accountant.read("Invoice", invoice.Id);
    expect(current.SyncToken).not.toBe(invoice.SyncToken);
    expect((await db.qboCrossReference.findUniqueOrThrow({ where: { id: xref.id } })).syncToken).toBe(current.SyncToken);
    expect(await driftOf(posting.id)).toEqual([]);
  });

  it("flags an amount edited in QuickBooks once, though the change is notified twice and CDC sees it too", async () => {
    const { created, posting, xref } = await postSalesReceipt(t, 7_500);
    await deliverAndReadBack(t);
    const current = await t.accountant.read("SalesReceipt", created.Id);
    const line = current.Line.find((l) => l.DetailType === "SalesItemLineDetail")!;
    await t.accountant.update("SalesReceipt", { Id: current.Id, SyncToken: current.SyncToken, Line: [{ ...line, Amount: 80 }] }, { requestId: `lb-edit-${randomUUID().slice(0, 12)}` });

    const readsBefore = await readsToday(t.connection.id);
    const [first] = await deliverAndReadBack(t);
    expect(first?.result).toMatchObject({ status: "NORMALISED", outcome: "Drift flagged.", reads: 1 });
    expect(await readsToday(t.connection.id)).toBe(readsBefore + 1);

    const [drift] = await driftOf(posting.id);
    expect(drift).toMatchObject({ kind: "EDITED", detectedVia: "webhook", entityId: created.Id, syncToken: expect.not.stringMatching(`^${created.SyncToken}$`) });
    expect(drift!.changes).toContainEqual({ field: "TotalAmt", expected: "75.00", actual: "80.00" });
    expect(drift!.changedAt).toBeInstanceOf(Date);
    expect(drift!.intuitTid).toEqual(expect.any(String));
    const exception = await db.syncException.findUniqueOrThrow({ where: { id: drift!.syncExceptionId! } });
    expect(exception).toMatchObject({ code: "QBO_DRIFT_EDITED", status: "OPEN", postingId: posting.id });
    expect(exception.message).toContain("its total is now USD 80.00 instead of USD 75.00");
    expect((await db.qboCrossReference.findUniqueOrThrow({ where: { id: xref.id } })).syncToken).toBe(drift!.syncToken);

    // The same change again, in the other format (another key, so another stored notification): known, no read.
    const payload = first!.event.payload as { entity: string; entityId: string; operation: string; occurredAt: string };
    const body = legacyCopy(t.realmId, payload);
    expect((await deliver.quickBooks(quickBooksRequest(body, intuitSignature(body, env().qboWebhookVerifierTokens[0]!)))).status).toBe(200);
    const again = await deliverAndReadBack(t);
    expect(again.map((r) => r.result)).toEqual([expect.objectContaining({ status: "NORMALISED", outcome: "This change was already read back.", reads: 0 })]);
    // A replay of the first one does nothing either.
    expect(await readBackNotification(t.ctx, { inboundEventId: first!.event.id })).toEqual({ status: "ALREADY_PROCESSED" });

    const caughtUp = await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "hourly" });
    expect(caughtUp).toMatchObject({ status: "DONE", drift: 0 });
    expect(await driftOf(posting.id)).toHaveLength(1);
    expect(await db.syncException.count({ where: { postingId: posting.id } })).toBe(1);
    const audits = await db.auditEntry.findMany({ where: { workspaceId: t.workspace.id, targetType: "Posting", targetId: posting.id } });
    expect(audits).toEqual([expect.objectContaining({ action: "posting.drift_edited", actorType: "SYSTEM" })]);
  });

  it("flags a transaction voided in QuickBooks as voided", async () => {
    const { created, posting } = await postSalesReceipt(t, 2_500);
    await deliverAndReadBack(t);
    const current = await t.accountant.read("SalesReceipt", created.Id);
    await t.accountant.void("SalesReceipt", { Id: current.Id, SyncToken: current.SyncToken }, { requestId: `lb-void-${randomUUID().slice(0, 12)}` });
    await deliverAndReadBack(t);
    const drift = await driftOf(posting.id);
    expect(drift).toEqual([expect.objectContaining({ kind: "VOIDED" })]);
    expect(drift[0]!.changes).toContainEqual({ field: "TotalAmt", expected: "25.00", actual: "0.00" });
    expect(await db.syncException.findFirst({ where: { postingId: posting.id } })).toMatchObject({ code: "QBO_DRIFT_VOIDED" });
  });

  it("flags a transaction deleted in QuickBooks as deleted, without reading it", async () => {
    const { created, posting, xref } = await postSalesReceipt(t, 1_000);
    await deliverAndReadBack(t);
    const current = await t.accountant.read("SalesReceipt", created.Id);
    await t.accountant.delete("SalesReceipt", { Id: current.Id, SyncToken: current.SyncToken }, { requestId: `lb-del-${randomUUID().slice(0, 12)}` });
    const readsBefore = await readsToday(t.connection.id);
    await deliverAndReadBack(t);
    expect(await readsToday(t.connection.id)).toBe(readsBefore);
    expect(await driftOf(posting.id)).toEqual([expect.objectContaining({ kind: "DELETED", syncToken: "deleted" })]);
    expect((await db.qboCrossReference.findUniqueOrThrow({ where: { id: xref.id } })).qboDeletedAt).toBeInstanceOf(Date);
    const exception = await db.syncException.findFirstOrThrow({ where: { postingId: posting.id } });
    expect(exception.code).toBe("QBO_DRIFT_DELETED");
    expect(exception.message).toMatch(/was deleted in QuickBooks/);
    // CDC reports the deletion too: still one.
    await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "hourly" });
    expect(await driftOf(posting.id)).toHaveLength(1);
  });

  it("refreshes the cached row of an account renamed in QuickBooks", async () => {
    const accounts = await t.ours.query("select * from Account where AccountType = 'Income'");
    const account = accounts.rows[0] as { Id: string; SyncToken: string; Name: string };
    await db.qboReferenceRow.create({ data: { qboConnectionId: t.connection.id, entity: "Account", qboId: account.Id, name: account.Name, accountType: "Income", refreshedAt: new Date(Date.now() - 60_000) } });
    const name = `Renamed ${randomUUID().slice(0, 6)}`;
    await t.accountant.update("Account", { Id: account.Id, SyncToken: account.SyncToken, Name: name }, { requestId: `lb-acct-${randomUUID().slice(0, 12)}` });
    const results = await deliverAndReadBack(t);
    expect(results.map((r) => r.result)).toContainEqual(expect.objectContaining({ status: "NORMALISED", outcome: `Cached Account ${account.Id} refreshed.`, reads: 1 }));
    const row = await db.qboReferenceRow.findUniqueOrThrow({ where: { qboConnectionId_entity_qboId: { qboConnectionId: t.connection.id, entity: "Account", qboId: account.Id } } });
    expect(row.name).toBe(name);
  });

  it("ignores, without reading, a change to something Ledgerwire neither posted nor caches (through the job)", async () => {
    await t.accountant.create("Customer", { DisplayName: `Walk-in ${randomUUID().slice(0, 8)}` }, { requestId: `lb-cust-${randomUUID().slice(0, 12)}` });
    const [event] = await flushWebhooks(t.workspace.id);
    const { result } = await new InngestTestEngine({ function: readBackNotificationFn, events: [{ name: "qbo/notification.received", data: { workspaceId: t.workspace.id, inboundEventId: event!.id } }] }).execute();
    expect(result).toMatchObject({ status: "IGNORED", reads: 0 });
    expect(await db.inboundEvent.findUniqueOrThrow({ where: { id: event!.id } })).toMatchObject({ status: "IGNORED", error: expect.stringMatching(/did not post this Customer/) });
  });

  it("finds by CDC a change whose webhook never came, after a webhook gap", async () => {
    const { created, posting } = await postSalesReceipt(t, 5_000);
    await deliverAndReadBack(t);
    await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "hourly" });
    await listenerWebhooks(false);
    try {
      const current = await t.accountant.read("SalesReceipt", created.Id);
      const line = current.Line.find((l) => l.DetailType === "SalesItemLineDetail")!;
      await t.accountant.update("SalesReceipt", { Id: current.Id, SyncToken: current.SyncToken, Line: [{ ...line, Amount: 45 }] }, { requestId: `lb-gap-${randomUUID().slice(0, 12)}` });
      expect(await deliverAndReadBack(t)).toEqual([]);
    } finally {
      await listenerWebhooks(true);
    }
    // A posting made since the last time QuickBooks was heard from, ten minutes ago and silent since: a gap.
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await connectionsDue("gap", later, { workspaceId: t.workspace.id })).toEqual([]);
    await db.qboCrossReference.updateMany({ where: { postingId: posting.id }, data: { createdAt: new Date(Date.now() + 30_000) } });
    expect(await connectionsDue("gap", later, { workspaceId: t.workspace.id })).toEqual([{ workspaceId: t.workspace.id, qboConnectionId: t.connection.id }]);

    const readsBefore = await readsToday(t.connection.id);
    const result = await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "gap" });
    expect(result).toMatchObject({ status: "DONE", drift: 1, reads: 1, capped: false });
    expect(await readsToday(t.connection.id)).toBe(readsBefore + 1);
    expect(await driftOf(posting.id)).toEqual([expect.objectContaining({ kind: "EDITED", detectedVia: "cdc" })]);
    // Caught up: the watermark moved, and the same run again finds nothing new.
    expect(await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "daily" })).toMatchObject({ status: "DONE", drift: 0 });
    expect(await driftOf(posting.id)).toHaveLength(1);
  });

  it("refreshes a cached item from the catch-up's answer when its webhook never came, with no read of its own", async () => {
    const item = (await t.ours.query("select * from Item where Type = 'Service'")).rows[0] as { Id: string; SyncToken: string; Name: string };
    await db.qboReferenceRow.upsert({
      where: { qboConnectionId_entity_qboId: { qboConnectionId: t.connection.id, entity: "Item", qboId: item.Id } },
      create: { qboConnectionId: t.connection.id, entity: "Item", qboId: item.Id, name: item.Name, refreshedAt: new Date(Date.now() - 60_000) },
      update: {},
    });
    await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "hourly" });
    const name = `Consulting ${randomUUID().slice(0, 6)}`;
    await listenerWebhooks(false);
    try {
      await t.accountant.update("Item", { Id: item.Id, SyncToken: item.SyncToken, Name: name }, { requestId: `lb-item-${randomUUID().slice(0, 12)}` });
    } finally {
      await listenerWebhooks(true);
    }
    const result = await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "hourly" });
    expect(result).toMatchObject({ status: "DONE", reads: 1, cacheRows: expect.any(Number) });
    const row = await db.qboReferenceRow.findUniqueOrThrow({ where: { qboConnectionId_entity_qboId: { qboConnectionId: t.connection.id, entity: "Item", qboId: item.Id } } });
    expect(row.name).toBe(name);
  });

  it("caps a catch-up at QuickBooks' 30 days of change history, and says which dates could not be checked", async () => {
    const { xref } = await postSalesReceipt(t, 1_500);
    await deliverAndReadBack(t);
    const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 3600_000);
    await db.qboCrossReference.update({ where: { id: xref.id }, data: { createdAt: fortyDaysAgo } });
    await db.qboListenBack.update({ where: { qboConnectionId: t.connection.id }, data: { cdcThrough: fortyDaysAgo } });
    const result = await catchUpConnection(t.ctx, { qboConnectionId: t.connection.id, mode: "hourly" });
    expect(result).toMatchObject({ status: "DONE", capped: true });
    const exception = await db.syncException.findFirstOrThrow({ where: { workspaceId: t.workspace.id, code: "QBO_CDC_WINDOW_EXCEEDED" } });
    expect(exception.message).toMatch(/keeps its change history for 30 days only/);
    expect((await db.qboListenBack.findUniqueOrThrow({ where: { qboConnectionId: t.connection.id } })).cdcThrough!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("never touches another workspace's rows: a notification is read back only within its own workspace", async () => {
    const other = await listenBackWorkspace("Other tenant");
    const { created, posting } = await postSalesReceipt(t, 3_000);
    // The other workspace's own posting, given the same QuickBooks id in its own company.
    const theirs = await postSalesReceipt(other, 3_000);
    await deliverAndReadBack(t);
    await deliverAndReadBack(other);
    await db.qboCrossReference.update({ where: { id: theirs.xref.id }, data: { entityId: created.Id } });

    const current = await t.accountant.read("SalesReceipt", created.Id);
    const line = current.Line.find((l) => l.DetailType === "SalesItemLineDetail")!;
    await t.accountant.update("SalesReceipt", { Id: current.Id, SyncToken: current.SyncToken, Line: [{ ...line, Amount: 99 }] }, { requestId: `lb-iso-${randomUUID().slice(0, 12)}` });
    expect(await deliverAndReadBack(other)).toEqual([]);
    const mine = await deliverAndReadBack(t);
    expect(mine.map((r) => r.result)).toEqual([expect.objectContaining({ outcome: "Drift flagged." })]);

    expect(await driftOf(posting.id)).toHaveLength(1);
    expect(await driftOf(theirs.posting.id)).toEqual([]);
    expect((await db.qboCrossReference.findUniqueOrThrow({ where: { id: theirs.xref.id } })).syncToken).toBe(theirs.created.SyncToken);
    // Asked for as the other workspace, the first workspace's notification does not exist.
    expect(await readBackNotification(other.ctx, { inboundEventId: mine[0]!.event.id })).toEqual({ status: "MISSING" });
    expect(await listDrift(other.ctx)).toEqual([]);
    expect((await listDrift(t.ctx, { kind: "EDITED" })).map((d) => d.postingId)).toContain(posting.id);
  });
});
