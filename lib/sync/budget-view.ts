import type { BudgetLeft } from "./choose-write-mode";

// The shared QuickBooks budget's view of a company's current minute, for choose-write-mode.ts. Until the
// budget (lib/qbo/budget) is wired in, nothing is known: rounds try batches and QuickBooks' own 429s (with
// Retry-After) pace them.
export async function budgetLeft(_realmId: string): Promise<BudgetLeft | null> {
  return null;
}
