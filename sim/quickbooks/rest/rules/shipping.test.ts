// SHIPPING_ITEM_ID on sales lines: refused with shipping off (2500), taken with it on, crediting the
// company's shipping income account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realmContext } from "../../core";
import { startTestSim, type TestSim } from "../../test-helpers";
import { incomeAccountOfLine } from "./shipping";
import { accountId, entityOf, faultOf, itemId, type Doc } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const shippingLine = { Amount: 12.5, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "SHIPPING_ITEM_ID" } } };
const serviceLine = () => ({ Amount: 100, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } });

async function setShipping(on: boolean, account?: string) {
  const prefs: Doc = entityOf((await t.api("GET", "/preferences")).body, "Preferences");
  const res = await t.api("POST", "/preferences", {
    Id: "1",
    SyncToken: prefs.SyncToken,
    sparse: true,
    SalesFormsPrefs: { AllowShipping: on, ...(account ? { DefaultShippingAccount: account } : {}) },
  });
  expect(res.status, res.text).toBe(200);
}

describe("SHIPPING_ITEM_ID", () => {
  it("is refused (2500) while shipping is off", async () => {
    await setShipping(false);
    const res = await t.api("POST", "/salesreceipt", { Line: [serviceLine(), shippingLine] });
    expect(faultOf(res.body)).toMatchObject({ code: "2500", element: "Line.SalesItemLineDetail.ItemRef" });
  });

  it("is taken with shipping on, adds to the total and credits the default shipping account", async () => {
    const shippingIncome = accountId(t.realm, "Shipping income");
    await setShipping(true, shippingIncome);
    const res = await t.api("POST", "/salesreceipt", { Line: [serviceLine(), shippingLine] });
    expect(res.status, res.text).toBe(200);
    const receipt: Doc = entityOf(res.body, "SalesReceipt");
    expect(receipt.TotalAmt).toBe(112.5);
    const line = receipt.Line.find((l: Doc) => l.SalesItemLineDetail?.ItemRef?.value === "SHIPPING_ITEM_ID");
    expect(line).toMatchObject({ Amount: 12.5, SalesItemLineDetail: { ItemRef: { value: "SHIPPING_ITEM_ID" }, TaxCodeRef: { value: "NON" } } });

    const ctx = realmContext(t.sim.core, t.realm);
    expect(incomeAccountOfLine(ctx, line.SalesItemLineDetail)).toBe(shippingIncome);
    expect(incomeAccountOfLine(ctx, receipt.Line[0].SalesItemLineDetail)).toBe(accountId(t.realm, "Services"));
    expect(incomeAccountOfLine(ctx, { ItemRef: { value: "no-such-item" } })).toBeUndefined();

    // Another account chosen as the shipping account is what the line credits.
    await setShipping(true, accountId(t.realm, "Other Income"));
    expect(incomeAccountOfLine(ctx, line.SalesItemLineDetail)).toBe(accountId(t.realm, "Other Income"));
  });
});
