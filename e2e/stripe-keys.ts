import { DEMO_STRIPE_SOURCE } from "../lib/demo/demo-sources";

// The restricted keys the end-to-end run's Stripe stand-in knows (scripts/e2e.ts starts it): the demo key reads
// everything the app needs; the other may read balance transactions but not tax rates, as a key made with one
// permission forgotten would. Not secrets: they open only the local stand-in.
export const E2E_STRIPE_KEYS = {
  good: DEMO_STRIPE_SOURCE.apiKey,
  balanceOnly: "rk_test_e2e_balance_only_not_a_secret",
} as const;
