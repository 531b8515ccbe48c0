// Companies (realms): created on demand, each seeded like a new sandbox company.
import type { SimCore } from "./core";
import { realmContext } from "./core";
import { seedCompany } from "./seed";
import type { Realm } from "./state";

export type NewCompany = { name?: string; currency?: string; multicurrency?: boolean; country?: string; realmId?: string };

/** Realm ids look like sandbox ones: 16 digits, unique per simulator. */
function nextRealmId(core: SimCore): string {
  const n = core.state.nextRealmNumber++;
  return String(9341450000000000 + n * 7919);
}

export function createCompany(core: SimCore, input: NewCompany = {}): Realm {
  const realmId = input.realmId ?? nextRealmId(core);
  if (core.state.realms[realmId]) throw new Error(`Realm ${realmId} already exists`);
  const realm: Realm = {
    realmId,
    companyName: input.name ?? `Sandbox Company US ${realmId.slice(-4)}`,
    currency: (input.currency ?? "USD").toUpperCase(),
    multicurrency: input.multicurrency ?? false,
    country: input.country ?? "US",
    offsetMinutes: -480,
    createdAt: core.clock.now(),
    entities: {},
    deleted: {},
    sequences: {},
    requests: {},
    closedThrough: null,
    counters: { reads: 0, writes: 0 },
    changes: [],
    exchangeRates: {},
    books: {},
  };
  core.state.realms[realmId] = realm;
  seedCompany(realmContext(core, realm));
  // Seeding is the company's starting point, not a change anyone should be told about.
  realm.changes = [];
  return realm;
}
