import type { ApiEventOf } from "./schema";

/**
 * One realistic event for the API docs page: an online sale of two bags of coffee to a New York customer, 8.875 %
 * sales tax on the goods, 5.00 shipping, paid by card (the payment provider kept 1.14). Its numbers add up the way
 * every sale's must: lines 22.00 + tax 1.95 + shipping 5.00 = 28.95.
 */
export const API_EVENT_EXAMPLE: ApiEventOf<"sale"> = {
  type: "sale",
  id: "order_1001",
  source_ids: { payment: "pay_8812" },
  occurred_at: "2026-03-14T09:26:53-05:00",
  currency: "USD",
  amount_minor: 2895,
  description: "Online order 1001",
  tags: { channel: "online" },
  customer: { id: "cus_42", name: "Ada Lovelace", email: "ada@example.com" },
  lines: [
    {
      description: "Espresso beans, 1 kg",
      quantity: "2",
      unit_amount_minor: 1100,
      amount_minor: 2200,
      sku: "BEANS-1KG",
      category: "coffee",
      tax_lines: [{ name: "NY State Sales Tax", rate_percent: "8.875", jurisdiction: "US-NY", amount_minor: 195, inclusive: false }],
    },
  ],
  shipping_minor: 500,
  fee_minor: 114,
};
