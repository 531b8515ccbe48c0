import type { CanonicalOf } from "../../canonical";
import type { CurrencyPlan } from "../currency/currency-plan";
import { qboAmount, sum } from "../shared/amounts";
import { accountFor, sourceSlug, type Ctx } from "../shared/context";
import { ledgerLine, posting } from "../shared/document";
import { invoiceCustomerToken, invoiceToken } from "../shared/placeholders";
import type { Dependency, PlannedPosting } from "../types/plan";
import { clearing, customerRef, feeJournal, fxRoundingJournal } from "./common";

// A payment against invoices: one Payment into clearing (Dr clearing, Cr A/R), one line per invoice it pays
// with the amount applied to it, so a partial payment leaves the rest open on the invoice and a split payment
// settles each invoice by its share. Whatever is not applied stays on the payment as the customer's credit
// (UnappliedAmt), as QuickBooks keeps it. The invoices are placeholders the pipeline resolves from the
// cross-reference of whichever event posted them.

export function planPayment(ctx: Ctx, cp: CurrencyPlan): PlannedPosting[] {
  const payment = cp.event as CanonicalOf<"PAYMENT">;
  const currency = payment.currency;
  const applied = sum(payment.appliedTo.map((a) => a.amountMinor));
  if (applied > payment.amountMinor) {
    ctx.problems.push({ code: "TOTALS_DISAGREE", message: `This ${ctx.sourceName} payment applies more to invoices than it received; check the payment at ${ctx.sourceName}.` });
  }
  const slug = sourceSlug(ctx);
  const dependsOn: Dependency[] = [];
  let customerValue: { value: string; name?: string };
  if (payment.customer) {
    const customer = customerRef(ctx, payment.customer, currency);
    dependsOn.push(customer.dependency);
    customerValue = customer.ref;
  } else if (payment.appliedTo[0]) {
    const token = invoiceCustomerToken(slug, payment.appliedTo[0].invoiceSourceId);
    dependsOn.push({ kind: "invoice-customer", token, source: slug, invoiceSourceId: payment.appliedTo[0].invoiceSourceId });
    customerValue = { value: token };
  } else {
    const customer = customerRef(ctx, undefined, currency);
    dependsOn.push(customer.dependency);
    customerValue = customer.ref;
  }
  const Line = payment.appliedTo
    .filter((a) => a.amountMinor > 0)
    .map((a) => {
      const token = invoiceToken(slug, a.invoiceSourceId);
      dependsOn.push({ kind: "invoice", token, source: slug, invoiceSourceId: a.invoiceSourceId });
      return { Amount: qboAmount(a.amountMinor, currency), LinkedTxn: [{ TxnId: token, TxnType: "Invoice" }] };
    });
  const account = accountFor(ctx, clearing(ctx).categories, "clearing", clearing(ctx).what);
  const memo = `${ctx.sourceName} payment ${payment.sourceIds.object}${payment.partial ? " (partial)" : ""}.${cp.memo}`;
  const postings: PlannedPosting[] = [
    posting(ctx, {
      target: "Payment",
      entityType: "Payment",
      body: { ...cp.fields, CustomerRef: customerValue, TotalAmt: qboAmount(payment.amountMinor, currency), DepositToAccountRef: account.ref, Line },
      amountMinor: payment.amountMinor,
      currency,
      lines: [ledgerLine(account.category, account.entry.qboAccountId, payment.amountMinor), ledgerLine("accounts-receivable", undefined, -payment.amountMinor)],
      dependsOn,
      notes: cp.notes,
      memo,
      reference: payment.sourceIds.object,
    }),
  ];
  const fee = feeJournal(ctx, "JournalEntry:fee", "processing", payment.feeMinor, cp, "charged", `${ctx.sourceName} fee on payment ${payment.sourceIds.object}.`);
  if (fee) postings.push(fee);
  const fx = fxRoundingJournal(ctx, cp, 1, `${ctx.sourceName} payment ${payment.sourceIds.object}.`);
  if (fx) postings.push(fx);
  return postings;
}
