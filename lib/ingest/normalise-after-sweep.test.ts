import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sweepStrandedEvents } from "@/lib/jobs/sweep-stranded-events";
import { fixture, stripeEvent } from "@/lib/sources/stripe/test-kit";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver, stripeRequest, stripeSignature } from "@/test/webhooks";
import { normaliseInboundEvent } from "./normalise-inbound-event";

// Issue 19's leftover: the sweep gave up on an event (FAILED, exception "could not be processed after N tries")
// while its run was only slow, or a replay later succeeded. The finance person must not be left an OPEN
// exception about an event that is booked.

let server: Server;
let stripeApiBase = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    const id = new URL(req.url ?? "/", "http://x").pathname.split("/").pop() ?? "";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ...fixture("balance_transaction"), id, amount: 2000, fee: 88, net: 1912, currency: "usd" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stripeApiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a late successful normalisation after the sweep gave up", () => {
  it("books the event and resolves the sweep's exception", async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    const source = await createTestSource(workspace.id, "STRIPE", { apiKey: "rk_test_ledgerwire_late" });
    const charge = { ...fixture("charge"), id: `ch_${randomUUID().slice(0, 8)}`, amount: 2000, amount_captured: 2000, captured: true, currency: "usd", balance_transaction: "txn_late", invoice: null };
    const body = JSON.stringify({ ...stripeEvent("charge.succeeded", charge), id: `evt_${randomUUID().replace(/-/g, "")}` });
    expect((await deliver.stripe(stripeRequest(source.connection.id, body, stripeSignature(body, source.webhookSecret)), source.connection.id)).status).toBe(200);
    const inbound = await db.inboundEvent.findFirstOrThrow({ where: { workspaceId: workspace.id } });

    // One try allowed: the first sweep past the grace period gives up on it.
    expect(await sweepStrandedEvents({ workspaceId: workspace.id, graceMs: 1, maxTries: 1, now: new Date(inbound.receivedAt.getTime() + 60_000) })).toEqual({ redispatched: 0, failed: 1 });
    expect(await db.syncException.findFirst({ where: { inboundEventId: inbound.id } })).toMatchObject({ code: "EVENT_NOT_PROCESSED", status: "OPEN" });

    const result = await normaliseInboundEvent({ workspaceId: workspace.id, inboundEventId: inbound.id }, { stripeApiBase });
    expect(result, JSON.stringify(result)).toMatchObject({ status: "NORMALISED", created: 1 });
    expect(await db.inboundEvent.findUniqueOrThrow({ where: { id: inbound.id } })).toMatchObject({ status: "NORMALISED", error: null });
    const exception = await db.syncException.findFirstOrThrow({ where: { inboundEventId: inbound.id } });
    expect(exception).toMatchObject({ status: "RESOLVED", resolvedById: null });
    expect(exception.resolution).toMatch(/processed/);
    expect(exception.resolvedAt).toBeInstanceOf(Date);
  });
});
