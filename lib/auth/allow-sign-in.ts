import type { Account, Profile } from "next-auth";

// Auth.js's signIn callback: the last word on whether a sign-in that the provider accepted may go on.
// Sign in with Intuit finds, creates or links the account by the email Intuit reports, so that email must be
// one Intuit verified (its userinfo's camelCase `emailVerified`): an unverified one is only what someone typed
// into their Intuit profile, and would let them in as whoever owns that address here. Email links prove the
// address by being opened; the demo picker exists only in demo mode.

export function allowSignIn(input: { account?: Pick<Account, "provider" | "type" | "providerAccountId"> | null; profile?: Profile | Record<string, unknown> }): boolean {
  if (input.account?.provider !== "intuit") return true;
  return (input.profile as Record<string, unknown> | undefined)?.emailVerified === true;
}
