import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { startStripeApi, StripeEventGenerator, type StripeApi } from "@/sim/sources";
import { createWorkspaceWith } from "@/test/fixtures";
import { apiRequest, routeParams } from "@/test/http";
import { PUT as replaceKey } from "./[sourceId]/api-key/route";
import { POST as pause } from "./[sourceId]/pause/route";
import { POST as resume } from "./[sourceId]/resume/route";
import { DELETE as disconnect, PATCH as update } from "./[sourceId]/route";
import { POST as finishRotation } from "./[sourceId]/secrets/finish-rotation/route";
import { POST as addSecret } from "./[sourceId]/secrets/route";
import { POST as testEvent } from "./[sourceId]/test-event/route";
import { GET as list } from "./route";
import { POST as connectShopify } from "./shopify/route";
import { POST as connectStripe } from "./stripe/route";

// The Sources routes: who may use them, input errors as 4xx with a code and a sentence tied to the field, and
// no secret in any answer. The domain is tested in lib/sources/manage; Stripe here is the stand-in over HTTP.

// The app reads STRIPE_API_BASE once, so the stand-in's port is fixed before anything is imported.
const port = vi.hoisted(() => {
  const chosen = 41000 + Math.floor(Math.random() * 8000);
  process.env.STRIPE_API_BASE = `http://localhost:${chosen}`;
  return chosen;
});
const KEY = "rk_test_routes_good_key_01";
let stripeApi: StripeApi;
beforeAll(async () => {
  stripeApi = await startStripeApi({ ledger: new StripeEventGenerator({ seed: "routes" }).ledger, apiKey: KEY, port });
});
afterAll(() => stripeApi.stop());

type ErrorBody = { code: string; message: string; details?: { errors?: { path: string; message: string }[] } };

async function setup() {
  const { workspace, members } = await createWorkspaceWith(["ADMIN", "ACCOUNTANT", "VIEWER"]);
  const [admin, accountant, viewer] = members.map((m) => m.user.id) as [string, string, string];
  const slug = workspace.slug;
  const call = async (
    handler: (request: Request, route: { params: Promise<{ slug: string; sourceId: string }> }) => Promise<Response>,
    userId: string,
    body?: unknown,
    sourceId = "none",
  ) => handler(await apiRequest("POST", "/x", { userId, ...(body === undefined ? {} : { body }) }), routeParams({ slug, sourceId }));
  return { workspace, admin, accountant, viewer, call };
}

describe("Sources routes", () => {
  it("an admin connects Stripe, adds its secret, rotates, pauses and disconnects; no answer holds a secret", async () => {
    const { workspace, admin, call } = await setup();
    const created = await call(connectStripe, admin, { name: "Stripe", apiKey: KEY });
    expect(created.status).toBe(201);
    const { source } = (await created.json()) as { source: { id: string } };

    expect((await call(addSecret, admin, { secret: "whsec_routes_first_secret" }, source.id)).status).toBe(201);
    expect(await (await call(addSecret, admin, { secret: "whsec_routes_second_secret" }, source.id)).json()).toEqual({ rotating: true });
    expect(await (await call(finishRotation, admin, undefined, source.id)).json()).toEqual({ dropped: 1 });
    const again = await call(finishRotation, admin, undefined, source.id);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).message).toMatch(/No rotation is in progress/);

    expect(await (await call(pause, admin, undefined, source.id)).json()).toEqual({ status: "PAUSED", changed: true });
    expect(await (await call(resume, admin, undefined, source.id)).json()).toEqual({ status: "ACTIVE", changed: true });
    expect((await call(update, admin, { name: "Stripe (main)" }, source.id)).status).toBe(200);

    const listed = await list(await apiRequest("GET", "/x", { userId: admin }), routeParams({ slug: workspace.slug }));
    const text = await listed.text();
    expect(JSON.parse(text)).toMatchObject({ sources: [{ id: source.id, name: "Stripe (main)", signing: ["whsec_…cret"], apiKey: { hint: "rk_test_…y_01" } }] });
    for (const secret of [KEY, "whsec_routes_first_secret", "whsec_routes_second_secret"]) expect(text).not.toContain(secret);

    expect((await call(disconnect, admin, undefined, source.id)).status).toBe(204);
    expect(await db.sourceConnection.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ status: "DISCONNECTED", secretsCiphertext: null });
  });

  it("answers bad input with 4xx, a code and a sentence tied to the field", async () => {
    const { admin, call, workspace } = await setup();
    const secretKey = await call(connectStripe, admin, { name: "Stripe", apiKey: "sk_test_0123456789" });
    expect(secretKey.status).toBe(422);
    expect(((await secretKey.json()) as ErrorBody).details?.errors).toEqual([{ path: "apiKey", message: expect.stringMatching(/secret key \(sk_…\)/) }]);

    const unknownKey = await call(connectStripe, admin, { name: "Stripe", apiKey: "rk_test_unknown_to_stripe" });
    expect(unknownKey.status).toBe(422);
    expect(await unknownKey.json()).toMatchObject({ code: "VALIDATION_FAILED", details: { errors: [{ path: "apiKey", message: expect.stringMatching(/does not accept this key/) }] } });

    const shop = await call(connectShopify, admin, { name: "", shopDomain: "acme.com", webhookSecret: "short", extra: 1 });
    expect(shop.status).toBe(422);
    const paths = ((await shop.json()) as ErrorBody).details?.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "shopDomain", "webhookSecret", ""]));

    const headers = (await apiRequest("POST", "/x", { userId: admin })).headers;
    headers.set("content-type", "application/json");
    const notJson = await connectStripe(new Request("http://localhost:3000/x", { method: "POST", headers, body: "{" }), routeParams({ slug: workspace.slug }));
    expect(notJson.status).toBe(400);

    const missing = await call(testEvent, admin, undefined, "no-such-source");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).code).toBe("NOT_FOUND");
    const bad = await call(replaceKey, admin, { apiKey: "pk_test_0123456789" }, "no-such-source");
    expect(bad.status).toBe(422);
    expect((await call(update, admin, {}, "no-such-source")).status).toBe(422);
  });

  it("accountants and viewers may not see or change sources", async () => {
    const { admin, accountant, viewer, call, workspace } = await setup();
    const { source } = (await (await call(connectShopify, admin, { name: "Shop", shopDomain: `r${Date.now()}.myshopify.com`, webhookSecret: "shpss_0123456789abcdef" })).json()) as {
      source: { id: string };
    };
    for (const userId of [accountant, viewer]) {
      expect((await list(await apiRequest("GET", "/x", { userId }), routeParams({ slug: workspace.slug }))).status).toBe(403);
      expect((await call(connectStripe, userId, { name: "Stripe", apiKey: KEY })).status).toBe(403);
      for (const handler of [pause, testEvent, disconnect, finishRotation]) expect((await call(handler, userId, undefined, source.id)).status).toBe(403);
      expect((await call(addSecret, userId, { secret: "shpss_intruder_0123456789" }, source.id)).status).toBe(403);
    }
    expect(await db.sourceConnection.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ status: "ACTIVE" });
  });
});
