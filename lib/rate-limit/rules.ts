// Every rate limit the product enforces, in one place (the README's security section lists them). Fixed
// windows: simple to count in one upsert, and at worst twice the limit across a window's edge, which is still a
// ceiling an attacker cannot lift by adding processes or retrying faster.

export type RateLimitRule = {
  /** Names the limit in the 429's details, and keys its counters. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** What is limited, for the sentence a caller reads ("this API key", "this address"). */
  per: string;
};

export const RATE_LIMITS = {
  /** The events API, per API key: a sender well past this should batch (500 events per request). */
  eventsApi: { name: "events-api", limit: 600, windowSeconds: 60, per: "this API key" },
  /** Email sign-in links requested from one address (a script mailing strangers). */
  emailSignInPerAddress: { name: "email-sign-in-address", limit: 20, windowSeconds: 15 * 60, per: "this address" },
  /** Email sign-in links sent to one inbox (flooding someone's mail). */
  emailSignInPerEmail: { name: "email-sign-in-email", limit: 5, windowSeconds: 15 * 60, per: "this email address" },
  /** Invitations sent from one workspace (the product used as a spam relay). */
  invitations: { name: "invitations", limit: 50, windowSeconds: 60 * 60, per: "this workspace" },
} as const satisfies Record<string, RateLimitRule>;
