-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "dedupKey" TEXT NOT NULL,
ADD COLUMN     "sourceConnectionId" TEXT;

-- CreateTable
CREATE TABLE "IngestRejection" (
    "id" TEXT NOT NULL,
    "source" "EventSource" NOT NULL,
    "scope" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IngestRejection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiIdempotencyKey" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiIdempotencyKey_pkey" PRIMARY KEY ("workspaceId","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "IngestRejection_source_scope_reason_day_key" ON "IngestRejection"("source", "scope", "reason", "day");

-- CreateIndex
CREATE INDEX "ApiIdempotencyKey_createdAt_idx" ON "ApiIdempotencyKey"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_dedupKey_key" ON "WebhookDelivery"("dedupKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_sourceConnectionId_receivedAt_idx" ON "WebhookDelivery"("sourceConnectionId", "receivedAt");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_sourceConnectionId_fkey" FOREIGN KEY ("sourceConnectionId") REFERENCES "SourceConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiIdempotencyKey" ADD CONSTRAINT "ApiIdempotencyKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Unrouted QuickBooks notifications have no workspace; with NULLS NOT DISTINCT their duplicates collapse on the
-- same unique index as everyone else's (Prisma's schema language cannot express this; the index keeps its name
-- and columns, so `prisma migrate diff` sees no drift).
DROP INDEX "InboundEvent_workspaceId_source_externalId_key";
CREATE UNIQUE INDEX "InboundEvent_workspaceId_source_externalId_key" ON "InboundEvent"("workspaceId", "source", "externalId") NULLS NOT DISTINCT;

-- Raw events are immutable: what arrived is evidence, and replays re-derive canonical events from it. Status
-- columns may change, foreign keys may be nulled when what they point to is deleted, and rows may be deleted
-- with their workspace; the received bytes and the fields taken from them may not be edited.
CREATE FUNCTION ledgerwire_refuse_raw_event_edit() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'raw events are immutable: % % cannot be edited', TG_TABLE_NAME, OLD.id
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "WebhookDelivery_immutable"
  BEFORE UPDATE OF "dedupKey", "source", "receivedAt", "headers", "rawBody", "signatureValid", "parseError" ON "WebhookDelivery"
  FOR EACH ROW EXECUTE FUNCTION ledgerwire_refuse_raw_event_edit();

CREATE TRIGGER "InboundEvent_immutable"
  BEFORE UPDATE OF "workspaceId", "source", "externalId", "eventType", "payload", "occurredAt", "receivedAt" ON "InboundEvent"
  FOR EACH ROW EXECUTE FUNCTION ledgerwire_refuse_raw_event_edit();
