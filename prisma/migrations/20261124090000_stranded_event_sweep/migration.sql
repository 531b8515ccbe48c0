-- The catch-up sweep re-dispatches inbound events still RECEIVED after a grace period (an executor that lost
-- accepted runs, a job that never started) and gives up after a bounded number of tries. These columns count
-- its tries; they are status columns, so the raw-event immutability trigger (which lists the received fields)
-- lets them change. The sweep's query uses the existing ("status", "receivedAt") index.
ALTER TABLE "InboundEvent" ADD COLUMN "sweepTries" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "lastSweptAt" TIMESTAMP(3);
