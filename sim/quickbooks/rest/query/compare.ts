// How a stored value compares with a query literal. QuickBooks compares references by their id
// (`CustomerRef = '5'`), dates and times as instants (`MetaData.LastUpdatedTime > '2025-01-01T00:00:00-08:00'`,
// `TxnDate >= '2025-01-01'`), amounts as numbers (clients send both `Balance > 0` and `Balance > '0.0'`), and
// text without regard to case.
import type { Literal } from "./parser";

export type Scalar = string | number | boolean;

/** The comparable part of a stored value: a reference's `value`, or the value itself when it is scalar. */
export function scalarOf(value: unknown): Scalar | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const inner = (value as Record<string, unknown>).value;
    if (typeof inner === "string" || typeof inner === "number") return inner;
  }
  return undefined;
}

const DATE = /^(\d{4}-\d{2}-\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The instant a date or date-time names, or null when the text is neither. A date, or a time written without
 * an offset, is read in the company's offset (QuickBooks' documentation leaves this open; the company's own
 * day is what its users mean by a date).
 */
export function instantOf(text: string, offsetMinutes: number): number | null {
  const local = (iso: string) => Date.parse(`${iso}Z`) - offsetMinutes * 60_000;
  const date = DATE.exec(text);
  if (date) return local(`${date[1]}T00:00:00`);
  const match = DATETIME.exec(text);
  if (!match) return null;
  const [, day, rawTime, zone] = match;
  // Date.parse keeps milliseconds only.
  const time = rawTime!.replace(/(\.\d{3})\d+$/, "$1");
  if (!zone) return local(`${day}T${time}`);
  const offset = zone === "Z" || zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${day}T${time}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function asBoolean(value: Scalar): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return null;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export type CompareOptions = {
  /** Ids (and reference ids) that are both numeric compare as numbers: `Id > '9'` includes 10. */
  numericStrings: boolean;
  offsetMinutes: number;
};

/** Negative, zero or positive as `a` sorts before, with or after `b`; null when they cannot be compared. */
export function compareScalars(a: Scalar, b: Scalar, options: CompareOptions): number | null {
  if (typeof a === "boolean" || typeof b === "boolean") {
    const x = asBoolean(a);
    const y = asBoolean(b);
    return x === null || y === null ? null : Number(x) - Number(y);
  }
  const numeric = typeof a === "number" || typeof b === "number" || (options.numericStrings && NUMERIC.test(String(a)) && NUMERIC.test(String(b)));
  if (numeric) {
    const x = Number(a);
    const y = Number(b);
    if (String(a).trim() === "" || String(b).trim() === "" || Number.isNaN(x) || Number.isNaN(y)) return null;
    return sign(x - y);
  }
  const textA = String(a);
  const textB = String(b);
  const timeA = instantOf(textA, options.offsetMinutes);
  const timeB = instantOf(textB, options.offsetMinutes);
  if (timeA !== null && timeB !== null) return sign(timeA - timeB);
  const lowerA = textA.toLowerCase();
  const lowerB = textB.toLowerCase();
  return lowerA < lowerB ? -1 : lowerA > lowerB ? 1 : 0;
}

/** `%` matches any run of characters; everything else (including `_`) matches itself, ignoring case. */
export function likeMatcher(pattern: Literal): (value: Scalar) => boolean {
  const source = String(pattern)
    .split("%")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[\\s\\S]*");
  const regex = new RegExp(`^${source}$`, "i");
  return (value) => regex.test(String(value));
}
