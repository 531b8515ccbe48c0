import { describe, expect, it } from "vitest";
import { allowSignIn } from "./allow-sign-in";

// Sign in with Intuit finds or creates the account by the email Intuit reports. An address Intuit has not
// verified is only what someone typed into their Intuit profile: trusting it would let them sign in as (or be
// invited in place of) whoever owns that address here.

const intuit = { provider: "intuit", type: "oidc" as const, providerAccountId: "sub-1" };

describe("allowSignIn", () => {
  it("refuses Sign in with Intuit when Intuit has not verified the email", () => {
    expect(allowSignIn({ account: intuit, profile: { sub: "sub-1", email: "owner@example.test", emailVerified: false } })).toBe(false);
    expect(allowSignIn({ account: intuit, profile: { sub: "sub-1", email: "owner@example.test" } })).toBe(false);
    expect(allowSignIn({ account: intuit, profile: { sub: "sub-1", email: "owner@example.test", emailVerified: "true" } })).toBe(false);
  });

  it("lets a verified Intuit email in, and leaves the other methods to their own checks", () => {
    expect(allowSignIn({ account: intuit, profile: { sub: "sub-1", email: "owner@example.test", emailVerified: true } })).toBe(true);
    expect(allowSignIn({ account: { provider: "email", type: "email", providerAccountId: "x" } })).toBe(true);
    expect(allowSignIn({ account: { provider: "demo", type: "credentials", providerAccountId: "x" } })).toBe(true);
  });
});
