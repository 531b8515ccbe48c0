-- Self-serve sources (settings › Sources): each source posts into one QuickBooks company of its workspace, a new
-- Stripe connection can wait for the signing secret Stripe shows only after its endpoint exists, and rotation,
-- pause and disconnect keep their times. Only additions; existing connections keep working as they are (not
-- awaiting a secret, not rotating, no company chosen until someone picks one).

-- AlterTable
ALTER TABLE "SourceConnection" ADD COLUMN "qboConnectionId" TEXT,
ADD COLUMN "awaitingWebhookSecret" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "rotationStartedAt" TIMESTAMP(3),
ADD COLUMN "pausedAt" TIMESTAMP(3),
ADD COLUMN "disconnectedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "SourceConnection_qboConnectionId_idx" ON "SourceConnection"("qboConnectionId");

-- AddForeignKey
ALTER TABLE "SourceConnection" ADD CONSTRAINT "SourceConnection_qboConnectionId_fkey" FOREIGN KEY ("qboConnectionId") REFERENCES "QboConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;
