import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { flushRejections } from "@/lib/ingest/rejections";
import { normaliseInboundEvent } from "@/lib/ingest/normalise-inbound-event";
import type { Role } from "@/lib/db/generated/enums";
import type { WorkspaceContext } from "@/lib/tenancy/with-workspace";
import { startStripeApi, StripeEventGenerator, type StripeApi } from "@/sim/sources";
import { createWorkspaceWith } from "@/test/fixtures";
import { webhookRoutesBase } from "@/test/webhook-server";
import { connectShopify } from "./connect-shopify";
import { connectStripe } from "./connect-stripe";
import { listSources } from "./list-sources";
import { postingTargetForSource, qboConnectionIdForSource } from "./qbo-company";
import { replaceApiKey } from "./replace-api-key";
import { addWebhookSecret, finishRotation } from "./rotate-webhook-secret";
import { sendTestEvent } from "./send-test-event";
import { setSourceStatus } from "./set-source-status";
import { shopifyTestDelivery, stripeTestDelivery } from "./test-delivery";
import { updateSource } from "./update-source";

// Self-serve sources end to end in the domain: the key checked against the Stripe stand-in over HTTP, deliveries
// sent to the real webhook routes over HTTP, and the database real. Nothing is mocked.

const GOOD_KEY = "rk_test_sources_good_key_0001";
const BALANCE_ONLY_KEY = "rk_test_sources_balance_only_01";
const NOTHING_KEY = "rk_test_sources_no_access_0001";
let stripeApi: StripeApi;
let appUrl: string;

beforeAll(async () => {
  stripeApi = await startStripeApi({
    ledger: new StripeEventGenerator({ seed: "sources" }).ledger,
    apiKey: GOOD_KEY,
    restrictedKeys: [
      { key: BALANCE_ONLY_KEY, allows: ["balance"] },
      { key: NOTHING_KEY, allows: [] },
    ],
  });
  appUrl = await webhookRoutesBase();
});
afterAll(() => stripeApi.stop());

async function workspace(roles: Role[] = ["ADMIN"]) {
  const { workspace: ws, members } = await createWorkspaceWith(roles);
  const ctx = (index = 0): WorkspaceContext => ({
    tenantId: ws.id,
    workspace: { id: ws.id, slug: ws.slug, name: ws.name },
    user: { id: members[index]!.user.id, email: members[index]!.user.email, name: members[index]!.user.name },
    role: members[index]!.role,
    requestId: `req-${randomUUID()}`,
    ip: "203.0.113.7",
  });
  return { ws, ctx };
}

async function qboCompany(workspaceId: string, status: "CONNECTED" | "DISCONNECTED" = "CONNECTED") {
  const realmId = String(Math.floor(Math.random() * 1e12));
  return db.qboConnection.create({ data: { workspaceId, realmId, environment: "SANDBOX", companyName: `Books ${realmId}`, homeCurrency: "USD", status } });
}

const options = () => ({ stripeApiBase: stripeApi.url });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function deliverStripe(id: string, secret: string) {
  const delivery = stripeTestDelivery(secret);
  const response = await fetch(`${appUrl}/api/webhooks/stripe/${id}`, { method: "POST", headers: delivery.headers(), body: delivery.body });
  return response.status;
}

describe("connecting Stripe", () => {
  it("refuses a key Stripe does not know, or one missing read access, naming what is missing, and saves nothing", async () => {
    const { ws, ctx } = await workspace();
    const unknown = await refusal(connectStripe(ctx(), { name: "Stripe", apiKey: "rk_test_nobody_knows_this_1" }, options()));
    expect(unknown).toMatchObject({ code: "VALIDATION_FAILED", details: { errors: [{ path: "apiKey" }] } });
    expect(unknown.message).toMatch(/does not accept this key/);

    const taxless = await refusal(connectStripe(ctx(), { name: "Stripe", apiKey: BALANCE_ONLY_KEY }, options()));
    expect(taxless.message).toBe("This key cannot read Tax rates (for the tax rates of taxed invoices). In Stripe, edit the key and set Tax rates to Read, then paste it again.");
    expect(taxless.details).toMatchObject({ missing: ["Tax rates"] });
    const none = await refusal(connectStripe(ctx(), { name: "Stripe", apiKey: NOTHING_KEY }, options()));
    expect(none.details).toMatchObject({ missing: ["Balance", "Tax rates"] });

    // A secret key is refused before Stripe is asked: it could do anything in the account.
    await expect(connectStripe(ctx(), { name: "Stripe", apiKey: "sk_live_abcdefghijkl" }, options())).rejects.toThrow(/secret key \(sk_…\)/);
    expect(await db.sourceConnection.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("saves a good key, waits for the signing secret (refusing deliveries meanwhile), then accepts deliveries signed with it", async () => {
    const { ws, ctx } = await workspace();
    const company = await qboCompany(ws.id);
    const source = await connectStripe(ctx(), { name: "Main Stripe", apiKey: GOOD_KEY }, options());
    expect(source.qboConnectionId).toBe(company.id); // the only connected company is the default

    const [view] = await listSources({ tenantId: ws.id }, { appUrl });
    expect(view).toMatchObject({ awaitingWebhookSecret: true, signing: [], apiKey: { hint: "rk_test_…0001", mode: "test" }, webhookUrl: `${appUrl}/api/webhooks/stripe/${source.id}` });
    await expect(sendTestEvent(ctx(), source.id, { appUrl })).rejects.toThrow(/Paste the signing secret/);

    const secret = "whsec_first_secret_for_sources_01";
    expect(await deliverStripe(source.id, secret)).toBe(401); // Stripe retries it until the secret is pasted
    await expect(addWebhookSecret(ctx(), source.id, { secret: "not-a-whsec" })).rejects.toThrow(/starts with whsec_/);
    expect(await addWebhookSecret(ctx(), source.id, { secret })).toEqual({ rotating: false });
    expect(await deliverStripe(source.id, secret)).toBe(200);

    // No secret in the page's data or the audit log: hints only.
    const text = JSON.stringify(await listSources({ tenantId: ws.id }, { appUrl }));
    expect(text).toContain("whsec_…s_01");
    expect(text).not.toContain(secret);
    expect(text).not.toContain(GOOD_KEY);
    const audit = await db.auditEntry.findMany({ where: { workspaceId: ws.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["source.connection.created", "source.connection.secret_set"]);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain(GOOD_KEY);
  });

  it("swaps the restricted key only for one Stripe accepts", async () => {
    const { ws, ctx } = await workspace();
    const source = await connectStripe(ctx(), { name: "Stripe", apiKey: GOOD_KEY }, options());
    await expect(replaceApiKey(ctx(), source.id, { apiKey: BALANCE_ONLY_KEY }, options())).rejects.toThrow(/cannot read Tax rates/);
    const [before] = await listSources({ tenantId: ws.id });
    expect(before?.apiKey?.hint).toBe("rk_test_…0001");
  });
});

describe("the QuickBooks company a source posts into", () => {
  it("must be chosen among several, must be this workspace's and connected, and can be changed later", async () => {
    const { ws, ctx } = await workspace();
    const a = await qboCompany(ws.id);
    const b = await qboCompany(ws.id);
    const gone = await qboCompany(ws.id, "DISCONNECTED");
    const other = await workspace();
    const foreign = await qboCompany(other.ws.id);
    const shop = { name: "Shop", shopDomain: `shop-${randomUUID().slice(0, 8)}.myshopify.com`, webhookSecret: "shpss_0123456789abcdef" };

    const several = await refusal(connectShopify(ctx(), shop));
    expect(several.details).toMatchObject({ errors: [{ path: "qboConnectionId" }] });
    for (const id of [gone.id, foreign.id]) await expect(connectShopify(ctx(), { ...shop, qboConnectionId: id })).rejects.toThrow(/connected QuickBooks companies/);

    const source = await connectShopify(ctx(), { ...shop, qboConnectionId: b.id });
    expect(await qboConnectionIdForSource(source.id)).toBe(b.id);
    expect(await qboConnectionIdForSource(source.id, other.ws.id)).toBeNull(); // scoped to the tenant when given
    await updateSource(ctx(), source.id, { qboConnectionId: a.id });
    expect(await postingTargetForSource(source.id, ws.id)).toEqual({ post: true, qboConnectionId: a.id });
    await expect(connectShopify(ctx(), { ...shop, qboConnectionId: a.id })).rejects.toThrow(/already connected here/);
  });

  it("is none when the workspace has no QuickBooks company yet; the only one connected later is adopted once, audited", async () => {
    const { ws, ctx } = await workspace();
    const source = await connectStripe(ctx(), { name: "Stripe", apiKey: GOOD_KEY }, options());
    expect(await postingTargetForSource(source.id)).toMatchObject({ post: false, reason: "NO_COMPANY" });

    const only = await qboCompany(ws.id);
    expect(await postingTargetForSource(source.id)).toEqual({ post: true, qboConnectionId: only.id });
    expect(await db.sourceConnection.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ qboConnectionId: only.id });
    // Kept when a second company arrives: the books a source posts into never change by themselves.
    await qboCompany(ws.id);
    expect(await qboConnectionIdForSource(source.id)).toBe(only.id);
    const audit = await db.auditEntry.findMany({ where: { workspaceId: ws.id, action: "source.connection.updated" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "SYSTEM" });
  });

  it("is not adopted when several are connected: posting waits for a person to choose", async () => {
    const { ws, ctx } = await workspace();
    const source = await connectStripe(ctx(), { name: "Stripe", apiKey: GOOD_KEY }, options());
    await qboCompany(ws.id);
    await qboCompany(ws.id);
    expect(await postingTargetForSource(source.id)).toMatchObject({ post: false, reason: "NO_COMPANY" });
  });
});

describe("send a test event", () => {
  it("posts a signed Stripe test delivery to the source's own webhook route; it is stored, shown, and books nothing", async () => {
    const { ws, ctx } = await workspace();
    const source = await connectStripe(ctx(), { name: "Stripe", apiKey: GOOD_KEY }, options());
    await addWebhookSecret(ctx(), source.id, { secret: "whsec_test_event_secret_0001" });

    const result = await sendTestEvent(ctx(), source.id, { appUrl });
    expect(result).toMatchObject({ arrived: true, status: 200, eventType: "ledgerwire.test_event" });
    if (!result.arrived) throw new Error("not arrived");
    expect(await normaliseInboundEvent({ workspaceId: ws.id, inboundEventId: result.inboundEventId })).toMatchObject({ status: "IGNORED" });
    expect(await db.canonicalEvent.count({ where: { workspaceId: ws.id } })).toBe(0);

    const [view] = await listSources({ tenantId: ws.id }, { appUrl });
    expect(view?.activity.lastDelivery).toMatchObject({ eventType: "ledgerwire.test_event", result: "ignored" });
    expect(await db.auditEntry.count({ where: { workspaceId: ws.id, action: "source.connection.test_event_sent" } })).toBe(1);
  });

  it("does the same for Shopify, with the shop's domain, and shows refused deliveries with the reason", async () => {
    const { ws, ctx } = await workspace();
    const shopDomain = `test-${randomUUID().slice(0, 8)}.myshopify.com`;
    const source = await connectShopify(ctx(), { name: "Shop", shopDomain: `https://${shopDomain.toUpperCase()}/admin`, webhookSecret: "shpss_shop_secret_0123456789" });
    expect(source.externalAccountId).toBe(shopDomain);
    const result = await sendTestEvent(ctx(), source.id, { appUrl });
    expect(result).toMatchObject({ arrived: true, eventType: "ledgerwire/test_event" });
    if (!result.arrived) throw new Error("not arrived");
    expect(await normaliseInboundEvent({ workspaceId: ws.id, inboundEventId: result.inboundEventId })).toMatchObject({ status: "IGNORED" });

    const forged = shopifyTestDelivery("shpss_someone_elses_secret_00", shopDomain);
    expect((await fetch(`${appUrl}/api/webhooks/shopify/${source.id}`, { method: "POST", headers: forged.headers(), body: forged.body })).status).toBe(401);
    await flushRejections();
    const [view] = await listSources({ tenantId: ws.id }, { appUrl });
    expect(view?.activity.lastDelivery).toMatchObject({ eventType: "ledgerwire/test_event" });
    expect(view?.activity.refusals).toEqual([expect.objectContaining({ reason: "SIGNATURE_INVALID", count: 1, text: expect.stringMatching(/did not match/) })]);
  });
});

describe("rotating a signing secret", () => {
  it("accepts old and new while rotating, and only the new one after finishing", async () => {
    const { ws, ctx } = await workspace();
    const oldSecret = "whsec_rotation_old_secret_01";
    const newSecret = "whsec_rotation_new_secret_02";
    const source = await connectStripe(ctx(), { name: "Stripe", apiKey: GOOD_KEY }, options());
    await addWebhookSecret(ctx(), source.id, { secret: oldSecret });
    await expect(finishRotation(ctx(), source.id)).rejects.toThrow(/No rotation is in progress/);

    expect(await addWebhookSecret(ctx(), source.id, { secret: newSecret })).toEqual({ rotating: true });
    await expect(addWebhookSecret(ctx(), source.id, { secret: newSecret })).rejects.toThrow(/already one this source accepts/);
    expect([await deliverStripe(source.id, oldSecret), await deliverStripe(source.id, newSecret)]).toEqual([200, 200]);
    const [rotating] = await listSources({ tenantId: ws.id });
    expect(rotating?.signing).toEqual(["whsec_…t_02", "whsec_…t_01"]);
    expect(rotating?.rotationStartedAt).toBeInstanceOf(Date);
    // The test event is signed with the newest secret, so it proves the new one works.
    expect(await sendTestEvent(ctx(), source.id, { appUrl })).toMatchObject({ arrived: true });

    expect(await finishRotation(ctx(), source.id)).toEqual({ dropped: 1 });
    expect([await deliverStripe(source.id, oldSecret), await deliverStripe(source.id, newSecret)]).toEqual([401, 200]);
    const [done] = await listSources({ tenantId: ws.id });
    expect(done).toMatchObject({ signing: ["whsec_…t_02"], rotationStartedAt: null });
    const actions = (await db.auditEntry.findMany({ where: { workspaceId: ws.id }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toContain("source.connection.rotation_started");
    expect(actions).toContain("source.connection.rotation_finished");
  });
});

describe("pause and disconnect", () => {
  it("a paused source keeps receiving but holds posting; disconnect erases the secrets and refuses deliveries", async () => {
    const { ws, ctx } = await workspace();
    const company = await qboCompany(ws.id);
    const secret = "whsec_pause_and_disconnect_1";
    const source = await connectStripe(ctx(), { name: "Stripe", apiKey: GOOD_KEY }, options());
    await addWebhookSecret(ctx(), source.id, { secret });

    expect(await setSourceStatus(ctx(), source.id, "pause")).toEqual({ status: "PAUSED", changed: true });
    expect(await setSourceStatus(ctx(), source.id, "pause")).toEqual({ status: "PAUSED", changed: false });
    expect(await deliverStripe(source.id, secret)).toBe(200); // stored, so nothing waits on Stripe's retries
    expect(await postingTargetForSource(source.id)).toMatchObject({ post: false, reason: "PAUSED" });
    expect(await qboConnectionIdForSource(source.id)).toBeNull();
    await setSourceStatus(ctx(), source.id, "resume");
    expect(await qboConnectionIdForSource(source.id)).toBe(company.id);

    await setSourceStatus(ctx(), source.id, "disconnect");
    expect(await deliverStripe(source.id, secret)).toBe(401);
    expect(await db.sourceConnection.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ status: "DISCONNECTED", secretsCiphertext: null });
    await expect(setSourceStatus(ctx(), source.id, "resume")).rejects.toThrow(/disconnected/);
    await expect(sendTestEvent(ctx(), source.id, { appUrl })).rejects.toThrow(/disconnected/);
    const actions = (await db.auditEntry.findMany({ where: { workspaceId: ws.id }, orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("source.connection.") && a !== "source.connection.secret_set")).toEqual([
      "source.connection.created",
      "source.connection.paused",
      "source.connection.resumed",
      "source.connection.disconnected",
    ]);
  });

  it("another workspace's source is not found, whatever is asked", async () => {
    const mine = await workspace();
    const theirs = await workspace();
    const source = await connectStripe(theirs.ctx(), { name: "Theirs", apiKey: GOOD_KEY }, options());
    for (const attempt of [
      () => setSourceStatus(mine.ctx(), source.id, "disconnect"),
      () => addWebhookSecret(mine.ctx(), source.id, { secret: "whsec_intruder_secret_01" }),
      () => sendTestEvent(mine.ctx(), source.id, { appUrl }),
      () => updateSource(mine.ctx(), source.id, { name: "Mine now" }),
      () => replaceApiKey(mine.ctx(), source.id, { apiKey: GOOD_KEY }, options()),
    ]) {
      expect(await refusal(attempt())).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await db.sourceConnection.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ name: "Theirs", status: "ACTIVE", awaitingWebhookSecret: true });
  });
});
