import { parse } from "@marcbachmann/cel-js";

// Inngest writes keys and conditions in CEL ("event.data.tenant", "event.data.id == async.data.id"). The
// executor evaluates them with a real CEL implementation. JSON integers become CEL ints so that arithmetic and
// comparisons with literals (`event.data.n > 1`) behave as they do on Inngest's servers.

type Compiled = ReturnType<typeof parse>;
const cache = new Map<string, Compiled>();

function compile(expression: string): Compiled {
  let compiled = cache.get(expression);
  if (!compiled) {
    compiled = parse(expression);
    cache.set(expression, compiled);
  }
  return compiled;
}

function toCel(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCel(v)]));
  }
  return value;
}

function evaluate(expression: string, context: Record<string, unknown>): unknown {
  return compile(expression)(toCel(context) as Record<string, unknown>);
}

/** The string a flow-control key expression yields; a missing field gives "" (one shared bucket), as on Inngest. */
export function evaluateKey(expression: string, context: Record<string, unknown>): string {
  try {
    const value = evaluate(expression, context);
    if (value === null || value === undefined) return "";
    if (typeof value === "object") return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    return String(value);
  } catch {
    return "";
  }
}

/** Whether a condition holds; an expression that cannot be evaluated (a missing field, a type error) is false. */
export function evaluateCondition(expression: string, context: Record<string, unknown>): boolean {
  try {
    return evaluate(expression, context) === true;
  } catch {
    return false;
  }
}

/** Throws if the expression does not parse, so a bad function config is refused at registration. */
export function checkExpression(expression: string): void {
  compile(expression);
}
