import { kickDispatcher } from "../jobs/dispatch";
import { createGroupCommit } from "./group-commit";
import { storeDeliveries, type DeliveryInput, type DeliveryResult } from "./store-deliveries";

const submit = createGroupCommit<DeliveryInput, DeliveryResult>(storeDeliveries);

/**
 * Stores a verified delivery durably (synchronous commit) and returns once it is on disk; only then may the
 * route acknowledge it. The outbox rows it wrote are sent to Inngest by the dispatcher, which this kicks: kicks
 * from many requests coalesce into one batched send, where one send per request would halve throughput.
 */
export async function recordDelivery(delivery: DeliveryInput): Promise<DeliveryResult> {
  const result = await submit(delivery);
  if (result.newEvents > result.unrouted) kickDispatcher();
  return result;
}
