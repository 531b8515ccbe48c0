import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { fixture, stripeEvent } from "../sources/stripe/test-kit";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver, stripeRequest, stripeSignature } from "@/test/webhooks";
import { sweepStrandedEvents } from "./sweep-stranded-events";

// The crash test's stranded event, made for real: a signed Stripe webhook is stored with its outbox row, the row
// is marked sent (an executor accepted the run, then lost it with its memory), and nothing else happens. Inbound
// events are immutable, so instead of backdating one the sweep is run with a later clock.

const MINUTE = 60_000;
const GRACE = 5 * MINUTE;

async function strandedStripeEvent() {
  const { workspace } = await createWorkspaceWith(["OWNER"]);
  const source = await createTestSource(workspace.id, "STRIPE");
  const body = JSON.stringify({ ...stripeEvent("charge.succeeded", { ...fixture("charge"), id: `ch_${randomUUID().slice(0, 8)}` }), id: `evt_${randomUUID().replace(/-/g, "")}` });
  const response = await deliver.stripe(stripeRequest(source.connection.id, body, stripeSignature(body, source.webhookSecret)), source.connection.id);
  expect(response.status).toBe(200);
  const inbound = await db.inboundEvent.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  await db.outboxMessage.update({ where: { id: `ingest/event.received:${inbound.id}` }, data: { sentAt: new Date() } });
  return { workspaceId: workspace.id, inbound };
}

const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe("sweepStrandedEvents", () => {
  it("re-dispatches an event still RECEIVED after the grace period, under a new event id per try", async () => {
    const { workspaceId, inbound } = await strandedStripeEvent();
    const sweep = (after: number) => sweepStrandedEvents({ workspaceId, graceMs: GRACE, maxTries: 5, now: later(inbound.receivedAt, after) });

    expect(await sweep(4 * MINUTE)).toEqual({ redispatched: 0, failed: 0 });
    expect(await sweep(6 * MINUTE)).toEqual({ redispatched: 1, failed: 0 });
    const retry = await db.outboxMessage.findUniqueOrThrow({ where: { id: `ingest/event.received:${inbound.id}:sweep:1` } });
    expect(retry).toMatchObject({ eventName: "ingest/event.received", workspaceId, payload: { workspaceId, inboundEventId: inbound.id } });
    // Not again within the grace period after that try: the job gets its time.
    expect(await sweep(8 * MINUTE)).toEqual({ redispatched: 0, failed: 0 });
    expect(await sweep(12 * MINUTE)).toEqual({ redispatched: 1, failed: 0 });
    expect(await db.inboundEvent.findUniqueOrThrow({ where: { id: inbound.id } })).toMatchObject({ status: "RECEIVED", sweepTries: 2 });
    expect(await db.outboxMessage.count({ where: { id: { startsWith: `ingest/event.received:${inbound.id}` } } })).toBe(3);
  });

  it("gives up after the last try: the event is FAILED with an exception a finance person can act on", async () => {
    const { workspaceId, inbound } = await strandedStripeEvent();
    const results = [];
    for (let sweepNo = 1; sweepNo <= 6; sweepNo += 1) {
      results.push(await sweepStrandedEvents({ workspaceId, graceMs: GRACE, maxTries: 5, now: later(inbound.receivedAt, sweepNo * 6 * MINUTE) }));
    }
    // The first dispatch and four sweeps are five tries; the fifth sweep gives up, the sixth finds nothing.
    expect(results.map((r) => [r.redispatched, r.failed])).toEqual([[1, 0], [1, 0], [1, 0], [1, 0], [0, 1], [0, 0]]);
    expect(await db.inboundEvent.findUniqueOrThrow({ where: { id: inbound.id } })).toMatchObject({ status: "FAILED" });
    const exceptions = await db.syncException.findMany({ where: { workspaceId, inboundEventId: inbound.id } });
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({ code: "EVENT_NOT_PROCESSED", status: "OPEN" });
    const received = inbound.receivedAt.toISOString().slice(11, 16);
    expect(exceptions[0]!.message).toMatch(new RegExp(`^This Stripe event \\(${inbound.externalId}\\) was received at .*${received} UTC but could not be processed after 5 tries`));
    expect(exceptions[0]!.message).toContain("Use Replay once the cause is fixed");
  });

  it("leaves alone events that were processed, and QuickBooks notifications (no job consumes them yet)", async () => {
    const { workspaceId, inbound } = await strandedStripeEvent();
    await db.inboundEvent.update({ where: { id: inbound.id }, data: { status: "NORMALISED", processedAt: new Date() } });
    await db.inboundEvent.create({ data: { workspaceId, source: "QUICKBOOKS", externalId: `qbo:${randomUUID()}`, eventType: "Invoice.Create", payload: {} } });
    expect(await sweepStrandedEvents({ workspaceId, graceMs: GRACE, now: later(new Date(), 10 * MINUTE) })).toEqual({ redispatched: 0, failed: 0 });
  });
});
