import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QboError } from "./qbo-error";
import { invalidateReferenceData, referenceData, REFERENCE_TTL_MS } from "./reference-cache";
import { startClientSim, uniqueName, type ClientSim } from "./test-kit";

let t: ClientSim;
let now = Date.now();
const clock = () => now;

beforeAll(async () => {
  t = await startClientSim();
});

afterAll(async () => {
  await t.stop();
});

describe("reference data cache", () => {
  it("reads each list once, then serves it from memory, sharing one fetch between concurrent callers", async () => {
    const reference = referenceData(t.client, t.realmId, { now: clock });
    const before = t.usage.reads;
    const [accounts, again] = await Promise.all([reference.accounts(), reference.accounts()]);
    expect(accounts.length).toBeGreaterThan(0);
    expect(again).toBe(accounts);
    expect(t.usage.reads - before).toBe(1);

    await Promise.all([reference.items(), reference.taxCodes(), reference.classes(), reference.departments(), reference.currencies()]);
    const warm = t.usage.reads;
    for (let i = 0; i < 20; i++) {
      await reference.accounts();
      await reference.items();
      await reference.taxCodes();
    }
    // Steady state: postings read the lists as often as they like without spending metered reads.
    expect(t.usage.reads).toBe(warm);
  });

  it("includes inactive records and sees a change after invalidation with exactly one fresh read", async () => {
    const reference = referenceData(t.client, t.realmId, { now: clock });
    const name = uniqueName("Retired class");
    const created = await t.client.create("Class", { Name: name }, { requestId: "ref-class-create" });
    await t.client.update("Class", { Id: created.Id, SyncToken: created.SyncToken, Active: false }, { requestId: "ref-class-retire" });

    // Still the cached list from before: the new class is not there yet.
    expect((await reference.classes()).some((c) => c.Name === name)).toBe(false);

    invalidateReferenceData(t.realmId, "Class");
    const before = t.usage.reads;
    const classes = await reference.classes();
    expect(classes.find((c) => c.Name === name)).toMatchObject({ Active: false });
    expect(t.usage.reads - before).toBe(1);
    // Other lists were not touched by invalidating classes.
    await reference.accounts();
    expect(t.usage.reads - before).toBe(1);
  });

  it("reads again once the TTL has passed", async () => {
    const reference = referenceData(t.client, t.realmId, { now: clock });
    await reference.items();
    const before = t.usage.reads;
    now += REFERENCE_TTL_MS + 1;
    await reference.items();
    await reference.items();
    expect(t.usage.reads - before).toBe(1);
  });

  it("does not cache a failed read", async () => {
    invalidateReferenceData(t.realmId);
    const reference = referenceData(t.client, t.realmId, { now: clock });
    await t.control("/faults", { kind: "500", count: 1 });
    await expect(reference.departments()).rejects.toBeInstanceOf(QboError);
    await expect(reference.departments()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ Name: "Main Street" })]));
  });

  it("refuses a client for another company", () => {
    expect(() => referenceData(t.client, "another-realm")).toThrow(QboError);
  });
});
