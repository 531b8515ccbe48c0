// Exact money: what a client would see as a cent off if floats crept in.
import { describe, expect, it } from "vitest";
import { centsToAmount, convertCents, formatDecimal, multiplyToCents, parseDecimal, percentOfCents, toCents } from "./money";

const d = (value: number | string) => parseDecimal(value)!;

describe("money", () => {
  it("parses numbers and numeric strings exactly, rejecting the rest", () => {
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents("19.99")).toBe(1999);
    expect(toCents(1e-7)).toBe(0);
    expect(toCents(-2.005)).toBe(-201);
    expect(toCents("abc")).toBeUndefined();
    expect(toCents(Number.NaN)).toBeUndefined();
    expect(toCents(".5")).toBe(50);
  });

  it("rounds half away from zero once, after multiplying", () => {
    expect(multiplyToCents(d(3), d(33.335))).toBe(10001);
    expect(multiplyToCents(d(1.005), d(1))).toBe(101);
    expect(multiplyToCents(d(-1), d(0.125))).toBe(-13);
    // 0.07 × 3 as floats is 0.21000000000000002; exact math gives 21 cents.
    expect(multiplyToCents(d(0.07), d(3))).toBe(21);
  });

  it("computes tax and conversions in cents", () => {
    expect(percentOfCents(6012, d(8))).toBe(481);
    expect(percentOfCents(5, d(8.25))).toBe(0);
    expect(convertCents(33333, d("1.0825"))).toBe(36083);
  });

  it("prints cents and rates the way QuickBooks does", () => {
    expect(centsToAmount(1999)).toBe(19.99);
    expect(centsToAmount(-583)).toBe(-5.83);
    expect(formatDecimal(d("1.08250000"))).toBe("1.0825");
    expect(formatDecimal(d("0.0067"), 6)).toBe("0.0067");
  });
});
