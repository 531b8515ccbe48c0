import { deliveryResults, storeDeliveriesParams, STORE_DELIVERIES_SQL, type DeliveryInput, type DeliveryResult, type DeliveryRow } from "./delivery-sql";
import { ingestPool } from "./ingest-pool";

export { deliveryDedupKey, type DeliveryInput, type DeliveryResult, type InboundInput } from "./delivery-sql";

/** Stores deliveries in one statement (one transaction); results are in input order. See delivery-sql.ts. */
export async function storeDeliveries(deliveries: DeliveryInput[]): Promise<DeliveryResult[]> {
  const { ids, params } = storeDeliveriesParams(deliveries);
  const { rows } = await ingestPool().query<DeliveryRow>(STORE_DELIVERIES_SQL, params);
  return deliveryResults(ids, rows);
}
