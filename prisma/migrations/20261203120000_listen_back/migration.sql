-- Listening back to QuickBooks (lib/listen-back): drift found on entities Ledgerwire posted, where each
-- company's CDC catch-up has got to, and on each cross-reference the QuickBooks version last read back, so a
-- notification about a change already seen costs no metered read. Only additions: new tables and nullable
-- columns, nothing existing changes.

-- CreateEnum
CREATE TYPE "DriftKind" AS ENUM ('EDITED', 'VOIDED', 'DELETED');

-- AlterTable
ALTER TABLE "QboCrossReference" ADD COLUMN "qboUpdatedAt" TIMESTAMP(3),
ADD COLUMN "qboDeletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PostingDrift" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "postingId" TEXT NOT NULL,
    "qboConnectionId" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "kind" "DriftKind" NOT NULL,
    "syncToken" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "changedAt" TIMESTAMP(3),
    "changedBy" TEXT,
    "intuitTid" TEXT,
    "detectedVia" TEXT NOT NULL,
    "syncExceptionId" TEXT,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostingDrift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QboListenBack" (
    "qboConnectionId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "cdcThrough" TIMESTAMP(3),
    "lastCdcAt" TIMESTAMP(3),
    "lastDailyCdcAt" TIMESTAMP(3),
    "lastNotificationAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QboListenBack_pkey" PRIMARY KEY ("qboConnectionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PostingDrift_postingId_kind_syncToken_key" ON "PostingDrift"("postingId", "kind", "syncToken");

-- CreateIndex
CREATE INDEX "PostingDrift_workspaceId_detectedAt_idx" ON "PostingDrift"("workspaceId", "detectedAt");

-- AddForeignKey
ALTER TABLE "PostingDrift" ADD CONSTRAINT "PostingDrift_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostingDrift" ADD CONSTRAINT "PostingDrift_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QboListenBack" ADD CONSTRAINT "QboListenBack_qboConnectionId_fkey" FOREIGN KEY ("qboConnectionId") REFERENCES "QboConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
