// QuickBooks display names for source customers. Customers, vendors and employees share one namespace of
// DisplayName (a clash is fault 6240), and a name can hold 500 characters. Pure rules, so the pipeline and the
// preview propose the same name: the source's name, else its email, else "<Source> customer <id>"; when that
// is taken, the source and id are added, which makes it unique because source ids are.

const MAX = 500;

export type SourceCustomer = { sourceId: string; name?: string; email?: string };

function clean(text: string | undefined): string | undefined {
  // QuickBooks refuses ':' in names (it separates sub-customers) and collapses surrounding spaces.
  const cleaned = text?.replace(/:/g, "-").replace(/\s+/g, " ").trim();
  return cleaned ? cleaned : undefined;
}

/** "Jane Doe", else "jane@example.com", else "Stripe customer cus_123"; a foreign currency is added: "Jane Doe (EUR)". */
export function proposedDisplayName(customer: SourceCustomer, sourceName: string, currency?: string): string {
  const base = clean(customer.name) ?? clean(customer.email) ?? `${sourceName} customer ${customer.sourceId}`;
  return (currency ? `${base} (${currency})` : base).slice(0, MAX);
}

/**
 * The proposed name, or when another customer, vendor or employee already has it (compared as QuickBooks
 * does, ignoring case), "Jane Doe (Stripe cus_123)". `taken` holds the names in use, in any case.
 */
export function uniqueDisplayName(proposed: string, taken: Iterable<string>, sourceName: string, sourceId: string): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(proposed.toLowerCase())) return proposed;
  const suffix = ` (${sourceName} ${sourceId})`;
  return `${proposed.slice(0, MAX - suffix.length)}${suffix}`;
}
