-- The sync pipeline (lib/sync): postings carry their plan's order, placeholders and waits, a lease while they
-- are being sent (so two app processes never send one at once), when and how they were sent (so a write whose
-- answer was lost is looked up before it is sent again), shadow and hold state. Customers created in
-- QuickBooks are linked to the source's customer. Workspaces choose holds and what a duplicate document number
-- does; connections can run in shadow mode; exceptions keep the fix and QuickBooks' fault.
ALTER TABLE "Workspace" ADD COLUMN "holdThresholdMinor" BIGINT,
ADD COLUMN "holdTimeoutHours" INTEGER NOT NULL DEFAULT 72,
ADD COLUMN "duplicateDocNumbers" TEXT NOT NULL DEFAULT 'ALLOW';

ALTER TABLE "QboConnection" ADD COLUMN "shadowMode" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "Posting" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "dependsOn" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "waitsForEventIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "waitsUntil" TIMESTAMP(3),
ADD COLUMN "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "claimedUntil" TIMESTAMP(3),
ADD COLUMN "sentAt" TIMESTAMP(3),
ADD COLUMN "sentVia" TEXT,
ADD COLUMN "sentBody" JSONB,
ADD COLUMN "shadow" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "heldAt" TIMESTAMP(3),
ADD COLUMN "holdExpiresAt" TIMESTAMP(3);

CREATE INDEX "Posting_qboConnectionId_status_nextAttemptAt_idx" ON "Posting"("qboConnectionId", "status", "nextAttemptAt");
CREATE INDEX "Posting_canonicalEventId_idx" ON "Posting"("canonicalEventId");

ALTER TABLE "SyncException" ADD COLUMN "suggestedFix" TEXT,
ADD COLUMN "qboFaultCode" TEXT,
ADD COLUMN "intuitTid" TEXT;

CREATE INDEX "SyncException_postingId_idx" ON "SyncException"("postingId");
CREATE INDEX "SyncException_canonicalEventId_idx" ON "SyncException"("canonicalEventId");

CREATE TABLE "QboCustomerLink" (
    "qboConnectionId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "qboId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QboCustomerLink_pkey" PRIMARY KEY ("qboConnectionId","token")
);

ALTER TABLE "QboCustomerLink" ADD CONSTRAINT "QboCustomerLink_qboConnectionId_fkey" FOREIGN KEY ("qboConnectionId") REFERENCES "QboConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
