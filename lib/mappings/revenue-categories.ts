import { ROLE_FITS, SOURCE_NAMES, type CategoryDef, type SourceKind } from "./catalogue";
import { CategoryKeySchema } from "./schemas";

// Revenue by product category: lib/ledger books a sales line whose `category` is "Books" with the item mapped to
// "revenue:category:Books", else with the "revenue" item (lib/ledger/plan/sales-document.ts). Line.category is
// the only key it reads: a channel reaches it only when a source puts the channel in Line.category (tags.channel
// is not read), so there are no channel rows here. Pure: the page builds rows for names typed in with it too.

export const REVENUE_CATEGORY_PREFIX = "revenue:category:";

/** The key lib/ledger looks up for a line's category, or undefined when no mapping can be keyed on it. */
export function revenueCategoryKey(name: string): string | undefined {
  const trimmed = name.trim();
  // The ledger sends "tip" and "tips" lines to the tips category, never to a revenue category.
  if (!trimmed || /^tips?$/i.test(trimmed)) return undefined;
  const key = `${REVENUE_CATEGORY_PREFIX}${trimmed}`;
  return CategoryKeySchema.safeParse(key).success ? key : undefined;
}

export function isRevenueCategoryKey(key: string): boolean {
  return key.startsWith(REVENUE_CATEGORY_PREFIX);
}

/** The row of one revenue category: optional, an item, falling back to the Sales ("revenue") item. */
export function revenueCategoryDef(key: string, seenIn: readonly SourceKind[]): CategoryDef {
  const name = key.slice(REVENUE_CATEGORY_PREFIX.length);
  const where = seenIn.length > 0 ? `Seen on sales lines in recent ${seenIn.map((k) => SOURCE_NAMES[k]).join(" and ")} events.` : "Not seen in recent events yet.";
  return {
    key,
    label: `Category “${name}”`,
    help: `The item for sales and refund lines whose category is “${name}”. ${where} Optional: while unmapped, these lines are booked with the Sales item.`,
    use: "item",
    fits: ROLE_FITS.income,
    required: false,
    suggest: [name],
    unmappedLabel: "Not mapped: booked as Sales",
  };
}
