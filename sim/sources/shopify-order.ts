import { applyRate, decimal } from "./money";
import { gid, moneyBag, shopTime, taxLineJson, type Json, type ShopifyId, type TaxAmount } from "./shopify-shapes";

// The body of `orders/paid` for a US shop (taxes_included false), shaped like the REST order in
// test/payloads/shopify/. All arithmetic is here, in cents: a percentage discount is allocated to each line,
// each tax is computed per line (and on shipping where the state taxes it) and rounded half away from zero,
// and the totals are sums of those parts, so total_price = line items - discounts + shipping + taxes exactly.

export type Address = { firstName: string; lastName: string; address1: string; city: string; zip: string; province: string; provinceCode: string };
export type Jurisdiction = { taxes: { title: string; ratePerMillion: number }[]; taxesShipping: boolean };
export type Product = { productId: number; variantId: number; title: string; variantTitle: string; sku: string; priceMinor: number; grams: number };

export type OrderSpec = {
  id: number;
  number: number;
  createdAt: number;
  token: string;
  checkoutId: number;
  customer: { id: number; email: string; createdAt: number };
  address: Address;
  jurisdiction: Jurisdiction;
  lines: { id: number; product: Product; quantity: number }[];
  discount: { code: string; ratePerMillion: number } | null;
  shipping: { id: ShopifyId; title: string; priceMinor: number };
};

/** One line as booked: what it costs before and after its discount, and its taxes. */
export type PricedLine = OrderSpec["lines"][number] & { grossMinor: number; discountMinor: number; taxes: TaxAmount[] };

export type PricedOrder = {
  spec: OrderSpec;
  lines: PricedLine[];
  shippingTaxes: TaxAmount[];
  totals: { lineItems: number; discounts: number; subtotal: number; shipping: number; tax: number; total: number };
};

export function priceOrder(spec: OrderSpec): PricedOrder {
  const taxesOn = (amount: number) => spec.jurisdiction.taxes.map((t) => ({ ...t, amountMinor: applyRate(amount, t.ratePerMillion) }));
  const lines = spec.lines.map((line) => {
    const grossMinor = line.product.priceMinor * line.quantity;
    const discountMinor = spec.discount ? applyRate(grossMinor, spec.discount.ratePerMillion) : 0;
    return { ...line, grossMinor, discountMinor, taxes: taxesOn(grossMinor - discountMinor) };
  });
  const shippingTaxes = spec.jurisdiction.taxesShipping && spec.shipping.priceMinor > 0 ? taxesOn(spec.shipping.priceMinor) : [];
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const lineItems = sum(lines.map((l) => l.grossMinor));
  const discounts = sum(lines.map((l) => l.discountMinor));
  const tax = sum([...lines.flatMap((l) => l.taxes), ...shippingTaxes].map((t) => t.amountMinor));
  const subtotal = lineItems - discounts;
  const shipping = spec.shipping.priceMinor;
  return { spec, lines, shippingTaxes, totals: { lineItems, discounts, subtotal, shipping, tax, total: subtotal + shipping + tax } };
}

export function lineItemJson(line: PricedLine, discountIndex: number | null): Json {
  const { product } = line;
  return {
    id: line.id,
    admin_graphql_api_id: gid("LineItem", line.id),
    attributed_staffs: [],
    current_quantity: line.quantity,
    fulfillable_quantity: line.quantity,
    fulfillment_service: "manual",
    fulfillment_status: null,
    gift_card: false,
    grams: product.grams,
    name: `${product.title} - ${product.variantTitle}`,
    price: decimal(product.priceMinor),
    price_set: moneyBag(product.priceMinor),
    product_exists: true,
    product_id: product.productId,
    properties: [],
    quantity: line.quantity,
    requires_shipping: true,
    sku: product.sku,
    taxable: true,
    title: product.title,
    total_discount: "0.00", // deprecated by Shopify; discounts live in discount_allocations
    total_discount_set: moneyBag(0),
    variant_id: product.variantId,
    variant_inventory_management: "shopify",
    variant_title: product.variantTitle,
    vendor: "Acme Outdoor",
    tax_lines: line.taxes.map(taxLineJson),
    duties: [],
    discount_allocations:
      discountIndex === null || line.discountMinor === 0
        ? []
        : [{ amount: decimal(line.discountMinor), amount_set: moneyBag(line.discountMinor), discount_application_index: discountIndex }],
  };
}

/** Order-level tax_lines: each tax summed over lines and shipping, as Shopify reports them. */
function orderTaxLines(order: PricedOrder): Json[] {
  const byTitle = new Map<string, TaxAmount>();
  for (const tax of [...order.lines.flatMap((l) => l.taxes), ...order.shippingTaxes]) {
    const seen = byTitle.get(tax.title);
    byTitle.set(tax.title, { ...tax, amountMinor: (seen?.amountMinor ?? 0) + tax.amountMinor });
  }
  return [...byTitle.values()].map(taxLineJson);
}

function addressJson(a: Address): Json {
  const name = `${a.firstName} ${a.lastName}`;
  return { first_name: a.firstName, address1: a.address1, phone: null, city: a.city, zip: a.zip, province: a.province, country: "United States", last_name: a.lastName, address2: "", company: null, latitude: null, longitude: null, name, country_code: "US", province_code: a.provinceCode };
}

function customerJson(spec: OrderSpec, at: string): Json {
  const { customer: c, address: a } = spec;
  return {
    id: c.id,
    email: c.email,
    created_at: shopTime(c.createdAt),
    updated_at: at,
    first_name: a.firstName,
    last_name: a.lastName,
    state: "enabled",
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    phone: null,
    email_marketing_consent: { state: "not_subscribed", opt_in_level: "single_opt_in", consent_updated_at: null },
    sms_marketing_consent: null,
    tags: "",
    currency: "USD",
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", c.id),
    default_address: { ...addressJson(a), id: c.id + 1, customer_id: c.id, country_name: "United States", default: true },
  };
}

export function orderJson(order: PricedOrder, shopDomain: string): Json {
  const { spec, totals } = order;
  const at = shopTime(spec.createdAt);
  const { address: a, customer: c } = spec;
  const pair = (field: string, minor: number) => ({ [field]: decimal(minor), [`${field}_set`]: moneyBag(minor) });
  const discountCodes = spec.discount ? [{ code: spec.discount.code, amount: decimal(totals.discounts), type: "percentage" }] : [];
  return {
    id: spec.id,
    admin_graphql_api_id: gid("Order", spec.id),
    app_id: 580111, // Shopify's Online Store channel
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: null,
    cancelled_at: null,
    cart_token: null,
    checkout_id: spec.checkoutId,
    checkout_token: spec.token.slice(0, 32),
    client_details: { accept_language: "en-US", browser_height: null, browser_ip: null, browser_width: null, session_hash: null, user_agent: null },
    closed_at: null,
    confirmation_number: spec.token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: c.email,
    created_at: at,
    currency: "USD",
    ...pair("current_subtotal_price", totals.subtotal),
    current_total_additional_fees_set: null,
    ...pair("current_total_discounts", totals.discounts),
    current_total_duties_set: null,
    ...pair("current_total_price", totals.total),
    ...pair("current_total_tax", totals.tax),
    customer_locale: "en-US",
    device_id: null,
    discount_codes: discountCodes,
    duties_included: false,
    email: c.email,
    estimated_taxes: false,
    financial_status: "paid",
    fulfillment_status: null,
    landing_site: "/",
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: "MTU0ODM4MDAwOQ",
    merchant_of_record_app_id: null,
    name: `#${spec.number}`,
    note: null,
    note_attributes: [],
    number: spec.number - 1000,
    order_number: spec.number,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    order_status_url: `https://${shopDomain}/orders/${spec.token}/authenticate?key=${spec.token.slice(0, 16)}`,
    payment_gateway_names: ["shopify_payments"],
    phone: null,
    po_number: null,
    presentment_currency: "USD",
    processed_at: at,
    reference: null,
    referring_site: "",
    source_identifier: null,
    source_name: "web",
    source_url: null,
    ...pair("subtotal_price", totals.subtotal),
    tags: "",
    tax_exempt: false,
    tax_lines: orderTaxLines(order),
    taxes_included: false,
    test: false,
    token: spec.token,
    total_cash_rounding_payment_adjustment_set: moneyBag(0),
    total_cash_rounding_refund_adjustment_set: moneyBag(0),
    ...pair("total_discounts", totals.discounts),
    ...pair("total_line_items_price", totals.lineItems),
    total_outstanding: "0.00",
    ...pair("total_price", totals.total),
    total_shipping_price_set: moneyBag(totals.shipping),
    ...pair("total_tax", totals.tax),
    total_tip_received: "0.00",
    total_weight: order.lines.reduce((g, l) => g + l.product.grams * l.quantity, 0),
    updated_at: at,
    user_id: null,
    billing_address: addressJson(a),
    customer: customerJson(spec, at),
    discount_applications: spec.discount
      ? [{ target_type: "line_item", type: "discount_code", value: (spec.discount.ratePerMillion / 10_000).toFixed(1), value_type: "percentage", allocation_method: "across", target_selection: "all", code: spec.discount.code }]
      : [],
    fulfillments: [],
    line_items: order.lines.map((line) => lineItemJson(line, spec.discount ? 0 : null)),
    payment_terms: null,
    refunds: [],
    shipping_address: addressJson(a),
    shipping_lines: [
      {
        id: spec.shipping.id,
        carrier_identifier: null,
        code: spec.shipping.title,
        discounted_price: decimal(spec.shipping.priceMinor),
        discounted_price_set: moneyBag(spec.shipping.priceMinor),
        is_removed: false,
        phone: null,
        price: decimal(spec.shipping.priceMinor),
        price_set: moneyBag(spec.shipping.priceMinor),
        requested_fulfillment_service_id: null,
        source: "shopify",
        title: spec.shipping.title,
        tax_lines: order.shippingTaxes.map(taxLineJson),
        discount_allocations: [],
      },
    ],
  };
}
