-- API keys get an optional expiry (lib/api-keys): a key is refused once it has passed. NULL: never expires,
-- which every existing key keeps. Only additions.

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "expiresAt" TIMESTAMP(3);
