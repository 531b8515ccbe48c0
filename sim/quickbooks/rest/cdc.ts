import type { RealmContext } from "./context";
import { faults } from "./faults";

/** Change data capture; answers the `CDCResponse` array. (Being built.) */
export function runCdc(_ctx: RealmContext, _entities: string | null, _changedSince: string | null): unknown[] {
  throw faults.system();
}
