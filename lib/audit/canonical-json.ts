// The audit hash must come out the same for the value a caller passed and for the value PostgreSQL hands back
// from a jsonb column. jsonb reorders object keys and only knows JSON, so both sides go through the same two
// steps: `toJsonValue` turns anything into plain JSON the way JSON.stringify would (plus BigInt as a decimal
// string, since JSON has no BigInt and money is BigInt here), and `canonicalJson` prints it with every object's
// keys sorted, so key order never changes the result.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function toJsonValue(value: unknown): JsonValue {
  return convert(value, new Set()) ?? null;
}

// `undefined` means "leave this out", as JSON.stringify does for undefined, functions and symbols.
function convert(value: unknown, ancestors: Set<object>): JsonValue | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // JSON has no NaN or Infinity (JSON.stringify writes null) and no negative zero.
      return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
    case "bigint":
      return value.toString();
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  // Prisma's Decimal, Buffer and friends say how they want to be written.
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    const replaced: unknown = toJSON.call(object);
    if (replaced !== object) return convert(replaced, ancestors);
  }
  if (ancestors.has(object)) throw new TypeError("Audit data must not contain circular references.");
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return object.map((item) => convert(item, ancestors) ?? null);
    // fromEntries defines each key as an own property, so a key named "__proto__" stays data.
    return Object.fromEntries(
      Object.entries(object).flatMap(([key, item]) => {
        const json = convert(item, ancestors);
        return json === undefined ? [] : [[key, json]];
      }),
    );
  } finally {
    ancestors.delete(object);
  }
}

/** JSON text with object keys sorted by UTF-16 code unit, recursively: one spelling per value. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(",")}}`;
}
