// Shopify writes 64-bit ids as bare JSON numbers, and some exceed 2^53, where a JavaScript number cannot hold
// them. The builders keep those ids as bigint, and this tiny writer prints a bigint as its exact digits: the
// body then carries what Shopify's would, and a receiver that parses it with plain JSON.parse loses digits,
// exactly as it would in production.

export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** JSON.stringify's compact output, with bigints as bare integers. Undefined object fields are left out. */
export function writeJson(value: JsonValue): string {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(writeJson).join(",")}]`;
  const fields: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) fields.push(`${JSON.stringify(key)}:${writeJson(field)}`);
  }
  return `{${fields.join(",")}}`;
}
