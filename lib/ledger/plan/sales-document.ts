import { allocateMinorUnits, type Line, type TaxLine } from "../../canonical";
import { decimalParts, qboAmount, sum } from "../shared/amounts";
import { itemFor, tracking, type Ctx } from "../shared/context";
import { ledgerLine } from "../shared/document";
import { codeForTaxes } from "../tax/tax-codes";
import type { LedgerLine } from "../types/plan";

// The lines of a sales form (SalesReceipt, Invoice, RefundReceipt, CreditMemo) and what they book: income per
// item at the net price, tax per mapped code. Lines are sent at their amount after discounts (the source's
// own net), so QuickBooks and the source agree on every line; the discount stays visible in the description.
//
// Tax, by company:
//  - US (automated sales tax): lines are TAX or NON and the document sends TxnTaxDetail {TxnTaxCodeRef,
//    TotalTax}, QuickBooks' override, so the tax booked is what the customer was charged, not a recalculation.
//  - Elsewhere: every line carries its mapped tax code, GlobalTaxCalculation says whether prices include the
//    tax, and QuickBooks computes the tax from the codes (it takes no override there); the plan's figures are
//    the source's, so a rounding difference shows up when the pipeline compares TotalAmt.
//  - No sales tax in the company: NotApplicable outside the US; a source that charged tax is then refused.

export type DocumentInput = {
  lines: readonly Line[];
  taxes: readonly TaxLine[];
  shippingMinor?: number;
  /** Categories tried before the revenue ones (refunds: ["refunds"]). */
  itemPrefix?: readonly string[];
  what: "sale" | "refund" | "invoice";
};

export type SalesDocument = {
  Line: Record<string, unknown>[];
  taxFields: Record<string, unknown>;
  totalMinor: number;
  /** Income and tax, as credits (negative) for the document's own direction; the caller adds the other side. */
  ledger: LedgerLine[];
  notes: string[];
};

function revenueCategories(line: Line): string[] {
  const category = line.category?.trim();
  if (category && /^tips?$/i.test(category)) return ["tips", "revenue"];
  return category ? [`revenue:category:${category}`, "revenue"] : ["revenue"];
}

/** Qty and UnitPrice only when they multiply to the amount exactly (QuickBooks refuses a mismatch, 6070). */
function quantityFields(line: Line, currency: string): Record<string, number> {
  if (line.unitAmountMinor === undefined) return {};
  const q = decimalParts(line.quantity);
  if (q.value * BigInt(line.unitAmountMinor) !== BigInt(line.amountMinor) * q.scale) return {};
  return { Qty: Number(line.quantity), UnitPrice: qboAmount(line.unitAmountMinor, currency) };
}

function describe(line: Line): string {
  const parts = [line.proration ? `Proration: ${line.description}` : line.description];
  if (line.periodStart && line.periodEnd) parts.push(`(${line.periodStart.slice(0, 10)} to ${line.periodEnd.slice(0, 10)})`);
  if (line.discountMinor) parts.push(`(after a discount of ${line.discountMinor} minor units)`);
  return parts.join(" ").slice(0, 4000);
}

type Entry = { amount: number; taxes: readonly TaxLine[]; item: ReturnType<typeof itemFor>; description: string; qty: Record<string, number> };

export function salesDocument(ctx: Ctx, input: DocumentInput, currency: string): SalesDocument {
  const us = ctx.facts.country === "US";
  const noTax = ctx.facts.taxModel === "NONE";
  const prefix = input.itemPrefix ?? [];
  const entries: Entry[] = input.lines.map((line) => ({
    amount: line.amountMinor,
    taxes: line.taxes,
    item: itemFor(ctx, [...prefix, ...revenueCategories(line)], `${ctx.sourceName} ${line.category ? `"${line.category}" ` : ""}revenue`),
    description: describe(line),
    qty: quantityFields(line, currency),
  }));
  if (input.shippingMinor) {
    entries.push({ amount: input.shippingMinor, taxes: [], item: itemFor(ctx, [...prefix, "shipping"], `${ctx.sourceName} shipping`), description: "Shipping", qty: {} });
  }
  const allTaxes = [...entries.flatMap((e) => e.taxes), ...input.taxes];
  const inclusive = allTaxes.filter((t) => t.inclusive);
  const exclusive = allTaxes.filter((t) => !t.inclusive);
  const notes: string[] = [];
  if (inclusive.length > 0 && exclusive.length > 0) {
    ctx.problems.push({ code: "UNSUPPORTED", message: `This ${ctx.sourceName} ${input.what} mixes tax-inclusive and tax-added prices, which one QuickBooks form cannot hold; book it by hand.` });
  }
  const charged = allTaxes.some((t) => t.amountMinor !== 0);
  if (noTax && charged) {
    ctx.problems.push({ code: "UNSUPPORTED", message: `This ${ctx.sourceName} ${input.what} charged tax, but sales tax is not set up in QuickBooks; set it up, then retry.` });
  }
  if (us && inclusive.length > 0) {
    ctx.problems.push({ code: "UNSUPPORTED", message: `This ${ctx.sourceName} ${input.what} has tax-inclusive prices, which US sales tax in QuickBooks does not take; book it by hand.` });
  }

  // Which code each line takes (non-US): its own taxes, else the document's, else the untaxed code.
  const docCode = input.taxes.length > 0 ? input.taxes : [];
  const ledger: LedgerLine[] = [];
  const Line = entries.map((entry) => {
    let taxCodeRef: { value: string } | undefined;
    if (us) taxCodeRef = { value: entry.taxes.length > 0 || (input.taxes.length > 0 && entry.description !== "Shipping") ? "TAX" : "NON" };
    else if (!noTax) taxCodeRef = codeForTaxes(ctx, entry.taxes.length > 0 ? entry.taxes : docCode).ref;
    return {
      Amount: qboAmount(entry.amount, currency),
      DetailType: "SalesItemLineDetail",
      Description: entry.description,
      SalesItemLineDetail: { ItemRef: entry.item.ref, ...entry.qty, ...(taxCodeRef ? { TaxCodeRef: taxCodeRef } : {}), ...tracking(entry.item.entry) },
    };
  });

  // Income is the line net of tax included in its price; a document-level inclusive tax is spread by amount.
  const docInclusive = sum(input.taxes.filter((t) => t.inclusive).map((t) => t.amountMinor));
  const spread = allocateMinorUnits(docInclusive, entries.map((e) => Math.max(0, e.amount)));
  entries.forEach((entry, i) => {
    const net = entry.amount - sum(entry.taxes.filter((t) => t.inclusive).map((t) => t.amountMinor)) - (spread[i] ?? 0);
    ledger.push(ledgerLine(entry.item.category, entry.item.entry.qboAccountId, -net));
  });

  const taxFields: Record<string, unknown> = {};
  const taxTotal = sum(allTaxes.map((t) => t.amountMinor));
  if (us && !noTax) {
    if (charged) {
      const code = codeForTaxes(ctx, allTaxes);
      taxFields.TxnTaxDetail = { TxnTaxCodeRef: code.ref, TotalTax: qboAmount(sum(exclusive.map((t) => t.amountMinor)), currency) };
      ledger.push(ledgerLine(code.category, code.entry.qboAccountId, -taxTotal));
    }
  } else if (!us) {
    taxFields.GlobalTaxCalculation = noTax ? "NotApplicable" : inclusive.length > 0 ? "TaxInclusive" : "TaxExcluded";
    if (!noTax) {
      const byCode = new Map<string, { category: string; account?: string; minor: number }>();
      for (const entry of entries) {
        for (const tax of entry.taxes.length > 0 ? entry.taxes : []) add(byCode, codeForTaxes(ctx, [tax]), tax.amountMinor);
      }
      for (const tax of input.taxes) add(byCode, codeForTaxes(ctx, [tax]), tax.amountMinor);
      for (const { category, account, minor } of byCode.values()) if (minor !== 0) ledger.push(ledgerLine(category, account, -minor));
      if (charged) notes.push("QuickBooks computes the tax from the mapped codes; the plan carries the source's figures.");
    }
  }
  const totalMinor = sum(entries.map((e) => e.amount)) + sum(exclusive.map((t) => t.amountMinor));
  return { Line, taxFields, totalMinor, ledger, notes };
}

function add(map: Map<string, { category: string; account?: string; minor: number }>, code: ReturnType<typeof codeForTaxes>, minor: number): void {
  const key = code.category;
  const found = map.get(key) ?? { category: code.category, ...(code.entry.qboAccountId ? { account: code.entry.qboAccountId } : {}), minor: 0 };
  found.minor += minor;
  map.set(key, found);
}
