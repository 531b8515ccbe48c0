// QuickBooks meters read ("CorePlus") calls per app and calendar month (writes stay free), and throttles an
// app past its allowance. The meter counts on the sim clock, in UTC months (a choice: Intuit does not say
// which time zone its month boundaries use). Reads and writes per company and app feed the counters too.
import type { SimCore } from "./core";
import type { MonthUsage, Realm } from "./state";

export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

function monthUsage(core: SimCore, clientId: string): MonthUsage {
  const months = ((core.state.usage ??= {})[clientId] ??= {});
  return (months[monthOf(core.clock.now())] ??= { reads: 0, writes: 0 });
}

/** False when the app has used up its monthly reads (`readsPerMonth`); such a read is answered 429. */
export function readAllowed(core: SimCore, realmId: string, clientId: string): boolean {
  const cap = core.limiter.limitsFor(realmId, clientId).readsPerMonth;
  return cap === undefined || monthUsage(core, clientId).reads < cap;
}

/** Counts one admitted call for the company, the app's share of it, and the app's month. */
export function countCall(core: SimCore, realm: Realm, clientId: string, read: boolean): void {
  const kind = read ? "reads" : "writes";
  realm.counters[kind]++;
  const perApp = ((realm.counters.apps ??= {})[clientId] ??= { reads: 0, writes: 0 });
  perApp[kind]++;
  monthUsage(core, clientId)[kind]++;
}

/** GET /_sim/apps/{clientId}/usage. */
export function usageView(core: SimCore, clientId: string) {
  const month = monthOf(core.clock.now());
  const months = core.state.usage?.[clientId] ?? {};
  const realms = Object.fromEntries(
    Object.values(core.state.realms)
      .filter((r) => r.counters.apps?.[clientId])
      .map((r) => [r.realmId, r.counters.apps![clientId]!]),
  );
  return { clientId, month, reads: months[month]?.reads ?? 0, readsPerMonth: core.limiter.limitsFor("", clientId).readsPerMonth ?? null, months, realms };
}
