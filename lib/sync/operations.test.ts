import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as status } from "@/app/api/w/[slug]/sync/status/route";
import { PUT as setMode } from "@/app/api/w/[slug]/sync/connections/[connectionId]/mode/route";
import { POST as approve } from "@/app/api/w/[slug]/postings/[postingId]/approve/route";
import { POST as retry } from "@/app/api/w/[slug]/exceptions/retry/route";
import { POST as ignore } from "@/app/api/w/[slug]/exceptions/ignore/route";
import { apiRequest, routeParams } from "@/test/http";
import { createWorkspaceWith } from "@/test/fixtures";
import { db } from "../db";
import { sweepStrandedEvents, sweepWaitingPostings } from "../jobs/sweep-stranded-events";
import { drainConnection } from "./drain-connection";
import { expireHolds, requestHold } from "./holds";
import { planEvent } from "./plan-event";
import { entitiesFor, sale, storeCanonical, syncWorkspace } from "./test-kit";

// Shadow mode, holds, exception operations and the status API, through their routes where they have one.

const post = (handler: typeof approve, path: string, userId: string, params: Record<string, string>, body?: unknown) => apiRequest("POST", path, { userId, body }).then((r) => handler(r, routeParams(params as never)));

describe("shadow mode", () => {
  it("plans and keeps postings without writing, and an admin's switch to live is audited", async () => {
    const ws = await syncWorkspace(["ACCOUNTANT"]);
    const slug = ws.workspace.slug;
    const asAccountant = await setMode(await apiRequest("PUT", `/api/w/${slug}/sync/connections/${ws.connection.id}/mode`, { userId: ws.member(0).user.id, body: { mode: "shadow" } }), routeParams({ slug, connectionId: ws.connection.id }));
    expect(asAccountant.status).toBe(403);
    const toShadow = await setMode(await apiRequest("PUT", `/api/w/${slug}/sync/connections/${ws.connection.id}/mode`, { userId: ws.owner.user.id, body: { mode: "shadow" } }), routeParams({ slug, connectionId: ws.connection.id }));
    expect(toShadow.status).toBe(200);
    const event = await storeCanonical(ws.workspace.id, sale());
    expect(await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id })).toMatchObject({ status: "PLANNED", shadow: true });
    await drainConnection(ws.connection.id);
    const postings = await db.posting.findMany({ where: { canonicalEventId: event.id } });
    expect(postings.map((p) => [p.status, p.shadow])).toEqual([["SKIPPED", true], ["SKIPPED", true]]);
    expect(postings[0]!.body).toMatchObject({ PrivateNote: expect.stringContaining(event.key) });
    expect(await entitiesFor(ws.realmId, "SalesReceipt", event.key)).toHaveLength(0);
    await setMode(await apiRequest("PUT", `/api/w/${slug}/sync/connections/${ws.connection.id}/mode`, { userId: ws.owner.user.id, body: { mode: "live" } }), routeParams({ slug, connectionId: ws.connection.id }));
    const audits = await db.auditEntry.findMany({ where: { workspaceId: ws.workspace.id, action: "qbo.connection.sync_mode_changed" }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => a.after)).toEqual([{ mode: "shadow" }, { mode: "live" }]);
  });
});

describe("holds", () => {
  it("holds a posting above the threshold until someone other than its requester approves it", async () => {
    const ws = await syncWorkspace(["ACCOUNTANT", "ACCOUNTANT"]);
    const slug = ws.workspace.slug;
    await db.workspace.update({ where: { id: ws.workspace.id }, data: { holdThresholdMinor: 1000n } });
    const event = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0 }));
    expect(await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id })).toMatchObject({ held: 1 });
    const held = await db.posting.findFirstOrThrow({ where: { canonicalEventId: event.id } });
    expect(held.status).toBe("HELD");
    expect(await drainConnection(ws.connection.id)).toMatchObject({ claimed: 0 });

    const approved = await post(approve, `/api/w/${slug}/postings/${held.id}/approve`, ws.member(0).user.id, { slug, postingId: held.id });
    expect(approved.status).toBe(200);
    await drainConnection(ws.connection.id);
    expect(await db.posting.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "POSTED", approvedById: ws.member(0).user.id });

    // A hold a person asked for: they cannot approve it themselves.
    await db.workspace.update({ where: { id: ws.workspace.id }, data: { holdThresholdMinor: null } });
    const second = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0 }));
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: second.id });
    const pending = await db.posting.findFirstOrThrow({ where: { canonicalEventId: second.id } });
    await requestHold(ws.member(0), { postingId: pending.id, reason: "Check the customer first" });
    const self = await post(approve, `/api/w/${slug}/postings/${pending.id}/approve`, ws.member(0).user.id, { slug, postingId: pending.id });
    expect(self.status).toBe(403);
    const viewer = await createWorkspaceWith(["VIEWER"]);
    expect((await post(approve, `/api/w/${slug}/postings/${pending.id}/approve`, viewer.members[0]!.user.id, { slug, postingId: pending.id })).status).toBe(404);
    expect((await post(approve, `/api/w/${slug}/postings/${pending.id}/approve`, ws.member(1).user.id, { slug, postingId: pending.id })).status).toBe(200);
    const actions = (await db.auditEntry.findMany({ where: { workspaceId: ws.workspace.id, action: { startsWith: "posting." }, NOT: { action: "posting.posted" } }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["posting.held", "posting.approved", "posting.hold_requested", "posting.approved"]);
  });

  it("turns a hold nobody decided in time into an exception", async () => {
    const ws = await syncWorkspace([]);
    await db.workspace.update({ where: { id: ws.workspace.id }, data: { holdThresholdMinor: 1n, holdTimeoutHours: 1 } });
    const event = await storeCanonical(ws.workspace.id, sale({ feeMinor: 0 }));
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id });
    expect(await expireHolds({ workspaceId: ws.workspace.id })).toBe(0);
    expect(await expireHolds({ workspaceId: ws.workspace.id, now: new Date(Date.now() + 2 * 3_600_000) })).toBe(1);
    expect(await db.syncException.findFirstOrThrow({ where: { canonicalEventId: event.id } })).toMatchObject({ code: "HOLD_EXPIRED", status: "OPEN" });
  });
});

describe("exception operations", () => {
  it("retries a refused plan after the mapping is fixed, and ignores another with a reason, each audited", async () => {
    const ws = await syncWorkspace(["ACCOUNTANT", "VIEWER"]);
    const slug = ws.workspace.slug;
    // A plan the ledger refuses: a EUR sale for a USD company without multicurrency and without a settlement.
    const eur = await storeCanonical(ws.workspace.id, sale({ currency: "EUR", feeMinor: 0 }));
    expect(await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: eur.id })).toMatchObject({ status: "EXCEPTION" });
    const refused = await db.syncException.findFirstOrThrow({ where: { canonicalEventId: eur.id } });
    expect(refused).toMatchObject({ status: "OPEN", code: "PLAN_CURRENCY_NOT_SUPPORTED" });
    expect(refused.suggestedFix).toBeTruthy();

    // The viewer may not; the accountant may.
    expect((await post(retry, `/api/w/${slug}/exceptions/retry`, ws.member(1).user.id, { slug }, { ids: [refused.id] })).status).toBe(403);
    // The fix here: the event is corrected to the company's currency (as a corrected re-delivery would).
    await db.canonicalEvent.update({ where: { id: eur.id }, data: { data: { ...((await db.canonicalEvent.findUniqueOrThrow({ where: { id: eur.id } })).data as object), currency: "USD" }, currency: "USD" } });
    const retried = await post(retry, `/api/w/${slug}/exceptions/retry`, ws.member(0).user.id, { slug }, { ids: [refused.id], afterMappingChange: true });
    expect(retried.status).toBe(200);
    expect(await db.outboxMessage.count({ where: { workspaceId: ws.workspace.id, eventName: "sync/event.ready" } })).toBe(1);
    expect(await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: eur.id })).toMatchObject({ status: "PLANNED" });
    await drainConnection(ws.connection.id);
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: eur.id } })).toMatchObject({ status: "POSTED" });
    expect(await db.syncException.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({ status: "RESOLVED", retryCount: 1 });

    const other = await storeCanonical(ws.workspace.id, sale({ currency: "GBP", feeMinor: 0 }));
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: other.id });
    const second = await db.syncException.findFirstOrThrow({ where: { canonicalEventId: other.id } });
    expect((await post(ignore, `/api/w/${slug}/exceptions/ignore`, ws.member(0).user.id, { slug }, { ids: [second.id] })).status).toBe(422);
    expect((await post(ignore, `/api/w/${slug}/exceptions/ignore`, ws.member(0).user.id, { slug }, { ids: [second.id], reason: "Booked by hand" })).status).toBe(200);
    expect(await db.syncException.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "IGNORED", resolution: "Booked by hand", resolvedById: ws.member(0).user.id });
    // Ignored: nothing is posted for it, and it no longer counts as in exception.
    expect(await db.canonicalEvent.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "SKIPPED" });
    const actions = (await db.auditEntry.findMany({ where: { workspaceId: ws.workspace.id, action: { startsWith: "exception." } }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["exception.retried_after_mapping_change", "exception.ignored"]);
    // Another workspace's exception id is not found here.
    const outsider = await syncWorkspace([]);
    expect((await post(ignore, `/api/w/${outsider.workspace.slug}/exceptions/ignore`, outsider.owner.user.id, { slug: outsider.workspace.slug }, { ids: [refused.id], reason: "x" })).status).toBe(404);
  });
});

describe("status and the sweep", () => {
  it("counts events, latency and calls for every member, and only for the workspace's own members", async () => {
    const ws = await syncWorkspace(["VIEWER"]);
    const slug = ws.workspace.slug;
    const event = await storeCanonical(ws.workspace.id, sale());
    await storeCanonical(ws.workspace.id, sale());
    await planEvent({ tenantId: ws.workspace.id }, { canonicalEventId: event.id });
    await drainConnection(ws.connection.id);
    const answer = await status(await apiRequest("GET", `/api/w/${slug}/sync/status`, { userId: ws.member(0).user.id }), routeParams({ slug }));
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { events: Record<string, number>; latencyMs: { samples: number; p50: number }; companies: { today: { writes: number } }[] };
    expect(body.events).toEqual({ received: 2, posted: 1, pending: 1, held: 0, inException: 0 });
    expect(body.latencyMs.samples).toBe(1);
    expect(body.latencyMs.p50).toBeGreaterThanOrEqual(0);
    expect(body.companies[0]!.today.writes).toBeGreaterThanOrEqual(3);
    const stranger = await createWorkspaceWith(["OWNER"]);
    expect((await status(await apiRequest("GET", `/api/w/${slug}/sync/status`, { userId: stranger.members[0]!.user.id }), routeParams({ slug }))).status).toBe(404);

    // The unplanned event is offered to the pipeline again once the grace period is over.
    expect(await sweepWaitingPostings({ workspaceId: ws.workspace.id, graceMs: 5 * 60_000 })).toMatchObject({ canonical: 0 });
    expect(await sweepWaitingPostings({ workspaceId: ws.workspace.id, graceMs: 5 * 60_000, now: new Date(Date.now() + 6 * 60_000) })).toMatchObject({ canonical: 1 });
  });

  it("shows what the sweep found in the workspace: events stranded now, its re-dispatches, and the events it gave up on", async () => {
    const ws = await syncWorkspace(["VIEWER"]);
    const slug = ws.workspace.slug;
    const sweepOf = async () => {
      const answer = await status(await apiRequest("GET", `/api/w/${slug}/sync/status`, { userId: ws.member(0).user.id }), routeParams({ slug }));
      expect(answer.status).toBe(200);
      return ((await answer.json()) as { sweep: unknown }).sweep;
    };
    // Stranded for ten minutes: an inbound event never normalised (received then: an insert may say so) and two
    // canonical events never planned (their last change moved back).
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const strandedInbound = (workspaceId: string) => db.inboundEvent.create({ data: { workspaceId, source: "STRIPE", externalId: `evt_${randomUUID()}`, eventType: "charge.succeeded", payload: {}, receivedAt: tenMinutesAgo } });
    await strandedInbound(ws.workspace.id);
    const events = [await storeCanonical(ws.workspace.id, sale()), await storeCanonical(ws.workspace.id, sale())];
    await db.$executeRaw`UPDATE "CanonicalEvent" SET "updatedAt" = ${tenMinutesAgo} WHERE id IN (${events[0]!.id}, ${events[1]!.id})`;
    // Another workspace's stranded event is not this one's.
    await strandedInbound((await createWorkspaceWith(["OWNER"])).workspace.id);
    expect(await sweepOf()).toEqual({ stranded: 3, redispatched: 0, gaveUp: 0 });

    expect(await sweepStrandedEvents({ workspaceId: ws.workspace.id })).toEqual({ redispatched: 1, failed: 0 });
    expect(await sweepWaitingPostings({ workspaceId: ws.workspace.id, maxTries: 2 })).toMatchObject({ canonical: 2, canonicalFailed: 0 });
    expect(await sweepOf()).toEqual({ stranded: 3, redispatched: 3, gaveUp: 0 });

    // Their runs were lost again: the canonical events' second and last try is up.
    expect(await sweepWaitingPostings({ workspaceId: ws.workspace.id, maxTries: 2, now: new Date(Date.now() + 6 * 60_000) })).toMatchObject({ canonical: 0, canonicalFailed: 2 });
    expect(await sweepOf()).toEqual({ stranded: 1, redispatched: 3, gaveUp: 2 });
  });
});
