import { z } from "zod";
import { canonicalKey } from "../../canonical";
import { db } from "../../db";
import { ShopifyIdSchema } from "./schemas";

// The refunds/create body does not carry the order's `taxes_included`; the order's SALE, derived earlier from its
// orders/create or orders/paid, does: every tax line of a Shopify SALE is marked inclusive exactly when the order
// said taxes_included (to-sale.ts). Read from our own books, so no Shopify API access is needed.

const RefundOrderSchema = z.looseObject({ order_id: ShopifyIdSchema });
const TaxedSaleSchema = z.looseObject({
  taxes: z.array(z.looseObject({ inclusive: z.boolean() })).default([]),
  lines: z.array(z.looseObject({ taxes: z.array(z.looseObject({ inclusive: z.boolean() })).default([]) })).default([]),
});

/** The refunded order's `taxes_included`, or undefined when its sale is not in the books or carries no tax. */
export async function orderTaxesIncluded(workspaceId: string, refundBody: unknown): Promise<boolean | undefined> {
  const refund = RefundOrderSchema.safeParse(refundBody);
  if (!refund.success) return undefined; // the normaliser reports the malformed body itself
  const sale = await db.canonicalEvent.findUnique({
    where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: canonicalKey({ source: "SHOPIFY", kind: "SALE", sourceIds: { object: refund.data.order_id } }) } },
    select: { data: true },
  });
  const taxed = TaxedSaleSchema.safeParse(sale?.data);
  if (!taxed.success) return undefined;
  const taxes = [...taxed.data.taxes, ...taxed.data.lines.flatMap((line) => line.taxes)];
  return taxes[0]?.inclusive;
}
