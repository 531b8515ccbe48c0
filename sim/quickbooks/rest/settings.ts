import type { RealmContext } from "./context";
import { faults } from "./faults";

/** GET /exchangerate?sourcecurrencycode=EUR&asofdate=2025-01-31 (Being built.) */
export function readExchangeRate(_ctx: RealmContext, _source: string | null, _asOf: string | null): Record<string, unknown> {
  throw faults.system();
}
