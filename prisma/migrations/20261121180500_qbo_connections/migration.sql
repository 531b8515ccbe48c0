-- DropIndex
DROP INDEX "QboConnection_environment_realmId_key";

-- AlterTable
ALTER TABLE "QboConnection" ADD COLUMN     "hardExpiryWarnedAt" TIMESTAMP(3),
ADD COLUMN     "lastErrorCode" TEXT,
ADD COLUMN     "lastErrorMessage" TEXT,
ADD COLUMN     "rollingExpiryWarnedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "QboOAuthState" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "environment" "QboEnvironment" NOT NULL,
    "connectionId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QboOAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QboApiUsage" (
    "connectionId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "reads" INTEGER NOT NULL DEFAULT 0,
    "writes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QboApiUsage_pkey" PRIMARY KEY ("connectionId","day")
);

-- CreateIndex
CREATE INDEX "QboOAuthState_expiresAt_idx" ON "QboOAuthState"("expiresAt");

-- CreateIndex
CREATE INDEX "QboConnection_environment_realmId_idx" ON "QboConnection"("environment", "realmId");

-- CreateIndex
CREATE UNIQUE INDEX "QboConnection_workspaceId_environment_realmId_key" ON "QboConnection"("workspaceId", "environment", "realmId");

-- AddForeignKey
ALTER TABLE "QboApiUsage" ADD CONSTRAINT "QboApiUsage_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "QboConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;


