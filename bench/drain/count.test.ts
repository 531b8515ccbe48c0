import { describe, expect, it } from "vitest";
import { floorMinutes, lostCount, percentile, reconcile } from "./count";

describe("bench/drain's counting", () => {
  it("tells a second copy in QuickBooks and a cross-reference to nothing apart from a match", () => {
    const created = [
      { entity: "SalesReceipt", id: "1" },
      { entity: "SalesReceipt", id: "2" },
      { entity: "Deposit", id: "3" },
      // The same Id under another entity is another transaction.
      { entity: "Deposit", id: "1" },
    ];
    const refs = [
      { entityType: "SalesReceipt", entityId: "1" },
      { entityType: "Deposit", entityId: "3" },
      { entityType: "Payment", entityId: "9" },
    ];
    expect(reconcile(created, refs)).toEqual({ duplicates: 2, missingInQbo: 1, matched: 2 });
    expect(reconcile([], [])).toEqual({ duplicates: 0, missingInQbo: 0, matched: 0 });
  });

  it("counts as lost what was acknowledged and not stored, postings never sent, and references to nothing", () => {
    expect(lostCount({ acknowledged: 3000, stored: 2998, unfinishedPostings: 3, missingInQbo: 1 })).toBe(6);
    expect(lostCount({ acknowledged: 10, stored: 10, unfinishedPostings: 0, missingInQbo: 0 })).toBe(0);
  });

  it("puts the floor at 1,660 operations a minute (40 batches of 30 plus 460 single calls)", () => {
    expect(floorMinutes(1660)).toBe(1);
    expect(floorMinutes(4150)).toBe(2.5);
  });

  it("takes nearest-rank percentiles", () => {
    const samples = [900, 100, 300, 200, 500, 400, 700, 600, 800, 1000];
    expect(percentile(samples, 50)).toBe(500);
    expect(percentile(samples, 95)).toBe(1000);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });
});
