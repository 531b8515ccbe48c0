import { afterEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { simControl } from "../../test/qbo";
import { drainConnection } from "./drain-connection";
import { planEvent } from "./plan-event";
import { entitiesFor, sale, storeCanonical, syncWorkspace } from "./test-kit";

// Each failure class, against the simulator over HTTP: what is retried (and when), what becomes an exception.

afterEach(async () => {
  await simControl("DELETE", "faults");
});

async function plannedSale(overrides: Record<string, unknown> = {}) {
  const ws = await syncWorkspace([]);
  const event = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0, ...overrides }));
  await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id });
  return { ws, event, posting: () => db.posting.findFirstOrThrow({ where: { canonicalEventId: event.id } }) };
}

describe("failures, classified once", () => {
  it("retries a 503 with backoff and jitter, keeping the posting, and posts once QuickBooks is back", async () => {
    const { ws, event, posting } = await plannedSale();
    await simControl("POST", "faults", { kind: "503", realmId: ws.realmId, pathContains: "salesreceipt", count: 1 });
    const before = Date.now();
    expect(await drainConnection(ws.connection.id)).toMatchObject({ claimed: 1, retried: 1, posted: 0 });
    const waiting = await posting();
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(before);
    expect(await db.syncException.count({ where: { canonicalEventId: event.id } })).toBe(0);
    await drainConnection(ws.connection.id, { now: new Date(Date.now() + 10 * 60_000) });
    expect(await posting()).toMatchObject({ status: "POSTED", attempts: 2 });
    expect(await entitiesFor(ws.realmId, "SalesReceipt", event.key)).toHaveLength(1);
  });

  it("waits what a 429 asks (a minute when QuickBooks names no time) before trying again", async () => {
    const { ws, posting } = await plannedSale();
    await simControl("POST", "faults", { kind: "429", realmId: ws.realmId, pathContains: "salesreceipt", count: 1 });
    const before = Date.now();
    await drainConnection(ws.connection.id);
    const waiting = await posting();
    expect(waiting.status).toBe("PENDING");
    expect(waiting.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(55_000);
    // A throttled call never ran: nothing to look up later.
    expect(waiting.sentAt).toBeNull();
  });

  it("refreshes an expired access token once (401) and posts", async () => {
    const { ws, event, posting } = await plannedSale();
    await simControl("POST", "tokens/expire", { realmId: ws.realmId, which: "access" });
    await drainConnection(ws.connection.id);
    expect(await posting()).toMatchObject({ status: "POSTED", attempts: 1 });
    expect(await entitiesFor(ws.realmId, "SalesReceipt", event.key)).toHaveLength(1);
  });

  it("turns a validation fault into an exception with QuickBooks' code, intuit_tid and a fix, without retrying", async () => {
    const { ws, event, posting } = await plannedSale();
    await simControl("POST", `realms/${ws.realmId}/close-books`, { through: "2026-12-31" });
    expect(await drainConnection(ws.connection.id)).toMatchObject({ failed: 1 });
    expect(await posting()).toMatchObject({ status: "FAILED", attempts: 1 });
    const exception = await db.syncException.findFirstOrThrow({ where: { canonicalEventId: event.id } });
    expect(exception).toMatchObject({ status: "OPEN", code: "QBO_6210", qboFaultCode: "6210" });
    expect(exception.intuitTid).toBeTruthy();
    expect(exception.suggestedFix).toMatch(/closing date/);
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "FAILED" });
    // Nothing is retried by itself.
    expect(await drainConnection(ws.connection.id, { now: new Date(Date.now() + 3_600_000) })).toMatchObject({ claimed: 0 });
  });

  it.each(["ALLOW", "SUFFIX"] as const)("a duplicate document number (6140) follows the workspace's choice: %s", async (choice) => {
    const { ws } = await plannedSale();
    await db.workspace.update({ where: { id: ws.workspace.id }, data: { duplicateDocNumbers: choice } });
    await drainConnection(ws.connection.id);
    // A second charge whose reference is the same document number.
    const first = await db.posting.findFirstOrThrow({ where: { workspaceId: ws.workspace.id, status: "POSTED" } });
    const docNumber = (first.sentBody as { DocNumber: string }).DocNumber;
    const again = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0, sourceIds: { object: docNumber.slice(0, 5) + "-x" } }));
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: again.id });
    await db.posting.updateMany({ where: { canonicalEventId: again.id }, data: { body: { ...((await db.posting.findFirstOrThrow({ where: { canonicalEventId: again.id } })).body as object), DocNumber: docNumber } } });
    for (let i = 0; i < 3; i++) await drainConnection(ws.connection.id);
    const posted = await db.posting.findFirstOrThrow({ where: { canonicalEventId: again.id } });
    expect(posted.status).toBe("POSTED");
    const body = posted.sentBody as { DocNumber?: string; PrivateNote: string };
    if (choice === "ALLOW") {
      expect(body.DocNumber).toBeUndefined();
      expect(body.PrivateNote).toContain(`Ref ${docNumber}.`);
    } else expect(body.DocNumber).toBe(`${docNumber}-2`);
    expect(posted.requestId).not.toBe(first.requestId);
  });

  it("gives a customer whose name a vendor holds a disambiguated name (6240), and adopts an existing customer of that name", async () => {
    const ws = await syncWorkspace([]);
    const { connection } = ws;
    const taken = `Taken ${Date.now()}`;
    const client = await (await import("../qbo/connection-client")).qboClientFor(connection.id);
    await client.create("Vendor", { DisplayName: taken }, { requestId: `vendor-${Date.now()}` });
    const existing = `Existing ${Date.now()}`;
    const customer = await client.create("Customer", { DisplayName: existing }, { requestId: `customer-${Date.now()}` });
    const a = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0, customer: { sourceId: "cus_vendorclash", name: taken } }));
    const b = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0, customer: { sourceId: "cus_existing", name: existing } }));
    for (const e of [a, b]) await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: e.id });
    await drainConnection(ws.connection.id);
    const links = await db.qboCustomerLink.findMany({ where: { qboConnectionId: connection.id }, orderBy: { displayName: "asc" } });
    expect(links.map((l) => l.displayName)).toEqual([existing, `${taken} (Stripe cus_vendorclash)`]);
    expect(links[0]!.qboId).toBe(customer.Id);
    expect(await db.posting.count({ where: { canonicalEventId: { in: [a.id, b.id] }, status: "POSTED" } })).toBe(2);
  });

  it("keeps two source customers who share a name as two QuickBooks customers, the second disambiguated, with no read and no refused write", async () => {
    const ws = await syncWorkspace([]);
    const name = `Ines Byrne ${Date.now()}`;
    const a = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0, customer: { sourceId: "cus_first", name } }));
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: a.id });
    await drainConnection(ws.connection.id);
    const before = await simControl<{ reads: number; writes: number }>("GET", `realms/${ws.realmId}/counters`);
    const b = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0, customer: { sourceId: "cus_second", name } }));
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: b.id });
    await drainConnection(ws.connection.id);
    const after = await simControl<{ reads: number; writes: number }>("GET", `realms/${ws.realmId}/counters`);

    const links = await db.qboCustomerLink.findMany({ where: { qboConnectionId: ws.connection.id }, orderBy: { displayName: "asc" } });
    expect(links.map((l) => l.displayName)).toEqual([name, `${name} (Stripe cus_second)`]);
    expect(links[0]!.qboId).not.toBe(links[1]!.qboId);
    // The second sale cost its customer's create and its own write: nothing read, nothing refused on the way.
    expect(after.reads - before.reads).toBe(0);
    expect(after.writes - before.writes).toBe(2);
    expect(await db.posting.count({ where: { canonicalEventId: { in: [a.id, b.id] }, status: "POSTED" } })).toBe(2);
  });
});
