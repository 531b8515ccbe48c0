// The largest webhook body accepted. Shopify's biggest order payloads are a few hundred KiB; QuickBooks and
// Stripe send a few KiB. Anything larger is refused with 413 before it is buffered.
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
