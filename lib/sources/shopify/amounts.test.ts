import { describe, expect, it } from "vitest";
import { percentOf, rateToPercent } from "./amounts";

describe("rateToPercent", () => {
  it.each([
    [0.06, "6"], // 0.06 * 100 is 6.000000000000001 in floating point
    [0.08875, "8.875"],
    [0.2, "20"],
    [0.0725, "7.25"],
    [0, "0"],
    [1e-7, "0.00001"],
    [0.123456789012345, "12.3456789012"],
  ])("reads Shopify's rate %s as %s %%", (rate, percent) => {
    expect(rateToPercent(rate)).toBe(percent);
  });
});

describe("percentOf", () => {
  it.each([
    [30, 500, "6"],
    [100, 300, "33.3333"],
    [-30, 500, "6"],
    [2, 3, "66.6667"],
    [5, 0, "0"],
  ])("%s of %s is %s %%", (part, base, percent) => {
    expect(percentOf(part, base)).toBe(percent);
  });
});
