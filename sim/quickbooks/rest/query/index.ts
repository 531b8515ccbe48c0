import type { RealmContext } from "../context";
import { faults } from "../faults";

/** Runs a query statement; answers the `QueryResponse` object. (Replaced by the real parser and executor.) */
export function runQuery(_ctx: RealmContext, text: string): Record<string, unknown> {
  throw faults.queryParse(`query support is being built: ${text.slice(0, 40)}`);
}
