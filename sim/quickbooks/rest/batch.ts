import type { RealmContext } from "./context";
import { faults } from "./faults";

/** Runs a batch request; answers `{ BatchItemResponse: [...] }` without `time`. (Being built.) */
export function runBatch(_ctx: RealmContext, _body: unknown): Record<string, unknown> {
  throw faults.system();
}
