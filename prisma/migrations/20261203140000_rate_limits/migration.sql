-- Rate limits counted in PostgreSQL (lib/rate-limit), so they hold across every app process: one row per
-- limited subject (a hashed API key id, address or email, a workspace) and fixed window, incremented by one
-- upsert per request. Rows past their window are deleted as new windows open. Only additions.

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(6) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "RateLimitCounter_expiresAt_idx" ON "RateLimitCounter"("expiresAt");
