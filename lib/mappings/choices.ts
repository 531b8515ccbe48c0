import type { CategoryDef } from "./catalogue";

// Which of the company's accounts, items or tax codes may be chosen for a category, suggested ones first.
// Pure: the rows are the cached reference data (QboReferenceRow).

export type ReferenceRow = {
  entity: string;
  qboId: string;
  name: string;
  accountType: string | null;
  accountSubType: string | null;
  incomeAccountId: string | null;
  active: boolean;
};

export type Choice = { id: string; name: string; accountType: string | null; suggested: boolean };

const ENTITY = { account: "Account", item: "Item", taxCode: "TaxCode" } as const;

function fits(def: CategoryDef, row: ReferenceRow): boolean {
  if (def.use === "taxCode") return true;
  return row.accountType !== null && (def.fits as readonly string[]).includes(row.accountType);
}

function avoided(def: CategoryDef, row: ReferenceRow): boolean {
  return (def.avoid ?? []).some((name) => name.toLowerCase() === row.name.toLowerCase()) || (def.key.startsWith("clearing:") && row.accountSubType === "UndepositedFunds");
}

function rank(def: CategoryDef, row: ReferenceRow): number {
  const at = def.suggest.findIndex((name) => name.toLowerCase() === row.name.toLowerCase());
  if (at >= 0) return at;
  // Gateway fees: QuickBooks' own bank-charges subtype is the next best thing to a named account.
  if (def.key.startsWith("fees:") && row.accountSubType === "BankCharges") return def.suggest.length;
  return -1;
}

/** Active rows of the right entity whose type fits, never an avoided one; suggestions first, then by name. */
export function choicesFor(def: CategoryDef, rows: readonly ReferenceRow[]): Choice[] {
  const candidates = rows.filter((r) => r.entity === ENTITY[def.use] && r.active && fits(def, r) && !avoided(def, r));
  return candidates
    .map((r) => ({ row: r, rank: rank(def, r) }))
    .sort((a, b) => {
      const ra = a.rank < 0 ? Number.MAX_SAFE_INTEGER : a.rank;
      const rb = b.rank < 0 ? Number.MAX_SAFE_INTEGER : b.rank;
      return ra - rb || a.row.name.localeCompare(b.row.name);
    })
    .map(({ row, rank: r }) => ({ id: row.qboId, name: row.name, accountType: row.accountType, suggested: r >= 0 }));
}

/** Why a chosen row does not fit, as a sentence; undefined when it fits. */
export function misfit(def: CategoryDef, row: ReferenceRow | undefined): string | undefined {
  if (!row) return `${def.label}: the chosen ${def.use === "item" ? "item" : def.use === "taxCode" ? "tax code" : "account"} is no longer in QuickBooks; refresh and choose again.`;
  if (def.use === "taxCode") return undefined;
  if (!fits(def, row)) {
    const what = def.use === "item" ? `the item ${row.name}, whose income account is ${row.accountType ?? "not set"}` : `${row.name}, ${row.accountType ?? "of unknown type"}`;
    return `${def.label} is mapped to ${what}; choose ${def.use === "item" ? "an item whose income account is " : ""}${def.fits.join(", ")}.`;
  }
  if (avoided(def, row)) return `${def.label} must not be ${row.name}: keep the processor's balance in an account of its own.`;
  return undefined;
}
