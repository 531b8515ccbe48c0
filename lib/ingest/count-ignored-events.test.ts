// Events that book nothing are stored as IGNORED with the reason; this is how they are counted, so a kind of
// event that is dropped (a Stripe API version change, a new topic) shows up in numbers, not only in rows.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { fixture, stripeEvent } from "@/lib/sources/stripe/test-kit";
import { normaliseInboundEvent } from "@/lib/ingest/normalise-inbound-event";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver, stripeRequest, stripeSignature } from "@/test/webhooks";
import { countIgnoredEvents } from "./count-ignored-events";

async function sendAndNormalise(workspaceId: string, source: Awaited<ReturnType<typeof createTestSource>>, event: object) {
  const body = JSON.stringify({ ...event, id: `evt_${randomUUID().replace(/-/g, "")}` });
  const response = await deliver.stripe(stripeRequest(source.connection.id, body, stripeSignature(body, source.webhookSecret)), source.connection.id);
  expect(response.status).toBe(200);
  const inbound = await db.inboundEvent.findFirstOrThrow({ where: { workspaceId }, orderBy: { receivedAt: "desc" } });
  return normaliseInboundEvent({ workspaceId, inboundEventId: inbound.id });
}

describe("countIgnoredEvents", () => {
  it("counts ignored events by source and type, with the latest reason, and records the reason on each event", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const stripe = await createTestSource(workspace.id, "STRIPE", { apiKey: "rk_test_ledgerwire_ignored" });
    // Changed: the fixture payment intent, succeeded with the fixture charge (twice: two intents).
    const intent = { ...fixture("payment_intent"), status: "succeeded", latest_charge: "ch_1PgafuB7WZ01zgkWXYmPNZs8" };
    await sendAndNormalise(workspace.id, stripe, stripeEvent("payment_intent.succeeded", intent));
    await sendAndNormalise(workspace.id, stripe, stripeEvent("payment_intent.succeeded", { ...intent, id: "pi_second" }));
    await sendAndNormalise(workspace.id, stripe, stripeEvent("charge.updated", fixture("charge")));

    const stored = await db.inboundEvent.findMany({ where: { workspaceId: workspace.id, eventType: "payment_intent.succeeded" } });
    expect(stored.map((e) => [e.status, e.error])).toEqual([
      ["IGNORED", expect.stringContaining("would count it twice")],
      ["IGNORED", expect.stringContaining("would count it twice")],
    ]);

    const counts = await countIgnoredEvents(workspace.id);
    expect(counts).toEqual([
      { source: "STRIPE", eventType: "payment_intent.succeeded", count: 2, latestReason: expect.stringContaining("Stripe payment intent pi_second succeeded") },
      { source: "STRIPE", eventType: "charge.updated", count: 1, latestReason: 'Ledgerwire does not book Stripe "charge.updated" events: they change nothing in the accounts.' },
    ]);
    expect(await countIgnoredEvents(workspace.id, { since: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it("counts only the workspace it is asked about", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    expect(await countIgnoredEvents(workspace.id)).toEqual([]);
  });
});
