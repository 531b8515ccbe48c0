import type { SimClock } from "../clock";
import type { Change, Realm, SimState } from "../state";

/** What every REST operation works with: one realm of the shared state, on the sim clock. */
export type RealmContext = {
  state: SimState;
  realm: Realm;
  clock: SimClock;
  /** Called after each committed change (webhooks listen here). */
  notify: (realmId: string, change: Change) => void;
};
