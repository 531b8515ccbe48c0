-- Stripe and Shopify events are their delivery's whole body: store them once, as the signed bytes in
-- WebhookDelivery.rawBody, and leave InboundEvent.payload null (lib/ingest/inbound-payload.ts reads them back).
-- Rows stored before this keep their payload.
ALTER TABLE "InboundEvent" ALTER COLUMN "payload" DROP NOT NULL;
