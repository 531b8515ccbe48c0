import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { allocateMinorUnits, formatMinorUnits, toMinorUnits } from "./money";

describe("toMinorUnits: the one rounding rule, half away from zero at the minor unit", () => {
  it.each([
    { decimal: "0.125", currency: "USD", minor: 13 },
    { decimal: "-0.125", currency: "USD", minor: -13 },
    { decimal: "0.124", currency: "USD", minor: 12 },
    { decimal: "-0.124", currency: "USD", minor: -12 },
    { decimal: "19.99", currency: "USD", minor: 1999 },
    { decimal: "1200", currency: "USD", minor: 120_000 },
    { decimal: " 19.99 ", currency: "usd", minor: 1999 },
    { decimal: "1000", currency: "JPY", minor: 1000 },
    { decimal: "0.5", currency: "JPY", minor: 1 },
    { decimal: "-0.5", currency: "JPY", minor: -1 },
    { decimal: "1.2345", currency: "KWD", minor: 1235 },
    { decimal: "1.2344", currency: "KWD", minor: 1234 },
    { decimal: "0.00005", currency: "CLF", minor: 1 },
  ])("$decimal $currency is $minor minor units", ({ decimal, currency, minor }) => {
    expect(toMinorUnits(decimal, currency)).toBe(minor);
  });

  it("rounds a negative amount that is less than half a unit to zero, not minus zero", () => {
    expect(Object.is(toMinorUnits("-0.004", "USD"), 0)).toBe(true);
  });

  it.each(["", "abc", "1,000.00", "1e3", "12.", ".5", "--1", "+1", "1.2.3", "NaN"])("refuses %j as an amount", (decimal) => {
    expect(() => toMinorUnits(decimal, "USD")).toThrow(AppError);
    expect(() => toMinorUnits(decimal, "USD")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });

  it("refuses an amount too large to be kept exactly", () => {
    expect(() => toMinorUnits("90071992547409.92", "USD")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", message: "The amount 90071992547409.92 is too large." }));
  });
});

describe("formatMinorUnits", () => {
  it.each([
    { minor: 1999, currency: "USD", text: "19.99" },
    { minor: -5, currency: "USD", text: "-0.05" },
    { minor: 0, currency: "USD", text: "0.00" },
    { minor: 1000, currency: "JPY", text: "1000" },
    { minor: 1235, currency: "KWD", text: "1.235" },
  ])("writes $minor $currency as $text", ({ minor, currency, text }) => {
    expect(formatMinorUnits(minor, currency)).toBe(text);
  });

  it("round-trips through toMinorUnits for any safe amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom("USD", "JPY", "KWD", "CLF"), (minor, currency) => {
        expect(toMinorUnits(formatMinorUnits(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});

describe("allocateMinorUnits", () => {
  it("gives the left-over units to the largest remainders, ties to the earlier part", () => {
    expect(allocateMinorUnits(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateMinorUnits(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateMinorUnits(10, [1, 2])).toEqual([3, 7]);
    expect(allocateMinorUnits(7, [0, 0])).toEqual([7, 0]);
    expect(allocateMinorUnits(7, [])).toEqual([]);
  });

  it("always splits the exact total, each part within one unit of its exact share", () => {
    const weights = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), weights, (total, ws) => {
        const parts = allocateMinorUnits(total, ws);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = BigInt(ws.reduce((a, b) => a + b, 0));
        if (sum === 0n) return;
        // |part - total × w / sum| < 1, compared in integers: |part × sum - total × w| < sum.
        parts.forEach((part, i) => {
          const gap = BigInt(part) * sum - BigInt(total) * BigInt(ws[i]!);
          expect(gap < 0n ? -gap : gap).toBeLessThan(sum);
        });
      }),
    );
  });
});
