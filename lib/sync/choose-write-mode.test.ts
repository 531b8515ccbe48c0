import { describe, expect, it } from "vitest";
import { chooseWriteMode, claimSize, MAX_BATCH_ITEMS } from "./choose-write-mode";

describe("batch or single", () => {
  it("sends one ready posting on an idle system as a single call", () => {
    expect(chooseWriteMode(1, { requestsLeft: 500, batchesLeft: 40 })).toEqual({ mode: "single" });
    expect(chooseWriteMode(1, null)).toEqual({ mode: "single" });
  });
  it("groups a backlog into batches of 30 while batch calls are left, then spends the minute's requests on singles", () => {
    expect(claimSize({ requestsLeft: 500, batchesLeft: 40 })).toBe(MAX_BATCH_ITEMS);
    expect(chooseWriteMode(30, { requestsLeft: 500, batchesLeft: 40 })).toEqual({ mode: "batch" });
    expect(claimSize({ requestsLeft: 200, batchesLeft: 0 })).toBe(5);
    expect(chooseWriteMode(5, { requestsLeft: 200, batchesLeft: 0 })).toEqual({ mode: "single" });
    expect(claimSize({ requestsLeft: 0, batchesLeft: 0 })).toBe(1);
  });
});
