import type { CanonicalEvent, CanonicalOf } from "../../canonical";
import { convertEvent } from "../currency/convert-event";
import type { CurrencyPlan } from "../currency/currency-plan";
import { accountFor, type Ctx } from "../shared/context";
import { journalEntry, ledgerLine, posting } from "../shared/document";
import type { PlannedPosting } from "../types/plan";
import { clearing, customerRef, feeJournal, fxRoundingJournal } from "./common";
import { salesDocument, type DocumentInput } from "./sales-document";

// A refund, booked in the period of the refund against revenue and out of clearing (ACCOUNTING-FACTS:
// refunds). Its lines: the source's when it says which lines were refunded; else the original sale's lines and
// tax in proportion (when the pipeline passes the original sale); else one line for the amount, untaxed. The
// items are the "refunds" mapping when there is one (a contra-income item), else the sale's revenue items.
//  - RefundReceipt (default): Cr clearing the total, Dr income, Dr tax.
//  - CreditMemoAndRefund: a CreditMemo (Cr A/R, Dr income, Dr tax) and a journal entry paying the credit out
//    of clearing (Dr A/R for the customer, Cr clearing), so the customer's balance returns to zero.
// A fee the processor gave back returns from the fee expense to clearing.

function refundedLines(refund: CanonicalOf<"REFUND">, original: CanonicalEvent | undefined): DocumentInput {
  if (refund.lines.length > 0) return { lines: refund.lines, taxes: refund.taxes, shippingMinor: refund.shippingMinor, itemPrefix: ["refunds"], what: "refund" };
  if (original?.kind === "SALE" && original.amountMinor > 0) {
    const share = convertEvent(original, refund.currency, refund.amountMinor) as CanonicalOf<"SALE">;
    return { lines: share.lines, taxes: share.taxes, shippingMinor: share.shippingMinor, itemPrefix: ["refunds"], what: "refund" };
  }
  const line = { description: `Refund of ${refund.originalSourceId}${refund.reason ? ` (${refund.reason})` : ""}`, quantity: "1", amountMinor: refund.amountMinor, taxes: [] };
  return { lines: [line], taxes: [], itemPrefix: ["refunds"], what: "refund" };
}

export function planRefund(ctx: Ctx, cp: CurrencyPlan, original: CanonicalEvent | undefined): PlannedPosting[] {
  const refund = cp.event as CanonicalOf<"REFUND">;
  const currency = refund.currency;
  const doc = salesDocument(ctx, refundedLines(refund, original), currency);
  const memo = `${ctx.sourceName} refund ${refund.sourceIds.object} of ${refund.originalSourceId}.${refund.reason ? ` Reason: ${refund.reason}.` : ""}${cp.memo}`;
  const reversed = doc.ledger.map((l) => ({ ...l, debitMinor: l.creditMinor, creditMinor: l.debitMinor }));
  const postings: PlannedPosting[] = [];
  if (ctx.mapping.settings.refunds === "RefundReceipt") {
    const account = accountFor(ctx, clearing(ctx).categories, "clearing", clearing(ctx).what);
    const customer = refund.customer ? customerRef(ctx, refund.customer, currency) : undefined;
    postings.push(
      posting(ctx, {
        target: "RefundReceipt",
        entityType: "RefundReceipt",
        body: { ...cp.fields, ...(customer ? { CustomerRef: customer.ref } : {}), DepositToAccountRef: account.ref, Line: doc.Line, ...doc.taxFields },
        amountMinor: doc.totalMinor,
        currency,
        lines: [ledgerLine(account.category, account.entry.qboAccountId, -doc.totalMinor), ...reversed],
        dependsOn: customer ? [customer.dependency] : [],
        notes: [...cp.notes, ...doc.notes],
        memo,
        reference: refund.sourceIds.object,
      }),
    );
  } else {
    const customer = customerRef(ctx, refund.customer, currency);
    postings.push(
      posting(ctx, {
        target: "CreditMemo",
        entityType: "CreditMemo",
        body: { ...cp.fields, CustomerRef: customer.ref, Line: doc.Line, ...doc.taxFields },
        amountMinor: doc.totalMinor,
        currency,
        lines: [ledgerLine("accounts-receivable", undefined, -doc.totalMinor), ...reversed],
        dependsOn: [customer.dependency],
        notes: [...cp.notes, ...doc.notes],
        memo,
        reference: refund.sourceIds.object,
      }),
    );
    const paid = journalEntry(
      ctx,
      "JournalEntry:refund",
      [
        { categories: ["receivable"], role: "receivable", what: "Accounts Receivable (for refunds paid out of credit memos)", signedMinor: doc.totalMinor, entity: { Type: "Customer", EntityRef: customer.ref } },
        { ...clearing(ctx), signedMinor: -doc.totalMinor },
      ],
      currency,
      memo,
      { extra: cp.fields, dependsOn: [customer.dependency] },
    );
    if (paid) postings.push(paid);
  }
  const fee = feeJournal(ctx, "JournalEntry:fee-returned", "processing", refund.feeReturnedMinor, cp, "returned", `${ctx.sourceName} fee returned with refund ${refund.sourceIds.object}.`);
  if (fee) postings.push(fee);
  const fx = fxRoundingJournal(ctx, cp, -1, `${ctx.sourceName} refund ${refund.sourceIds.object}.`);
  if (fx) postings.push(fx);
  return postings;
}
