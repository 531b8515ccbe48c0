// The query endpoint (`GET|POST /v3/company/{realmId}/query`) and batch `Query` items: parse, then run.
import type { RealmContext } from "../context";
import { executeQuery } from "./executor";
import { parseQuery } from "./parser";

/** Runs a query statement; answers the `QueryResponse` object. Throws QboFault 4000 (syntax) or 4001 (meaning). */
export function runQuery(ctx: RealmContext, text: string): Record<string, unknown> {
  return executeQuery(ctx, parseQuery(text));
}
