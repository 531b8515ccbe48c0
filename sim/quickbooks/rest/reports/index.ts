// GET /v3/company/{realmId}/reports/{ReportName}: QuickBooks' report JSON (Header, Columns, Rows) computed
// from the simulator's general ledger (books/journal.ts).
import type { RealmContext } from "../context";
import { faults } from "../faults";

/** Runs a report, or throws the Fault QuickBooks answers. `name` is the path segment as sent. */
export function runReport(_ctx: RealmContext, name: string, _query: URLSearchParams, path: string, fullUrl: string): Record<string, unknown> {
  throw faults.unsupportedOperation(path || name, fullUrl);
}
