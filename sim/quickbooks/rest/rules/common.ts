// Small helpers every rule file uses: required fields, dates, entity definitions, line numbering.
import { qboDate } from "../../clock";
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { ENTITIES, type EntityDef } from "../entities";
import { faults } from "../faults";
import { findRecord } from "../store";

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function defOf(entity: string): EntityDef {
  const def = ENTITIES.find((e) => e.name === entity);
  if (!def) throw new Error(`Unknown entity ${entity}`);
  return def;
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** 2020 for the first missing field, in order (create, full update and the merged result of a sparse update). */
export function requireFields(record: Json, fields: readonly string[]): void {
  for (const field of fields) if (isBlank(record[field])) throw faults.requiredParam(field);
}

/** Today in the company's time zone: the default TxnDate. */
export function today(ctx: RealmContext): string {
  return qboDate(ctx.clock.now(), ctx.realm.offsetMinutes);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(value: unknown, element: string): string {
  if (typeof value !== "string" || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw faults.invalidValue(element, `Invalid date: ${String(value)}. Expected yyyy-MM-dd`);
  }
  return value;
}

/** TxnDate as given, else the stored one (a full update that leaves it out keeps it), else today. */
export function txnDate(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): string {
  const given = record.TxnDate;
  return isBlank(given) ? (typeof previous?.TxnDate === "string" ? previous.TxnDate : today(ctx)) : checkDate(given, "TxnDate");
}

/** Lines as an array of objects; anything else is a malformed request. */
export function linesOf(value: unknown, element = "Line"): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw faults.invalidValue(element, `${element} must be an array of line objects`);
  return value.map((line) => ({ ...line }));
}

/**
 * Gives every line an Id (kept when the client sent one, else the next free number) and, when asked, a
 * LineNum in order. QuickBooks numbers sales lines from 1 and journal entry lines from 0.
 */
export function numberLines(lines: Json[], options: { firstId?: number; lineNum?: boolean } = {}): Json[] {
  const firstId = options.firstId ?? 1;
  let next = firstId;
  for (const line of lines) {
    const id = stringValue(line.Id);
    if (id !== undefined && /^\d+$/.test(id)) next = Math.max(next, Number(id) + 1);
  }
  const seen = new Set<string>();
  return lines.map((line, index) => {
    let id = line.Id === undefined || line.Id === null || line.Id === "" ? undefined : String(line.Id);
    if (id === undefined || seen.has(id)) id = String(next++);
    seen.add(id);
    const numbered: Json = { ...line, Id: id };
    if (options.lineNum) numbered.LineNum = index + 1;
    else delete numbered.LineNum;
    return numbered;
  });
}

/** A DetailType given, or inferred from the one detail object the line carries. */
export function detailTypeOf(line: Json, known: readonly string[], element = "Line.DetailType"): string {
  const given = line.DetailType;
  if (typeof given === "string" && given !== "") {
    if (!known.includes(given)) throw faults.invalidValue(element, `Invalid DetailType: ${given}`);
    return given;
  }
  const present = known.filter((k) => isObject(line[k]));
  if (present.length === 1) return present[0]!;
  throw faults.requiredParam(element);
}

/** The stored record, typed, or undefined. */
export function recordOf(ctx: RealmContext, entity: string, id: unknown): EntityRecord | undefined {
  return typeof id === "string" || typeof id === "number" ? findRecord(ctx, entity, String(id)) : undefined;
}

export function stringValue(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** `ref.value` as a string, when the ref has one. */
export function refValue(ref: unknown): string | undefined {
  return isObject(ref) ? stringValue(ref.value) : undefined;
}
