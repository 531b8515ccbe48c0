-- The shared QuickBooks budget (lib/qbo/budget): a log of the calls made to each company in the last few
-- minutes, by every app process, with a lease on the ones still in flight, and a hold after a 429. One
-- function call admits a call atomically (a per-realm advisory lock serialises the check and the insert), so
-- the idle path costs one statement to acquire and one to release. Only additions.

-- CreateTable
CREATE TABLE "QboBudgetCall" (
    "id" BIGSERIAL NOT NULL,
    "realmId" TEXT NOT NULL,
    -- 'read' | 'write': a real call; 'fill': what a 429 showed we had not counted; 'throttled': a 429 seen (weight 0).
    "access" TEXT NOT NULL,
    "batch" BOOLEAN NOT NULL DEFAULT false,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT clock_timestamp(),
    -- Set while the call is in flight; NULL once released. A crashed process's lease simply expires.
    "expiresAt" TIMESTAMPTZ(6),

    CONSTRAINT "QboBudgetCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QboRealmHold" (
    "realmId" TEXT NOT NULL,
    "until" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "QboRealmHold_pkey" PRIMARY KEY ("realmId")
);

-- CreateIndex
CREATE INDEX "QboBudgetCall_realmId_startedAt_idx" ON "QboBudgetCall"("realmId", "startedAt");

-- CreateIndex
CREATE INDEX "QboBudgetCall_realmId_expiresAt_idx" ON "QboBudgetCall"("realmId", "expiresAt");

-- Admits one call for a realm or says how long to wait (lease_id NULL, wait_ms > 0). Windows are sliding, as
-- QuickBooks' are: a call counts for window_ms + slack_ms after it was admitted (slack covers the time between
-- this clock and the moment QuickBooks sees the request). The database clock is the one clock of all processes.
CREATE FUNCTION qbo_budget_acquire(
    p_realm TEXT, p_batch BOOLEAN, p_access TEXT, p_window_ms INTEGER, p_slack_ms INTEGER,
    p_max_requests INTEGER, p_max_batches INTEGER, p_max_in_flight INTEGER, p_lease_ms INTEGER
) RETURNS TABLE (lease_id BIGINT, wait_ms INTEGER) LANGUAGE plpgsql AS $$
DECLARE
    v_now TIMESTAMPTZ;
    v_since TIMESTAMPTZ;
    v_until TIMESTAMPTZ;
    v_count BIGINT;
    v_at TIMESTAMPTZ;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('qbo-budget:' || p_realm, 0));
    -- Read the clock after the lock: a waiter must not judge the window by the time it started waiting.
    v_now := clock_timestamp();
    v_since := v_now - make_interval(secs => (p_window_ms + p_slack_ms) / 1000.0);

    SELECT h."until" INTO v_until FROM "QboRealmHold" h WHERE h."realmId" = p_realm;
    IF v_until IS NOT NULL AND v_until > v_now THEN
        RETURN QUERY SELECT NULL::BIGINT, GREATEST(1, CEIL(EXTRACT(EPOCH FROM v_until - v_now) * 1000))::INTEGER;
        RETURN;
    END IF;

    SELECT count(*), min(c."expiresAt") INTO v_count, v_at FROM "QboBudgetCall" c
     WHERE c."realmId" = p_realm AND c."expiresAt" > v_now;
    IF v_count >= p_max_in_flight THEN
        -- Usually a slot frees well before the earliest lease expires; 20 ms is a polling step, not a promise.
        RETURN QUERY SELECT NULL::BIGINT, LEAST(20, GREATEST(1, CEIL(EXTRACT(EPOCH FROM v_at - v_now) * 1000)))::INTEGER;
        RETURN;
    END IF;

    -- The call at which the window falls back under the limit leaves it (window + slack) after it started.
    SELECT w."startedAt" INTO v_at FROM (
        SELECT c."startedAt", sum(c.weight) OVER (ORDER BY c."startedAt" DESC, c.id DESC) AS newer
          FROM "QboBudgetCall" c WHERE c."realmId" = p_realm AND c."startedAt" > v_since AND c.weight > 0
    ) w WHERE w.newer >= p_max_requests ORDER BY w."startedAt" DESC LIMIT 1;
    IF v_at IS NULL AND p_batch THEN
        SELECT w."startedAt" INTO v_at FROM (
            SELECT c."startedAt", sum(c.weight) OVER (ORDER BY c."startedAt" DESC, c.id DESC) AS newer
              FROM "QboBudgetCall" c WHERE c."realmId" = p_realm AND c."startedAt" > v_since AND c.batch
        ) w WHERE w.newer >= p_max_batches ORDER BY w."startedAt" DESC LIMIT 1;
    END IF;
    IF v_at IS NOT NULL THEN
        RETURN QUERY SELECT NULL::BIGINT, GREATEST(1, CEIL(EXTRACT(EPOCH FROM v_at - v_since) * 1000))::INTEGER;
        RETURN;
    END IF;

    -- Old rows go as new ones come, so the log stays a few minutes long without a separate sweep.
    DELETE FROM "QboBudgetCall" c WHERE c."realmId" = p_realm AND c."startedAt" < v_now - make_interval(secs => GREATEST(2 * (p_window_ms + p_slack_ms), 2 * p_lease_ms) / 1000.0)
       AND (c."expiresAt" IS NULL OR c."expiresAt" < v_now);

    RETURN QUERY INSERT INTO "QboBudgetCall" ("realmId", "access", "batch", "weight", "startedAt", "expiresAt")
        VALUES (p_realm, p_access, p_batch, 1, v_now, v_now + make_interval(secs => p_lease_ms / 1000.0))
        RETURNING id, 0;
END
$$;

-- QuickBooks answered 429: it counts more calls than we did (another app on the company, or calls made
-- outside the budget). Fill the window up to the limit from now, so calls resume only as old ones leave it,
-- and hold the realm until the Retry-After has passed.
CREATE FUNCTION qbo_budget_throttled(
    p_realm TEXT, p_hold_ms INTEGER, p_window_ms INTEGER, p_slack_ms INTEGER, p_max_requests INTEGER
) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    v_now TIMESTAMPTZ;
    v_count BIGINT;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('qbo-budget:' || p_realm, 0));
    v_now := clock_timestamp();
    SELECT COALESCE(sum(c.weight), 0) INTO v_count FROM "QboBudgetCall" c
     WHERE c."realmId" = p_realm AND c."startedAt" > v_now - make_interval(secs => (p_window_ms + p_slack_ms) / 1000.0);
    INSERT INTO "QboBudgetCall" ("realmId", "access", "weight", "startedAt") VALUES (p_realm, 'throttled', 0, v_now);
    IF v_count < p_max_requests THEN
        INSERT INTO "QboBudgetCall" ("realmId", "access", "weight", "startedAt") VALUES (p_realm, 'fill', p_max_requests - v_count, v_now);
    END IF;
    IF p_hold_ms > 0 THEN
        INSERT INTO "QboRealmHold" ("realmId", "until") VALUES (p_realm, v_now + make_interval(secs => p_hold_ms / 1000.0))
        ON CONFLICT ("realmId") DO UPDATE SET "until" = GREATEST("QboRealmHold"."until", EXCLUDED."until");
    END IF;
END
$$;
