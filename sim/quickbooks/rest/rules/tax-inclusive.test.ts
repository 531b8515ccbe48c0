// GlobalTaxCalculation on US sales forms: tax-exclusive (the default), tax-inclusive (the line amounts include
// the tax; QuickBooks answers the net in Amount and the gross in TaxInclusiveAmt) and not applicable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../../test-helpers";
import { accountId, customerId, entityOf, faultOf, itemId, type Doc } from "./test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

const widget = (amount: number, extra: Record<string, unknown> = {}) => ({
  Amount: amount,
  DetailType: "SalesItemLineDetail",
  SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Widget") }, TaxCodeRef: { value: "TAX" }, ...extra },
});
const customer = () => ({ value: customerId(t.realm, "Harbor View Bakery") });

/** Net line amounts less discounts plus tax: what the ledger posts against TotalAmt. */
function balanceOf(doc: Doc): number {
  let cents = 0;
  for (const line of doc.Line) {
    if (line.DetailType === "SalesItemLineDetail") cents += Math.round(line.Amount * 100);
    if (line.DetailType === "DiscountLineDetail") cents -= Math.round(line.Amount * 100);
  }
  return cents + Math.round((doc.TxnTaxDetail?.TotalTax ?? 0) * 100);
}

describe("GlobalTaxCalculation", () => {
  it("TaxInclusive: a 120.00 line at 8% totals 120.00 with 8.89 of tax; Amount is the net, TaxInclusiveAmt the gross", async () => {
    const res = await t.api("POST", "/invoice", { CustomerRef: customer(), GlobalTaxCalculation: "TaxInclusive", Line: [widget(120)] });
    expect(res.status).toBe(200);
    const invoice = entityOf(res.body, "Invoice");
    expect(invoice).toMatchObject({ GlobalTaxCalculation: "TaxInclusive", TotalAmt: 120, Balance: 120 });
    expect(invoice.Line[0]).toMatchObject({ Amount: 111.11, SalesItemLineDetail: { TaxInclusiveAmt: 120, TaxCodeRef: { value: "TAX" } } });
    expect(invoice.TxnTaxDetail).toMatchObject({
      TotalTax: 8.89,
      TaxLine: [{ Amount: 8.89, DetailType: "TaxLineDetail", TaxLineDetail: { TaxPercent: 8, NetAmountTaxable: 111.11 } }],
    });
    expect(invoice.Line.at(-1)).toMatchObject({ DetailType: "SubTotalLineDetail", Amount: 111.11 });
    expect(balanceOf(invoice)).toBe(12000);
  });

  it("TaxInclusive on every sales form, with a non-taxable line kept whole", async () => {
    const bank = { value: accountId(t.realm, "Checking") };
    const services = { Amount: 50, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } };
    const bodies: Record<string, Doc> = {
      salesreceipt: {},
      creditmemo: { CustomerRef: customer() },
      refundreceipt: { DepositToAccountRef: bank },
      invoice: { CustomerRef: customer() },
    };
    for (const [path, extra] of Object.entries(bodies)) {
      const res = await t.api("POST", `/${path}`, { ...extra, GlobalTaxCalculation: "TaxInclusive", Line: [widget(10.8), widget(0.05), services] });
      expect(res.status, path).toBe(200);
      const doc = Object.values(res.body as Record<string, Doc>)[0];
      // 10.80 × 8/108 = 0.80; 0.05 × 8/108 = 0.0037 -> 0.00.
      expect(doc.TotalAmt, path).toBe(60.85);
      expect(doc.TxnTaxDetail.TotalTax, path).toBe(0.8);
      expect(doc.Line.map((l: Doc) => l.Amount), path).toEqual([10, 0.05, 50, 60.05]);
      expect(doc.Line[2].SalesItemLineDetail, path).not.toHaveProperty("TaxInclusiveAmt");
      expect(balanceOf(doc), path).toBe(6085);
    }
  });

  it("a full update of a read TaxInclusive invoice keeps its amounts (TaxInclusiveAmt is the gross sent back)", async () => {
    const created = entityOf((await t.api("POST", "/invoice", { CustomerRef: customer(), GlobalTaxCalculation: "TaxInclusive", Line: [widget(120, { Qty: 2, UnitPrice: 60 })] })).body, "Invoice");
    expect(created.Line[0]).toMatchObject({ Amount: 111.11, SalesItemLineDetail: { TaxInclusiveAmt: 120, Qty: 2, UnitPrice: 60 } });
    const again = await t.api("POST", "/invoice", { ...created });
    expect(again.status).toBe(200);
    const updated = entityOf(again.body, "Invoice");
    expect(updated).toMatchObject({ TotalAmt: 120, SyncToken: "1", TxnTaxDetail: { TotalTax: 8.89 } });
    expect(updated.Line[0]).toMatchObject({ Amount: 111.11, SalesItemLineDetail: { TaxInclusiveAmt: 120 } });
  });

  it("NotApplicable: no tax at all, even on taxable lines", async () => {
    const res = await t.api("POST", "/salesreceipt", { GlobalTaxCalculation: "NotApplicable", Line: [widget(120)] });
    const receipt = entityOf(res.body, "SalesReceipt");
    expect(receipt).toMatchObject({ GlobalTaxCalculation: "NotApplicable", TotalAmt: 120 });
    expect(receipt.TxnTaxDetail?.TotalTax ?? 0).toBe(0);
    expect(receipt.TxnTaxDetail?.TaxLine).toBeUndefined();
    expect(receipt.Line[0].Amount).toBe(120);
  });

  it("TaxExcluded (the default) adds the tax on top", async () => {
    const res = await t.api("POST", "/invoice", { CustomerRef: customer(), GlobalTaxCalculation: "TaxExcluded", Line: [widget(120)] });
    const invoice = entityOf(res.body, "Invoice");
    expect(invoice).toMatchObject({ TotalAmt: 129.6, TxnTaxDetail: { TotalTax: 9.6 } });
    expect(invoice.Line[0].Amount).toBe(120);
  });

  it("refuses any other GlobalTaxCalculation with QuickBooks' 2010 enumeration fault", async () => {
    const res = await t.api("POST", "/invoice", { CustomerRef: customer(), GlobalTaxCalculation: "Bogus", Line: [widget(120)] });
    expect(res.status).toBe(400);
    expect((res.body as Doc).Fault.type).toBe("ValidationFault");
    const fault = faultOf(res.body);
    expect(fault).toMatchObject({ code: "2010", element: "GlobalTaxCalculation", Message: "Request has invalid or unsupported property" });
    expect(fault.Detail).toContain('"Bogus"');
    expect(fault.Detail).toContain("TaxExcluded");
  });
});
