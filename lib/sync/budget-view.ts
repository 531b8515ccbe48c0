import { sharedQboBudget } from "../qbo/budget";
import type { BudgetLeft } from "./choose-write-mode";

// The shared QuickBooks budget's (lib/qbo/budget) view of a company's current minute, for choose-write-mode.ts:
// requests and batch calls left, from every process. The calls themselves are counted by the client's
// transport; this only reads. A budget that cannot be read says nothing: rounds then try batches, and the
// transport still waits for a slot before each call.
export async function budgetLeft(realmId: string): Promise<BudgetLeft | null> {
  try {
    const left = await sharedQboBudget().remaining(realmId);
    return { requestsLeft: left.requestsLeft, batchesLeft: left.batchesLeft, blockedForMs: left.blockedForMs };
  } catch {
    return null;
  }
}
