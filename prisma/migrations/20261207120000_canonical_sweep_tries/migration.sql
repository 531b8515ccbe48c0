-- The catch-up sweep offers canonical events never planned after the grace period to the sync pipeline again
-- (their sync/event.ready was lost with an executor's runs); these columns count its tries, so that after the
-- last one the event is marked FAILED with an exception instead of being offered every minute for ever.
-- CanonicalEvent has no immutability trigger (only the raw deliveries and inbound events do), so nothing else
-- is needed for the sweep to write them.
ALTER TABLE "CanonicalEvent" ADD COLUMN "sweepTries" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "lastSweptAt" TIMESTAMP(3);
