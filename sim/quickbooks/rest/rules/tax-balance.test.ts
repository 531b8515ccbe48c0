// Property: whatever the lines, codes, rates and tax mode, a sales document or a purchase balances in the
// books: its net lines (less discounts) plus its tax postings equal TotalAmt, to the cent.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realmContext } from "../../core";
import { mintAccessToken, startTestSim, type TestSim } from "../../test-helpers";
import type { Realm } from "../../state";
import { splitInclusive, taxOnNet } from "./tax-math";
import { taxPostingsOf } from "./tax-postings";
import { accountId, itemId, type Doc } from "./test-kit";
import { parseDecimal } from "./money";

let t: TestSim;
const realms: Record<string, { realm: Realm; token: string }> = {};

beforeAll(async () => {
  t = await startTestSim();
  realms.US = { realm: t.realm, token: t.token };
  for (const [country, currency] of [["GB", "GBP"], ["CA", "CAD"], ["AU", "AUD"]] as const) {
    const realm = t.sim.createCompany({ country, currency });
    realms[country] = { realm, token: mintAccessToken(t.sim, realm.realmId) };
  }
});
afterAll(async () => {
  await t.sim.stop();
});

const cents = (amount: unknown) => Math.round(Number(amount ?? 0) * 100);
const MODES = [undefined, "TaxExcluded", "TaxInclusive", "NotApplicable"] as const;
const COUNTRIES = ["US", "GB", "CA", "AU"] as const;

async function post(country: string, entity: string, body: unknown): Promise<{ status: number; doc: Doc }> {
  const { realm, token } = realms[country]!;
  const res = await fetch(`${t.sim.url}/v3/company/${realm.realmId}/${entity.toLowerCase()}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, Doc>;
  return { status: res.status, doc: json[entity] ?? json };
}

function codesOf(country: string): string[] {
  if (country === "US") return ["TAX", "NON"];
  return Object.values(realms[country]!.realm.entities.TaxCode ?? {}).map((c) => c.Id);
}

/** What the ledger posts for the document, summed: lines, discounts, total and tax. */
function imbalance(country: string, entity: string, doc: Doc): number {
  const sales = entity !== "Bill";
  let sum = sales ? cents(doc.TotalAmt) : -cents(doc.TotalAmt);
  for (const line of doc.Line) {
    if (line.DetailType === "SalesItemLineDetail") sum -= cents(line.Amount);
    if (line.DetailType === "DiscountLineDetail") sum += cents(line.Amount);
    if (line.DetailType === "AccountBasedExpenseLineDetail") sum += cents(line.Amount);
  }
  for (const amount of taxPostingsOf(realmContext(t.sim.core, realms[country]!.realm), entity, doc).values()) sum += amount;
  return sum;
}

const amount = fc.integer({ min: 1, max: 2_000_000 }).map((c) => c / 100);

describe("tax balances", () => {
  it("splitInclusive and taxOnNet: net + tax is the gross exactly, for any rates", () => {
    const rate = fc.integer({ min: -2_500_000, max: 2_500_000 }).map((r) => parseDecimal(r / 100_000)!);
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.array(rate, { maxLength: 3 }), (gross, rates) => {
        const { net, taxes } = splitInclusive(gross, rates);
        expect(net + taxes.reduce((s, c) => s + c, 0)).toBe(gross);
        expect(taxOnNet(gross, rates).length).toBe(rates.length);
      }),
    );
  });

  it("net lines + tax = TotalAmt for random invoices in every country and mode", async () => {
    const line = fc.record({ amount, code: fc.nat(20), item: fc.constantFrom("Widget", "Services", "Consulting") });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COUNTRIES),
        fc.constantFrom(...MODES),
        fc.array(line, { minLength: 1, maxLength: 5 }),
        fc.option(fc.integer({ min: 1, max: 30 })),
        fc.boolean(),
        async (country, mode, lines, discountPercent, afterDiscount) => {
          const codes = codesOf(country);
          const body: Doc = {
            ...(mode ? { GlobalTaxCalculation: mode } : {}),
            ApplyTaxAfterDiscount: afterDiscount,
            Line: [
              ...lines.map((l) => ({
                Amount: l.amount,
                DetailType: "SalesItemLineDetail",
                SalesItemLineDetail: { ItemRef: { value: itemId(realms[country]!.realm, l.item) }, TaxCodeRef: { value: codes[l.code % codes.length] } },
              })),
              ...(discountPercent ? [{ DetailType: "DiscountLineDetail", DiscountLineDetail: { PercentBased: true, DiscountPercent: discountPercent } }] : []),
            ],
          };
          const { status, doc } = await post(country, "SalesReceipt", body);
          // A code with no sales rates is still a valid line code; only a failed write is a failure here.
          expect(status, JSON.stringify(doc)).toBe(200);
          expect(imbalance(country, "SalesReceipt", doc), JSON.stringify(doc)).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("net lines + tax = TotalAmt for random bills outside the US", async () => {
    const line = fc.record({ amount, code: fc.nat(20) });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("GB", "CA", "AU"), fc.constantFrom(...MODES), fc.array(line, { minLength: 1, maxLength: 5 }), async (country, mode, lines) => {
        const realm = realms[country]!.realm;
        const codes = codesOf(country);
        const body = {
          VendorRef: { value: Object.values(realm.entities.Vendor!)[0]!.Id },
          ...(mode ? { GlobalTaxCalculation: mode } : {}),
          Line: lines.map((l) => ({
            Amount: l.amount,
            DetailType: "AccountBasedExpenseLineDetail",
            AccountBasedExpenseLineDetail: { AccountRef: { value: accountId(realm, "Travel") }, TaxCodeRef: { value: codes[l.code % codes.length] } },
          })),
        };
        const { status, doc } = await post(country, "Bill", body);
        expect(status, JSON.stringify(doc)).toBe(200);
        expect(imbalance(country, "Bill", doc), JSON.stringify(doc)).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});
