import type { CanonicalOf } from "../../canonical";
import type { CurrencyPlan } from "../currency/currency-plan";
import { accountFor, type Ctx } from "../shared/context";
import { ledgerLine, posting, txnDateOf } from "../shared/document";
import type { PlannedPosting } from "../types/plan";
import { clearing, customerRef, paymentOfOwnInvoice } from "./common";
import { salesDocument } from "./sales-document";

// An invoice (one-off or a subscription's): an Invoice, Dr A/R the total, Cr income per item, Cr tax. Proration
// lines are ordinary lines (a credit for unused time is a negative line), described as prorations with their
// period. A subscription invoice already paid when issued also gets its Payment into clearing, linked to it.

export function planInvoice(ctx: Ctx, cp: CurrencyPlan): PlannedPosting[] {
  const invoice = cp.event as CanonicalOf<"INVOICE_ISSUED"> | CanonicalOf<"SUBSCRIPTION_INVOICE">;
  const currency = invoice.currency;
  const doc = salesDocument(ctx, { lines: invoice.lines, taxes: invoice.taxes, what: "invoice" }, currency);
  const customer = customerRef(ctx, invoice.customer, currency);
  const reference = invoice.number ?? invoice.sourceIds.object;
  const period = invoice.kind === "SUBSCRIPTION_INVOICE" ? ` Subscription ${invoice.subscriptionSourceId}, ${invoice.periodStart.slice(0, 10)} to ${invoice.periodEnd.slice(0, 10)}.` : "";
  const memo = `${ctx.sourceName} invoice ${invoice.sourceIds.object}.${period}${cp.memo}`;
  const dueDate = invoice.kind === "INVOICE_ISSUED" && invoice.dueAt ? { DueDate: txnDateOf(invoice.dueAt, ctx.facts.timeZone) } : {};
  const postings: PlannedPosting[] = [
    posting(ctx, {
      target: "Invoice",
      entityType: "Invoice",
      body: { ...cp.fields, CustomerRef: customer.ref, ...dueDate, Line: doc.Line, ...doc.taxFields },
      amountMinor: doc.totalMinor,
      currency,
      lines: [ledgerLine("accounts-receivable", undefined, doc.totalMinor), ...doc.ledger],
      dependsOn: [customer.dependency],
      notes: [...cp.notes, ...doc.notes],
      memo,
      reference,
    }),
  ];
  if (invoice.kind === "SUBSCRIPTION_INVOICE" && invoice.paid && doc.totalMinor > 0) {
    const account = accountFor(ctx, clearing(ctx).categories, "clearing", clearing(ctx).what);
    postings.push(paymentOfOwnInvoice(ctx, { cp, customer, account, totalMinor: doc.totalMinor, currency, memo, reference }));
  }
  return postings;
}
