// Runs a parsed query against one realm's records and answers the `QueryResponse` object:
//   rows:      { Customer: [...], startPosition: 1, maxResults: <rows returned> }
//   no rows:   {}   (QuickBooks answers `"QueryResponse": {}`, no entity key and no counters)
//   count(*):  { totalCount: N }   (paging clauses are ignored: the count is of every matching record)
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { entityByName, type EntityDef } from "../entities";
import { faults } from "../faults";
import { compareScalars, likeMatcher, scalarOf, type CompareOptions, type Scalar } from "./compare";
import { PropertySet, readPath } from "./fields";
import type { Condition, OrderItem, QueryAst } from "./parser";

export const DEFAULT_MAX_RESULTS = 100;
export const MAX_RESULTS_LIMIT = 1000;

type Test = (record: EntityRecord) => boolean;

export function executeQuery(ctx: RealmContext, ast: QueryAst): Record<string, unknown> {
  const def = entityByName(ast.entity);
  // QuickBooks answers an unknown entity (e.g. `TaxService`) with "Metadata not found for Entity: TaxService";
  // an entity the simulator serves but QuickBooks cannot query gets the same answer.
  if (!def || !def.query) throw faults.queryValidation(`Metadata not found for Entity: ${ast.entity}`);
  checkPaging(ast);

  const all = Object.values(ctx.realm.entities[def.name] ?? {});
  const properties = new PropertySet(def, all);
  const where = ast.where.map((c) => ({ ...c, field: properties.canonical(c.field) }));
  const orderBy = ast.orderBy.map((o) => ({ ...o, field: properties.canonical(o.field) }));
  const selected = ast.selection.kind === "fields" ? ast.selection.fields.map((f) => properties.canonical(f)) : null;

  const read = reader(def);
  const tests = where.map((c) => conditionTest(c, read, ctx.realm.offsetMinutes));
  // Name lists hide inactive records unless the query asks about Active itself (`Active IN (true,false)`).
  const mentionsActive = where.some((c) => c.field === "Active");
  if (def.kind === "name" && !mentionsActive) tests.push((record) => record.Active !== false);
  const matching = all.filter((record) => tests.every((test) => test(record)));

  if (ast.selection.kind === "count") return { totalCount: matching.length };

  const sorted = sortRows(matching, orderBy, read, ctx.realm.offsetMinutes);
  const startPosition = Math.max(1, ast.startPosition ?? 1);
  const page = sorted.slice(startPosition - 1, startPosition - 1 + (ast.maxResults ?? DEFAULT_MAX_RESULTS));
  if (page.length === 0) return {};
  const rows = selected ? page.map((record) => project(record, selected)) : page;
  return { [def.name]: rows, startPosition, maxResults: rows.length };
}

function checkPaging(ast: QueryAst): void {
  // QuickBooks' cap is 1000 rows a page. Refusing a larger page (rather than quietly trimming it) makes a
  // client that believes it asked for more find out here, not by missing rows in production.
  const max = ast.maxResults;
  if (max !== null && (max < 1 || max > MAX_RESULTS_LIMIT)) {
    throw faults.queryValidation(`MAXRESULTS value ${max} is out of range; it must be between 1 and ${MAX_RESULTS_LIMIT}`);
  }
}

/** Reads a record's value for a property; a name-list record without `Active` is active, as in QuickBooks. */
function reader(def: EntityDef): (record: EntityRecord, field: string) => unknown {
  return (record, field) => {
    const value = readPath(record, field);
    if (value === undefined && field === "Active" && def.kind === "name") return true;
    return value;
  };
}

function options(field: string, offsetMinutes: number): CompareOptions {
  return { numericStrings: field === "Id" || /Ref(\.value)?$/.test(field), offsetMinutes };
}

function conditionTest(condition: Condition, read: (r: EntityRecord, f: string) => unknown, offsetMinutes: number): Test {
  const opts = options(condition.field, offsetMinutes);
  const value = (record: EntityRecord): Scalar | undefined => scalarOf(read(record, condition.field));
  switch (condition.op) {
    case "LIKE": {
      const matches = likeMatcher(condition.values[0] ?? "");
      return (record) => {
        const v = value(record);
        return v !== undefined && matches(v);
      };
    }
    case "IN":
    case "=":
      return (record) => {
        const v = value(record);
        return v !== undefined && condition.values.some((literal) => compareScalars(v, literal, opts) === 0);
      };
    default: {
      const literal = condition.values[0]!;
      const accept = { "<": (c: number) => c < 0, ">": (c: number) => c > 0, "<=": (c: number) => c <= 0, ">=": (c: number) => c >= 0 }[condition.op];
      return (record) => {
        const v = value(record);
        if (v === undefined) return false;
        const c = compareScalars(v, literal, opts);
        return c !== null && accept(c);
      };
    }
  }
}

function byId(a: EntityRecord, b: EntityRecord): number {
  return compareScalars(a.Id, b.Id, { numericStrings: true, offsetMinutes: 0 }) ?? 0;
}

/** ORDERBY fields in turn, then Id ascending (QuickBooks' default order here); missing values sort first. */
function sortRows(rows: EntityRecord[], orderBy: OrderItem[], read: (r: EntityRecord, f: string) => unknown, offsetMinutes: number): EntityRecord[] {
  return [...rows].sort((a, b) => {
    for (const item of orderBy) {
      const x = scalarOf(read(a, item.field));
      const y = scalarOf(read(b, item.field));
      let c: number;
      if (x === undefined || y === undefined) c = x === y ? 0 : x === undefined ? -1 : 1;
      else c = compareScalars(x, y, options(item.field, offsetMinutes)) ?? (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0);
      if (c !== 0) return item.direction === "DESC" ? -c : c;
    }
    return byId(a, b);
  });
}

const ALWAYS = new Set(["Id", "SyncToken", "MetaData", "domain", "sparse"]);

/** `SELECT a, b`: the chosen top-level fields, then what QuickBooks always sends, marked `sparse: true`. */
function project(record: EntityRecord, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const top = field.split(".")[0]!;
    if (!ALWAYS.has(top) && record[top] !== undefined) out[top] = record[top];
  }
  return { ...out, domain: record.domain ?? "QBO", sparse: true, Id: record.Id, SyncToken: record.SyncToken, MetaData: record.MetaData };
}
