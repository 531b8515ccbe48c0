// 1,000 mutated bodies and signatures per webhook route, through the real handlers and database: no answer is a
// 5xx, every refusal carries a code and a sentence, and nothing is stored unless the signature matches the
// exact bytes sent.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { hmacSha256Base64 } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { orderWith } from "@/lib/sources/shopify/test-payloads";
import { fixture, stripeEvent } from "@/lib/sources/stripe/test-kit";
import { createWorkspaceWith } from "@/test/fixtures";
import { createTestSource, deliver, intuitSignature, quickBooksRequest, shopifyRequest, stripeRequest, stripeSignature } from "@/test/webhooks";
import { deliveryDedupKey } from "./store-deliveries";

const RUNS = 1_000;

/** A body derived from a real one: bytes flipped, cut, spliced, replaced by other JSON, or left alone. */
function mutatedBody(base: string): fc.Arbitrary<Uint8Array> {
  const bytes = Buffer.from(base, "utf8");
  return fc.oneof(
    fc.constant(bytes),
    fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, value]) => {
      const copy = Buffer.from(bytes);
      copy[at] = value;
      return copy;
    }),
    fc.nat(bytes.length).map((at) => bytes.subarray(0, at)),
    fc.tuple(fc.nat(bytes.length), fc.string({ maxLength: 20 })).map(([at, text]) => Buffer.concat([bytes.subarray(0, at), Buffer.from(text), bytes.subarray(at)])),
    fc.json().map((json) => Buffer.from(json)),
    fc.uint8Array({ maxLength: 200 }),
    fc.constant(Buffer.from(base.replace(/"[^"]*"/, '"\\u0000"'))),
    fc.constant(Buffer.from(base.replace(/"[^"]*"/, '"\\ud800"'))), // JSON.parse takes it; jsonb does not
  );
}

type SignatureKind = "valid" | "stale" | "garbage" | "missing" | "other-secret";
const signatureKind = fc.constantFrom<SignatureKind>("valid", "valid", "stale", "garbage", "missing", "other-secret");

async function expectAnswered(response: Response): Promise<void> {
  expect(response.status).toBeLessThan(500);
  if (response.status !== 200) {
    const body = await response.json();
    expect(typeof body.code).toBe("string");
    expect(body.message.length).toBeGreaterThan(10);
  }
}

/** Deliveries stored under any of these keys (bodies that were only ever sent unsigned or badly signed). */
async function storedUnder(keys: Set<string>, signedKeys: Set<string>): Promise<number> {
  const onlyBad = [...keys].filter((k) => !signedKeys.has(k));
  return db.webhookDelivery.count({ where: { dedupKey: { in: onlyBad } } });
}

describe("webhook routes under 1,000 mutated deliveries each", () => {
  let stripe: Awaited<ReturnType<typeof createTestSource>>;
  let shopify: Awaited<ReturnType<typeof createTestSource>>;
  beforeAll(async () => {
    const { workspace } = await createWorkspaceWith(["OWNER"]);
    stripe = await createTestSource(workspace.id, "STRIPE");
    shopify = await createTestSource(workspace.id, "SHOPIFY");
  });

  it("QuickBooks: never a 5xx, nothing stored without the right signature", async () => {
    const token = env().qboWebhookVerifierTokens[0]!;
    const base = JSON.stringify({ eventNotifications: [{ realmId: "4620816365", dataChangeEvent: { entities: [{ id: "1234", operation: "Create", name: "Account", lastUpdated: "2025-09-08T20:52:31.657Z" }] } }] });
    const badKeys = new Set<string>();
    const goodKeys = new Set<string>();
    await fc.assert(
      fc.asyncProperty(mutatedBody(base), signatureKind, async (body, kind) => {
        const signature = { valid: intuitSignature(body, token), stale: intuitSignature(base, token), garbage: randomUUID(), missing: null, "other-secret": intuitSignature(body, "someone-elses-token") }[kind];
        const response = await deliver.quickBooks(quickBooksRequest(body, signature));
        await expectAnswered(response);
        const key = deliveryDedupKey("QUICKBOOKS", null, body);
        const signed = signature === intuitSignature(body, token);
        (signed ? goodKeys : badKeys).add(key);
        if (!signed) expect(response.status).toBe(401);
      }),
      { numRuns: RUNS, seed: 7001 },
    );
    expect(await storedUnder(badKeys, goodKeys)).toBe(0);
  });

  it("Stripe: never a 5xx, nothing stored without the right signature", async () => {
    const charge = { ...fixture("charge"), captured: true, amount_captured: 100 };
    const base = JSON.stringify(stripeEvent("charge.succeeded", charge));
    const badKeys = new Set<string>();
    const goodKeys = new Set<string>();
    await fc.assert(
      fc.asyncProperty(mutatedBody(base), signatureKind, async (body, kind) => {
        const text = Buffer.from(body).toString("utf8");
        const validForBytes = Buffer.from(text, "utf8").equals(Buffer.from(body));
        const signature = {
          valid: stripeSignature(text, stripe.webhookSecret),
          stale: stripeSignature(base, stripe.webhookSecret),
          garbage: `t=${Math.floor(Date.now() / 1000)},v1=${randomUUID()}`,
          missing: null,
          "other-secret": stripeSignature(text, "whsec_someone_else"),
        }[kind];
        const response = await deliver.stripe(stripeRequest(stripe.connection.id, body, signature), stripe.connection.id);
        await expectAnswered(response);
        // Signed means: a signature over exactly these bytes (text that is not valid UTF-8 is not what was signed).
        const signed = validForBytes && (kind === "valid" || (kind === "stale" && text === base));
        (signed ? goodKeys : badKeys).add(deliveryDedupKey("STRIPE", stripe.connection.id, body));
        if (!signed) expect(response.status).toBe(401);
      }),
      { numRuns: RUNS, seed: 7002 },
    );
    expect(await storedUnder(badKeys, goodKeys)).toBe(0);
  });

  it("Shopify: never a 5xx, nothing stored without the right signature", async () => {
    const base = JSON.stringify(orderWith({ financial_status: "paid" }));
    const headers = fc.record({
      topic: fc.constantFrom("orders/paid", "orders/create", "refunds/create", "", "not a topic", "orders/paid\u0000"),
      webhookId: fc.oneof(fc.uuid(), fc.constant(""), fc.string({ maxLength: 300 })),
    });
    const badKeys = new Set<string>();
    const goodKeys = new Set<string>();
    await fc.assert(
      fc.asyncProperty(mutatedBody(base), signatureKind, headers, async (body, kind, h) => {
        const signature = {
          valid: hmacSha256Base64(shopify.webhookSecret, body),
          stale: hmacSha256Base64(shopify.webhookSecret, Buffer.from(base)),
          garbage: randomUUID(),
          missing: null,
          "other-secret": hmacSha256Base64("shpss_someone_else", body),
        }[kind];
        let request: Request;
        try {
          request = shopifyRequest(shopify.connection.id, body, signature, h);
        } catch {
          return; // a header value fetch itself refuses to send (e.g. a NUL): no server would see it
        }
        const response = await deliver.shopify(request, shopify.connection.id);
        await expectAnswered(response);
        const signed = signature === hmacSha256Base64(shopify.webhookSecret, body);
        const distinctBy = `${request.headers.get("x-shopify-topic") ?? ""}\n${request.headers.get("x-shopify-webhook-id") ?? ""}`;
        (signed ? goodKeys : badKeys).add(deliveryDedupKey("SHOPIFY", shopify.connection.id, body, distinctBy));
        if (!signed) expect(response.status).toBe(401);
      }),
      { numRuns: RUNS, seed: 7003 },
    );
    expect(await storedUnder(badKeys, goodKeys)).toBe(0);
  });
});
