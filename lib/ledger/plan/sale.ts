import type { CanonicalOf } from "../../canonical";
import type { CurrencyPlan } from "../currency/currency-plan";
import { accountFor, type Ctx } from "../shared/context";
import { ledgerLine, posting } from "../shared/document";
import type { PlannedPosting } from "../types/plan";
import { clearing, customerRef, feeJournal, fxRoundingJournal, paymentOfOwnInvoice } from "./common";
import { salesDocument } from "./sales-document";

// A sale paid at once. Default: one SalesReceipt deposited to the source's clearing account (Dr clearing the
// total, Cr income per item, Cr tax), as Synder books a charge. With "InvoiceAndPayment" the same lines go on an
// Invoice (Dr A/R) and a Payment into clearing settles it at once, for businesses that want every sale on a
// customer's statement. A fee known at the sale leaves clearing by its own journal entry (gross and net kept apart).

export function planSale(ctx: Ctx, cp: CurrencyPlan): PlannedPosting[] {
  const sale = cp.event as CanonicalOf<"SALE">;
  const currency = sale.currency;
  const doc = salesDocument(ctx, { lines: sale.lines, taxes: sale.taxes, shippingMinor: sale.shippingMinor, what: "sale" }, currency);
  const reference = sale.sourceIds.order ?? sale.sourceIds.name ?? sale.sourceIds.object;
  const memo = `${ctx.sourceName} sale ${sale.sourceIds.object}.${sale.description ? ` ${sale.description}.` : ""}${cp.memo}`;
  const account = accountFor(ctx, clearing(ctx).categories, "clearing", clearing(ctx).what);
  const postings: PlannedPosting[] = [];
  const common = { ...cp.fields, Line: doc.Line, ...doc.taxFields };
  if (ctx.mapping.settings.sales === "SalesReceipt") {
    const customer = sale.customer ? customerRef(ctx, sale.customer, currency) : undefined;
    postings.push(
      posting(ctx, {
        target: "SalesReceipt",
        entityType: "SalesReceipt",
        body: { ...common, ...(customer ? { CustomerRef: customer.ref } : {}), DepositToAccountRef: account.ref },
        amountMinor: doc.totalMinor,
        currency,
        lines: [ledgerLine(account.category, account.entry.qboAccountId, doc.totalMinor), ...doc.ledger],
        dependsOn: customer ? [customer.dependency] : [],
        notes: [...cp.notes, ...doc.notes],
        memo,
        reference,
      }),
    );
  } else {
    const customer = customerRef(ctx, sale.customer, currency);
    postings.push(
      posting(ctx, {
        target: "Invoice",
        entityType: "Invoice",
        body: { ...common, CustomerRef: customer.ref },
        amountMinor: doc.totalMinor,
        currency,
        lines: [ledgerLine("accounts-receivable", undefined, doc.totalMinor), ...doc.ledger],
        dependsOn: [customer.dependency],
        notes: [...cp.notes, ...doc.notes],
        memo,
        reference,
      }),
    );
    postings.push(paymentOfOwnInvoice(ctx, { cp, customer, account, totalMinor: doc.totalMinor, currency, memo, reference }));
  }
  const fee = feeJournal(ctx, "JournalEntry:fee", "processing", sale.feeMinor, cp, "charged", `${ctx.sourceName} fee on sale ${sale.sourceIds.object}.`);
  if (fee) postings.push(fee);
  const fx = fxRoundingJournal(ctx, cp, 1, `${ctx.sourceName} sale ${sale.sourceIds.object}.`);
  if (fx) postings.push(fx);
  return postings;
}
