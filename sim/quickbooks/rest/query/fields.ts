// Property names in a query: QuickBooks matches them case-insensitively (Intuit's own samples write
// `Metadata.LastUpdatedTime` and `active`), and refuses a name the entity does not have with
//   4001 Invalid query / "QueryValidationError: Property NoSuchField not found for Entity Purchase"
// (a body reported verbatim from a live sandbox by a client library's tests).
import type { EntityRecord } from "../../state";
import type { EntityDef } from "../entities";
import { faults } from "../faults";
import { RULES } from "../rules";

const COMMON = ["Id", "SyncToken", "MetaData", "domain", "sparse"];
const META = ["CreateTime", "LastUpdatedTime"];

// Fields QuickBooks computes rather than accepts on a write, so entity rules (which list writable fields)
// may not name them, though they can be filtered on.
const COMPUTED: Record<EntityDef["kind"], string[]> = {
  name: ["Active", "FullyQualifiedName", "Balance", "BalanceWithJobs", "Level"],
  transaction: ["TxnDate", "DocNumber", "TotalAmt", "Balance", "HomeTotalAmt", "HomeBalance", "PrivateNote", "CurrencyRef", "Line"],
  setting: [],
};

/** Canonical spelling of each property an entity has, keyed by lower case. */
export class PropertySet {
  private readonly names = new Map<string, string>();
  /**
   * Without a schema the simulator learns names from entity rules and the stored records. An entity with no
   * records yet cannot tell a typo from a field nobody has set, so it accepts every name (answering no rows)
   * rather than refuse a query QuickBooks would run.
   */
  private readonly lenient: boolean;

  constructor(
    private readonly def: EntityDef,
    rows: readonly EntityRecord[],
  ) {
    const add = (name: string) => this.names.set(name.toLowerCase(), this.names.get(name.toLowerCase()) ?? name);
    [...COMMON, ...COMPUTED[def.kind], ...(RULES[def.name]?.fields ?? [])].forEach(add);
    if (def.nameField) add(def.nameField);
    for (const row of rows) Object.keys(row).forEach(add);
    this.lenient = rows.length === 0;
  }

  /** The path with its first segment (and MetaData's second) spelled as stored; refuses unknown names. */
  canonical(path: string): string {
    const [head = "", ...rest] = path.split(".");
    const known = this.names.get(head.toLowerCase());
    if (!known) {
      if (this.lenient) return path;
      throw faults.queryValidation(`Property ${path} not found for Entity ${this.def.name}`);
    }
    if (known === "MetaData") {
      const sub = META.find((m) => m.toLowerCase() === (rest[0] ?? "").toLowerCase());
      if (rest.length !== 1 || !sub) throw faults.queryValidation(`Property ${path} not found for Entity ${this.def.name}`);
      return `MetaData.${sub}`;
    }
    return [known, ...rest].join(".");
  }
}

/** Reads a dotted path from a record; each key is matched exactly first, then case-insensitively. */
export function readPath(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const segment of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    const object = value as Record<string, unknown>;
    if (segment in object) {
      value = object[segment];
      continue;
    }
    const key = Object.keys(object).find((k) => k.toLowerCase() === segment.toLowerCase());
    value = key === undefined ? undefined : object[key];
  }
  return value;
}
