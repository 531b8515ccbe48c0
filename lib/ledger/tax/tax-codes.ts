import type { TaxLine } from "../../canonical";
import { taxCodeFor, type Ctx, type Resolved } from "../shared/context";

// Which mapped QuickBooks tax code a source tax line means. A jurisdiction mapping ("tax:GB", "tax:US-NY")
// wins; zero-rated, exempt and reverse-charge lines have their own categories; otherwise the rate does
// ("tax:rate:20"). Lines with no tax at all take the exempt code (or the zero-rated one), since outside the US
// QuickBooks wants a code on every line.

/** "20.000" -> "20", "8.8750" -> "8.875": one spelling per rate for mapping keys. */
export function normalisePercent(percent: string): string {
  if (!percent.includes(".")) return String(BigInt(percent));
  const [whole = "0", fraction = ""] = percent.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  const w = String(BigInt(whole.replace("-", "") || "0"));
  return `${percent.startsWith("-") ? "-" : ""}${w}${trimmed ? `.${trimmed}` : ""}`;
}

function isZeroRate(percent: string): boolean {
  return /^-?0*(\.0*)?$/.test(percent);
}

export function taxCategories(tax: TaxLine): string[] {
  const categories: string[] = [];
  if (tax.jurisdiction) categories.push(`tax:${tax.jurisdiction}`);
  if (/reverse/i.test(tax.name)) categories.push("tax:reverse-charge");
  if (isZeroRate(tax.ratePercent)) categories.push(/exempt/i.test(tax.name) ? "tax:exempt" : "tax:zero");
  categories.push(`tax:rate:${normalisePercent(tax.ratePercent)}`);
  return categories;
}

export const UNTAXED_CATEGORIES = ["tax:exempt", "tax:zero"] as const;

/** The code for a line taxed by `taxes` (the first tax decides: one QuickBooks code covers a line's rates). */
export function codeForTaxes(ctx: Ctx, taxes: readonly TaxLine[]): Resolved {
  const first = taxes.find((t) => t.jurisdiction) ?? taxes[0];
  if (!first) return taxCodeFor(ctx, UNTAXED_CATEGORIES, "untaxed lines (tax:exempt or tax:zero)");
  const label = first.jurisdiction ? `${first.name} (${first.jurisdiction})` : `${first.name} at ${normalisePercent(first.ratePercent)} %`;
  return taxCodeFor(ctx, taxCategories(first), `${ctx.sourceName} tax ${label}`);
}
