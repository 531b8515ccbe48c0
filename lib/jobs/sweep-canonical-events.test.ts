import { describe, expect, it } from "vitest";
import { db } from "../db";
import { planEvent } from "../sync/plan-event";
import { sale, storeCanonical, syncWorkspace } from "../sync/test-kit";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource } from "@/test/webhooks";
import { countStrandedEvents, sweepWaitingPostings } from "./sweep-stranded-events";

// Canonical events whose sync/event.ready was lost (an executor's runs gone with it) get the inbound events'
// sweep: offered again under a new event id per try, and after the last try FAILED with an exception a finance
// person can act on, not offered every minute for ever. The sweep runs with a later clock rather than backdated rows.

const MINUTE = 60_000;
const GRACE = 5 * MINUTE;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

async function unplannedSale(workspaceId: string) {
  const { id } = await storeCanonical(workspaceId, sale({ amountMinor: 2000 }));
  const event = await db.canonicalEvent.findUniqueOrThrow({ where: { id }, include: { inboundEvent: true } });
  const sweep = (after: number, maxTries = 3) => sweepWaitingPostings({ workspaceId, graceMs: GRACE, maxTries, now: later(event.updatedAt, after) });
  return { event, sweep };
}

describe("the sweep of canonical events never planned", () => {
  it("offers one again under a new event id per try, then marks it FAILED with an exception a finance person can act on", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const { event, sweep } = await unplannedSale(workspace.id);

    expect(await sweep(4 * MINUTE)).toMatchObject({ canonical: 0, canonicalFailed: 0 });
    expect(await sweep(6 * MINUTE)).toMatchObject({ canonical: 1, canonicalFailed: 0 });
    // Not again within the grace period after that try: the plan gets its time.
    expect(await sweep(8 * MINUTE)).toMatchObject({ canonical: 0, canonicalFailed: 0 });
    expect(await sweep(12 * MINUTE)).toMatchObject({ canonical: 1, canonicalFailed: 0 });
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "PENDING", sweepTries: 2, updatedAt: event.updatedAt });
    const offers = await db.outboxMessage.findMany({ where: { id: { startsWith: `sync/event.ready:${event.id}:sweep:` } }, orderBy: { id: "asc" } });
    expect(offers.map((o) => o.id)).toEqual([`sync/event.ready:${event.id}:sweep:1`, `sync/event.ready:${event.id}:sweep:2`]);
    expect(offers[0]!.payload).toEqual({ workspaceId: workspace.id, canonicalEventId: event.id });

    // The first dispatch and two sweeps are three tries: the third sweep gives up, the next finds nothing.
    expect(await sweep(18 * MINUTE)).toMatchObject({ canonical: 0, canonicalFailed: 1 });
    expect(await sweep(24 * MINUTE)).toMatchObject({ canonical: 0, canonicalFailed: 0 });
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "FAILED" });
    const exceptions = await db.syncException.findMany({ where: { workspaceId: workspace.id, canonicalEventId: event.id } });
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({ code: "EVENT_NOT_PLANNED", status: "OPEN", postingId: null, details: { tries: 3 } });
    const received = event.inboundEvent.receivedAt.toISOString().slice(0, 16).replace("T", " ");
    expect(exceptions[0]!.message).toBe(
      `This Stripe sale of 20.00 USD (event ${event.inboundEvent.externalId}, received at ${received} UTC) was never planned for QuickBooks after 3 tries, so nothing was posted for it.`,
    );
    expect(exceptions[0]!.suggestedFix).toMatch(/^Retry this exception/);
  });

  it("a plan that arrives after the sweep gave up posts the event as usual and resolves the sweep's exception", async () => {
    const ws = await syncWorkspace([]);
    const { event, sweep } = await unplannedSale(ws.workspace.id);
    expect(await sweep(6 * MINUTE, 1)).toMatchObject({ canonical: 0, canonicalFailed: 1 });
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "FAILED" });

    expect(await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id })).toMatchObject({ status: "PLANNED", postings: expect.any(Number) as number });
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "PENDING" });
    expect(await db.posting.count({ where: { canonicalEventId: event.id, status: "PENDING" } })).toBeGreaterThan(0);
    expect(await db.syncException.findFirstOrThrow({ where: { canonicalEventId: event.id } })).toMatchObject({ code: "EVENT_NOT_PLANNED", status: "RESOLVED", resolution: "Planned" });
  });

  it("an event FAILED for another reason is still not planned by a late run", async () => {
    const ws = await syncWorkspace([]);
    const { event } = await unplannedSale(ws.workspace.id);
    await db.canonicalEvent.update({ where: { id: event.id }, data: { status: "FAILED" } });
    await db.syncException.create({ data: { workspaceId: ws.workspace.id, canonicalEventId: event.id, code: "PLAN_FAILED", message: "This event could not be planned." } });
    expect(await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id })).toEqual({ status: "NOT_PENDING" });
    expect(await db.posting.count({ where: { canonicalEventId: event.id } })).toBe(0);
  });

  it("leaves a paused source's events waiting, neither offered, counted nor given up on, until it is resumed", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const source = await createTestSource(workspace.id, "STRIPE");
    const { event, sweep } = await unplannedSale(workspace.id);
    await db.inboundEvent.update({ where: { id: event.inboundEventId }, data: { sourceConnectionId: source.connection.id } });
    await db.sourceConnection.update({ where: { id: source.connection.id }, data: { status: "PAUSED", pausedAt: new Date() } });

    for (const after of [6, 12, 18]) expect(await sweep(after * MINUTE, 1)).toMatchObject({ canonical: 0, canonicalFailed: 0 });
    expect(await countStrandedEvents(db, { workspaceId: workspace.id, graceMs: GRACE, now: later(event.updatedAt, 18 * MINUTE) })).toBe(0);

    await db.sourceConnection.update({ where: { id: source.connection.id }, data: { status: "ACTIVE", pausedAt: null } });
    expect(await countStrandedEvents(db, { workspaceId: workspace.id, graceMs: GRACE, now: later(event.updatedAt, 18 * MINUTE) })).toBe(1);
    expect(await sweep(18 * MINUTE, 2)).toMatchObject({ canonical: 1, canonicalFailed: 0 });
  });
});
