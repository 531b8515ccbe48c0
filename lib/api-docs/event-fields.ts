import { z } from "zod";
import { ApiEventSchema } from "../sources/api/schema";

// The docs page's tables, read from the JSON Schema of the request, so the page documents exactly what the
// route validates.

export type FieldDoc = { name: string; type: string; required: boolean; description: string };
export type EventTypeDoc = { type: string; description: string; fields: FieldDoc[] };

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
};

function typeOf(schema: Schema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  if (schema.type === "array") return `${schema.items ? typeOf(schema.items) : "value"}[]`;
  if (schema.type === "object" && schema.properties) return "object";
  if (schema.format === "date-time") return "date-time";
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "value");
}

function fieldsOf(schema: Schema, prefix = ""): FieldDoc[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const own: FieldDoc = { name: path, type: typeOf(field), required: (schema.required ?? []).includes(name), description: field.description ?? "" };
    const nested = field.type === "array" && field.items?.properties ? fieldsOf(field.items, `${path}[].`) : field.properties ? fieldsOf(field, `${path}.`) : [];
    return [own, ...nested];
  });
}

export function eventTypeDocs(): EventTypeDoc[] {
  const root = z.toJSONSchema(ApiEventSchema, { io: "input", unrepresentable: "any" }) as Schema;
  return (root.oneOf ?? root.anyOf ?? []).map((variant) => {
    const typeField = variant.properties?.type ?? {};
    return {
      type: String(typeField.enum?.[0] ?? typeField.const ?? "?"),
      description: typeField.description ?? variant.description ?? "",
      fields: fieldsOf(variant).filter((f) => f.name !== "type"),
    };
  });
}
