-- Raw webhook bodies and inbound payloads are written once at ingest, under load, and read rarely (replays,
-- inspection). PostgreSQL compresses values over 2 kB with pglz by default, which cost a measurable share of
-- ingest CPU (docs/BENCHMARKS.md, ingest); kept uncompressed out of line instead, trading disk for throughput.
-- Prisma does not model column storage, so its schema and `migrate diff` are unaffected.
ALTER TABLE "WebhookDelivery" ALTER COLUMN "rawBody" SET STORAGE EXTERNAL;
ALTER TABLE "InboundEvent" ALTER COLUMN "payload" SET STORAGE EXTERNAL;
