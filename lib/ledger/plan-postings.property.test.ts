import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CanonicalEventInput } from "../canonical";
import { planPostings } from "./plan-postings";
import { GB, MAPPING, US, US_MC } from "./test-kit";

// For random valid canonical events of every kind: plans exist, every posting balances, documents total the
// source's amount to the cent, clearing moves by exactly the money that moved, and the same input always gives
// the same plan and request ids (at most 50 characters, one per target).

const base = { source: fc.constant("STRIPE" as const), occurredAt: fc.constant("2026-05-01T10:00:00Z"), id: fc.stringMatching(/^[a-z]{2}_[A-Za-z0-9]{1,24}$/) };
const minor = fc.integer({ min: 1, max: 5_000_000 });

const line = fc.record({
  amountMinor: minor,
  tax: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
  category: fc.constantFrom(undefined, "Books"),
});

const sale = fc.record({ id: base.id, lines: fc.array(line, { minLength: 1, maxLength: 6 }), shipping: fc.option(minor, { nil: undefined }), fee: fc.option(minor, { nil: undefined }) }).map(({ id, lines, shipping, fee }): CanonicalEventInput => {
  const built = lines.map((l, i) => ({
    description: `Line ${i}`,
    quantity: "1",
    amountMinor: l.amountMinor,
    ...(l.category ? { category: l.category } : {}),
    taxes: l.tax === undefined ? [] : [{ name: "NY", ratePercent: "8.875", jurisdiction: "US-NY", amountMinor: l.tax, inclusive: false }],
  }));
  const total = built.reduce((s, l) => s + l.amountMinor + l.taxes.reduce((t, x) => t + x.amountMinor, 0), 0) + (shipping ?? 0);
  return { kind: "SALE", source: "STRIPE", occurredAt: "2026-05-01T10:00:00Z", sourceIds: { object: id }, currency: "USD", amountMinor: total, lines: built, shippingMinor: shipping, feeMinor: fee };
});

const refund = fc.record({ id: base.id, amount: minor, fee: fc.option(minor, { nil: undefined }) }).map(
  ({ id, amount, fee }): CanonicalEventInput => ({ kind: "REFUND", source: "STRIPE", occurredAt: "2026-05-01T10:00:00Z", sourceIds: { object: id }, currency: "USD", amountMinor: amount, originalSourceId: "ch_x", feeReturnedMinor: fee }),
);

const dispute = fc.record({ id: base.id, kind: fc.constantFrom("CHARGEBACK_OPENED" as const, "CHARGEBACK_WON" as const, "CHARGEBACK_LOST" as const), amount: minor, fee: fc.option(minor, { nil: undefined }) }).map(
  ({ id, kind, amount, fee }): CanonicalEventInput => ({ kind, source: "STRIPE", occurredAt: "2026-05-01T10:00:00Z", sourceIds: { object: id }, currency: "USD", amountMinor: amount, disputeSourceId: id, chargeSourceId: "ch_x", feeMinor: fee }),
);

const fee = fc.record({ id: base.id, amount: minor, type: fc.constantFrom("processing" as const, "dispute" as const, "payout" as const, "other" as const) }).map(
  ({ id, amount, type }): CanonicalEventInput => ({ kind: "FEE", source: "STRIPE", occurredAt: "2026-05-01T10:00:00Z", sourceIds: { object: id }, currency: "USD", amountMinor: amount, feeType: type }),
);

const txn = fc.record({ type: fc.constantFrom("charge" as const, "refund" as const, "fee" as const, "dispute" as const), gross: fc.integer({ min: -500_000, max: 5_000_000 }), fee: fc.integer({ min: 0, max: 50_000 }) });
const payout = fc.record({ id: base.id, txns: fc.array(txn, { maxLength: 8 }) }).map(({ id, txns }): CanonicalEventInput => {
  const transactions = txns.map((t, i) => ({ sourceId: `bt_${i}`, type: t.type, grossMinor: t.type === "fee" ? -Math.abs(t.gross) : t.gross, feeMinor: t.type === "fee" ? 0 : t.fee, netMinor: 0 }));
  for (const t of transactions) t.netMinor = t.grossMinor - t.feeMinor;
  const gross = transactions.reduce((s, t) => s + t.grossMinor, 0);
  const fees = transactions.reduce((s, t) => s + t.feeMinor, 0);
  return { kind: "PAYOUT", source: "STRIPE", occurredAt: "2026-05-01T10:00:00Z", sourceIds: { object: id }, currency: "USD", amountMinor: gross - fees, grossMinor: gross, feesMinor: fees, transactions };
});

const payment = fc.record({ id: base.id, applied: fc.array(minor, { maxLength: 4 }), extra: fc.integer({ min: 0, max: 10_000 }) }).map(({ id, applied, extra }): CanonicalEventInput => ({
  kind: "PAYMENT",
  source: "STRIPE",
  occurredAt: "2026-05-01T10:00:00Z",
  sourceIds: { object: id },
  currency: "USD",
  amountMinor: applied.reduce((s, a) => s + a, 0) + extra + 1,
  customer: { sourceId: "cus_1" },
  appliedTo: applied.map((a, i) => ({ invoiceSourceId: `in_${i}`, amountMinor: a })),
  partial: false,
}));

const invoice = sale.map((s): CanonicalEventInput => {
  const { shippingMinor, feeMinor: _fee, ...rest } = s as Extract<CanonicalEventInput, { kind: "SALE" }>;
  return { ...rest, kind: "INVOICE_ISSUED", amountMinor: rest.amountMinor - (shippingMinor ?? 0), customer: { sourceId: "cus_1" } };
});

const subscription = fc.tuple(invoice, fc.boolean(), fc.boolean()).map(([inv, paid, prorated]): CanonicalEventInput => {
  const issued = inv as Extract<CanonicalEventInput, { kind: "INVOICE_ISSUED" }>;
  const lines = issued.lines.map((line, i) => (prorated && i === 0 ? { ...line, proration: true, periodStart: "2026-05-01T00:00:00Z", periodEnd: "2026-05-15T00:00:00Z" } : line));
  return { ...issued, kind: "SUBSCRIPTION_INVOICE", subscriptionSourceId: "sub_1", periodStart: "2026-05-01T00:00:00Z", periodEnd: "2026-06-01T00:00:00Z", lines, paid };
});

const customer = base.id.map((id): CanonicalEventInput => ({ kind: "CUSTOMER_UPSERT", source: "STRIPE", occurredAt: "2026-05-01T10:00:00Z", sourceIds: { object: id }, currency: "USD", amountMinor: 0, customer: { sourceId: id, name: "Jane Doe" } }));

const anyEvent = fc.oneof(sale, refund, dispute, fee, payout, payment, invoice, subscription, customer);

/** What the plan moves in and out of Stripe clearing (account 100). */
function clearingMove(result: ReturnType<typeof planPostings>): number {
  if (!result.ok) return Number.NaN;
  return result.plan.postings.flatMap((p) => p.lines).filter((l) => l.qboAccountId === "100").reduce((s, l) => s + l.debitMinor - l.creditMinor, 0);
}

describe("planPostings properties", () => {
  it("balances, keeps totals, and is deterministic for every kind", () => {
    fc.assert(
      fc.property(anyEvent, fc.constantFrom(US, US_MC, GB), (generated, facts) => {
        // A GB company without multicurrency books pounds: the same events, in its currency.
        const event = facts === GB ? ({ ...generated, currency: "GBP" } as CanonicalEventInput) : generated;
        const first = planPostings(event, MAPPING, facts);
        const second = planPostings(structuredClone(event), structuredClone(MAPPING), facts);
        expect(second).toEqual(first);
        if (!first.ok) throw new Error(first.problems.map((p) => p.message).join("; "));
        const targets = new Set<string>();
        for (const p of first.plan.postings) {
          expect(p.lines.reduce((s, l) => s + l.debitMinor - l.creditMinor, 0)).toBe(0);
          expect(p.requestId.length).toBeLessThanOrEqual(50);
          expect(targets.has(p.target)).toBe(false);
          targets.add(p.target);
          expect(String(p.body.PrivateNote).endsWith(`(Ledgerwire ${first.plan.eventKey})`)).toBe(true);
          if (p.entityType === "JournalEntry") {
            const lines = p.body.Line as { Amount: number; JournalEntryLineDetail: { PostingType: string } }[];
            expect(lines.every((l) => l.Amount > 0)).toBe(true);
          }
        }
        const headline = first.plan.postings[0];
        const e = event as { kind: string; amountMinor: number; feeMinor?: number; feeReturnedMinor?: number };
        if (["SALE", "INVOICE_ISSUED", "SUBSCRIPTION_INVOICE", "REFUND", "PAYMENT", "PAYOUT"].includes(e.kind) && e.amountMinor > 0) expect(headline?.amountMinor).toBe(e.amountMinor);
        // Clearing moves by exactly the money that moved at the processor.
        if (e.kind === "SALE" || e.kind === "PAYMENT") expect(clearingMove(first)).toBe(e.amountMinor - (e.feeMinor ?? 0));
        if (e.kind === "REFUND") expect(clearingMove(first)).toBe(-e.amountMinor + (e.feeReturnedMinor ?? 0));
        if (e.kind === "FEE") expect(clearingMove(first)).toBe(-e.amountMinor);
        // A paid subscription invoice brings its total into clearing; an unpaid one waits on A/R.
        if (e.kind === "SUBSCRIPTION_INVOICE") expect(clearingMove(first)).toBe((event as { paid: boolean }).paid ? e.amountMinor : 0);
        if (e.kind === "CUSTOMER_UPSERT") expect(first.plan.postings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("a payout's bank line is its net to the cent, and clearing gives up the net of what other events booked", () => {
    fc.assert(
      fc.property(payout, (event) => {
        const result = planPostings(event, MAPPING, US);
        if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("; "));
        const p = event as Extract<CanonicalEventInput, { kind: "PAYOUT" }>;
        const bank = result.plan.postings.flatMap((x) => x.lines).filter((l) => l.qboAccountId === "110").reduce((s, l) => s + l.debitMinor - l.creditMinor, 0);
        expect(bank).toBe(p.amountMinor);
        const booked = (p.transactions ?? []).filter((t) => t.type !== "fee").reduce((s, t) => s + t.netMinor, 0);
        expect(clearingMove(result) + 0).toBe(-booked + 0);
      }),
      { numRuns: 300 },
    );
  });
});
