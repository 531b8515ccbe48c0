-- The mapping screens: each saved version keeps its diff against the one before and its author; each mapped
-- account keeps its QuickBooks type, so the ledger can refuse a misfit without reading QuickBooks; and the
-- company's accounts, items and tax codes are cached per connection (QboReferenceRow), refreshed on request.

-- AlterTable
ALTER TABLE "MappingVersion" ADD COLUMN "diff" JSONB;

-- AlterTable
ALTER TABLE "AccountMapping" ADD COLUMN "qboAccountType" TEXT;

-- CreateTable
CREATE TABLE "QboReferenceRow" (
    "qboConnectionId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "qboId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "accountType" TEXT,
    "accountSubType" TEXT,
    "incomeAccountId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "refreshedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QboReferenceRow_pkey" PRIMARY KEY ("qboConnectionId","entity","qboId")
);

-- AddForeignKey
ALTER TABLE "QboReferenceRow" ADD CONSTRAINT "QboReferenceRow_qboConnectionId_fkey" FOREIGN KEY ("qboConnectionId") REFERENCES "QboConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MappingVersion" ADD CONSTRAINT "MappingVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- At most one ACTIVE version per QuickBooks connection, whatever two activations racing do (Prisma cannot say a
-- partial unique index; lib/mappings/activate-mapping-version.ts also locks the connection's versions).
CREATE UNIQUE INDEX "MappingVersion_one_active_per_connection" ON "MappingVersion"("qboConnectionId") WHERE "status" = 'ACTIVE';
