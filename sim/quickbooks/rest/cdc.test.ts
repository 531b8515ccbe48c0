import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatQboTime } from "../clock";
import { startTestSim, type TestSim } from "../test-helpers";
import { saveDirect } from "./query/test-records";

type Row = Record<string, unknown> & { Id: string; MetaData: { LastUpdatedTime: string } };
type CdcAnswer = { CDCResponse: { QueryResponse: Record<string, unknown>[] }[]; time: string };
type FaultAnswer = { Fault: { Error: { Message: string; Detail: string; code: string; element: string }[]; type: string } };

const DAY = 24 * 3600_000;
// A whole second, and a clock that barely moves (speed must be above 0), so 30-day boundaries are exact.
const START = Date.UTC(2025, 5, 1, 12, 0, 0);

let t: TestSim;

function stamp(ms: number): string {
  return formatQboTime(ms, t.realm.offsetMinutes);
}

/** Moves the sim clock and keeps the test token alive (it expires an hour after minting). */
function advance(ms: number): void {
  t.sim.clock.advance(ms);
  t.sim.state.accessTokens[t.token]!.expiresAt = t.sim.clock.now() + 3600_000;
}

async function cdc(entities: string | null, changedSince: string | null) {
  const params = new URLSearchParams();
  if (entities !== null) params.set("entities", entities);
  if (changedSince !== null) params.set("changedSince", changedSince);
  return t.api("GET", `/cdc?${params.toString()}&minorversion=75`);
}

/** The rows CDC reported per entity. */
async function changes(entities: string, changedSince: string): Promise<Record<string, Row[]>> {
  const answer = await cdc(entities, changedSince);
  expect(answer.status, answer.text).toBe(200);
  const body = answer.body as CdcAnswer;
  expect(body.CDCResponse).toHaveLength(1);
  const out: Record<string, Row[]> = {};
  for (const entry of body.CDCResponse[0]!.QueryResponse) {
    for (const [key, value] of Object.entries(entry)) {
      if (Array.isArray(value)) {
        out[key] = value as Row[];
        expect(entry).toEqual({ [key]: value, startPosition: 1, maxResults: value.length });
      }
    }
  }
  return out;
}

beforeAll(async () => {
  t = await startTestSim({ clock: { now: START, speed: 1e-9 } });
});

afterAll(async () => {
  await t.sim.stop();
});

describe("change data capture", () => {
  it("reports created, updated, inactive and deleted records since changedSince", async () => {
    const before = stamp(t.sim.clock.now());
    advance(60_000);
    const created = await t.api("POST", "/customer", { DisplayName: "Cdc Customer" });
    const customer = (created.body as { Customer: Row }).Customer;
    advance(60_000);
    const updated = await t.api("POST", "/customer", { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Active: false });
    expect(updated.status, updated.text).toBe(200);
    const invoice = saveDirect(t.sim, t.realm, "Invoice", { TxnDate: "2025-06-01", TotalAmt: 10, CustomerRef: { value: customer.Id } });
    advance(60_000);
    const deleted = await t.api("POST", "/invoice?operation=delete", { Id: invoice.Id, SyncToken: invoice.SyncToken });
    expect(deleted.status, deleted.text).toBe(200);

    const found = await changes("Customer,invoice,Payment", before);
    expect(Object.keys(found)).toEqual(["Customer", "Invoice"]);
    // Changed twice, reported once, in its current (inactive) state.
    expect(found.Customer).toHaveLength(1);
    expect(found.Customer![0]).toMatchObject({ Id: customer.Id, DisplayName: "Cdc Customer", Active: false, SyncToken: "1" });
    expect(found.Invoice).toEqual([{ domain: "QBO", status: "Deleted", Id: invoice.Id, MetaData: { LastUpdatedTime: stamp(t.sim.clock.now()) } }]);

    // Asked from just after the customer's last change, only the deletion remains.
    const later = await changes("Customer,Invoice", stamp(t.sim.clock.now()));
    expect(Object.keys(later)).toEqual(["Invoice"]);
  });

  it("answers [{}] when nothing changed", async () => {
    advance(60_000);
    const answer = await cdc("Customer,Invoice", stamp(t.sim.clock.now()));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ CDCResponse: [{ QueryResponse: [{}] }], time: expect.any(String) });
  });

  it("accepts changedSince exactly 30 days back and refuses a second more", async () => {
    const now = t.sim.clock.now();
    const edge = stamp(now - 30 * DAY);
    expect((await cdc("Customer", edge)).status).toBe(200);
    const tooOld = await cdc("Customer", stamp(now - 30 * DAY - 1000));
    expect(tooOld.status).toBe(400);
    const fault = (tooOld.body as FaultAnswer).Fault;
    expect(fault.type).toBe("ValidationFault");
    expect(fault.Error[0]!.Detail).toMatch(/older than fixed days is not supported.*30 days/);

    // The window moves with the sim clock: what was allowed a day ago no longer is.
    const recent = stamp(now - 29 * DAY);
    expect((await cdc("Customer", recent)).status).toBe(200);
    advance(DAY + 1000);
    expect((await cdc("Customer", recent)).status).toBe(400);
  });

  it("reads changedSince with or without an offset, or as a date", async () => {
    const now = t.sim.clock.now();
    const utc = new Date(now - DAY).toISOString();
    for (const since of [stamp(now - DAY), utc, utc.replace(/\.\d+Z$/, "Z"), stamp(now - DAY).slice(0, 19), stamp(now - DAY).slice(0, 10)]) {
      expect((await cdc("Customer", since)).status, since).toBe(200);
    }
  });

  it("reports at most 1000 records per entity, oldest changes first", async () => {
    const since = stamp(t.sim.clock.now());
    advance(1000);
    const first = saveDirect(t.sim, t.realm, "Vendor", { DisplayName: "Vendor first" });
    advance(1000);
    for (let i = 0; i < 1004; i++) saveDirect(t.sim, t.realm, "Vendor", { DisplayName: `Vendor ${i}` });
    const found = await changes("Vendor", since);
    expect(found.Vendor).toHaveLength(1000);
    expect(found.Vendor![0]!.Id).toBe(first.Id);
  });

  it("refuses missing or unusable parameters with 400", async () => {
    const since = stamp(t.sim.clock.now() - DAY);
    const cases: [string | null, string | null, string][] = [
      [null, since, "entities"],
      ["", since, "entities"],
      ["Customer", null, "changedSince"],
      ["Customer", "yesterday", "changedSince"],
      // `+01:00` sent without URL-encoding arrives as a space.
      ["Customer", `${since.slice(0, 19)} 01:00`, "changedSince"],
      ["Customer,Widget", since, "entities"],
      ["TaxCode", since, "entities"],
    ];
    for (const [entities, changedSince, element] of cases) {
      const answer = await cdc(entities, changedSince);
      expect(answer.status, `${entities} ${changedSince}`).toBe(400);
      const fault = (answer.body as FaultAnswer).Fault;
      expect(fault.type).toBe("ValidationFault");
      expect(fault.Error[0]!.element, `${entities} ${changedSince}`).toBe(element);
    }
  });
});
