-- The workspace settings the ledger reads, saved with each mapping version: sales as a SalesReceipt or an Invoice
-- with its Payment, refunds as a RefundReceipt or a CreditMemo paid out of clearing. Versions saved before this
-- booked with the defaults, so the default fills them in.

-- AlterTable
ALTER TABLE "MappingVersion" ADD COLUMN "settings" JSONB NOT NULL DEFAULT '{"sales": "SalesReceipt", "refunds": "RefundReceipt"}';
