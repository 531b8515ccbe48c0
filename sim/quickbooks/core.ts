import type { SimClock } from "./clock";
import type { FaultInjector } from "./injected-faults";
import type { RealmLimiter } from "./limits";
import type { Change, Realm, SimState } from "./state";
import type { RealmContext } from "./rest/context";

/** The running simulator's parts, shared by the REST, OAuth, webhook and control handlers. */
export type SimCore = {
  state: SimState;
  clock: SimClock;
  limiter: RealmLimiter;
  faults: FaultInjector;
  /** The simulator's own base URL (e.g. http://localhost:4010), for discovery documents and redirects. */
  baseUrl: () => string;
  /** The issuer written into id tokens and the discovery document. */
  issuer: string;
  onChange: (realmId: string, change: Change) => void;
};

export function realmContext(core: SimCore, realm: Realm): RealmContext {
  return { state: core.state, realm, clock: core.clock, notify: core.onChange };
}
