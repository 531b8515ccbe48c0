import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { fixture } from "./test-kit";
import { verifyStripeSignature } from "./verify-webhook";

const SECRET = "whsec_ledgerwire_verify_test";
// The fixture event as Stripe delivers it; only the signature time differs between cases.
const body = JSON.stringify(fixture("event"));
const bytes = new TextEncoder().encode(body);
const SIGNED_AT = 1_767_225_600; // 2026-01-01T00:00:00Z, in unix seconds as Stripe's `t=` carries it

function signedAt(timestamp: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp });
}

describe("verifyStripeSignature", () => {
  it("accepts a signature within Stripe's 300-second tolerance of the time given", () => {
    expect(verifyStripeSignature(bytes, signedAt(SIGNED_AT), [SECRET], SIGNED_AT + 300)).toBe(true);
  });

  it("refuses a signature 301 seconds older than the time given: a replayed capture", () => {
    expect(verifyStripeSignature(bytes, signedAt(SIGNED_AT), [SECRET], SIGNED_AT + 301)).toBe(false);
  });

  // Stripe's package throws a plain Error ("secureCompare must receive two arguments") for an empty v1, which
  // is not its signature error: the route answered 500 for what is simply a wrong signature.
  it.each([`t=${SIGNED_AT},v1=`, `t=${SIGNED_AT},v1`, "t=1,v1=", `t=${SIGNED_AT},v1=,v1=`, `${signedAt(SIGNED_AT).replace(/v1=[0-9a-f]+/, "v1=")}`])(
    "refuses the header %j, with an empty signature, as not valid",
    (header) => {
      expect(verifyStripeSignature(bytes, header, [SECRET], SIGNED_AT)).toBe(false);
    },
  );

  it("still accepts a valid signature next to an empty one", () => {
    expect(verifyStripeSignature(bytes, `${signedAt(SIGNED_AT)},v1=`, [SECRET], SIGNED_AT)).toBe(true);
  });

  it("refuses a signature made with another secret", () => {
    expect(verifyStripeSignature(bytes, signedAt(SIGNED_AT), ["whsec_someone_else"], SIGNED_AT)).toBe(false);
  });
});
