import { describe, expect, it } from "vitest";
import { proposedDisplayName, uniqueDisplayName } from "./display-name";

describe("QuickBooks display names for source customers", () => {
  it.each([
    [{ sourceId: "cus_1", name: "Jane Doe", email: "j@x.com" }, undefined, "Jane Doe"],
    [{ sourceId: "cus_1", email: "j@x.com" }, undefined, "j@x.com"],
    [{ sourceId: "cus_1" }, undefined, "Stripe customer cus_1"],
    [{ sourceId: "cus_1", name: "  Acme:  Inc " }, undefined, "Acme- Inc"],
    [{ sourceId: "cus_1", name: "Jane Doe" }, "EUR", "Jane Doe (EUR)"],
  ])("%o in %s -> %s", (customer, currency, expected) => {
    expect(proposedDisplayName(customer, "Stripe", currency)).toBe(expected);
  });

  it("adds the source and id when the name is taken by any customer, vendor or employee, ignoring case", () => {
    expect(uniqueDisplayName("Jane Doe", ["jane doe"], "Stripe", "cus_123")).toBe("Jane Doe (Stripe cus_123)");
    expect(uniqueDisplayName("Jane Doe", ["John"], "Stripe", "cus_123")).toBe("Jane Doe");
    expect(uniqueDisplayName("x".repeat(500), ["x".repeat(500)], "Stripe", "cus_1")).toHaveLength(500);
  });
});
