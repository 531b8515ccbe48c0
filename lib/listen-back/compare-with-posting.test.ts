import { describe, expect, it } from "vitest";
import { compareWithPosting } from "./compare-with-posting";

// What counts as drift on an entity Ledgerwire posted: money and accounts, never memos or QuickBooks' own additions.

const receipt = {
  entityType: "SalesReceipt",
  amountMinor: 7_500n,
  currency: "USD",
  body: {
    CustomerRef: { value: "{{customer:stripe:cus_1}}" },
    Line: [
      { Amount: 50, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "7" } } },
      { Amount: 25, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "8" } } },
    ],
  },
};
const line = (amount: number, item: string) => ({ Amount: amount, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: item } } });
const asPosted = { Id: "41", SyncToken: "0", TotalAmt: 75, Line: [line(25, "8"), line(50, "7"), { Amount: 75, DetailType: "SubTotalLineDetail" }] };

const journal = {
  entityType: "JournalEntry",
  amountMinor: 1_234n,
  currency: "USD",
  body: {
    Line: [
      { Amount: 12.34, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { PostingType: "Debit", AccountRef: { value: "60" } } },
      { Amount: 12.34, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { PostingType: "Credit", AccountRef: { value: "35" } } },
    ],
  },
};
const jeLine = (type: string, amount: number, account: string) => ({ Amount: amount, DetailType: "JournalEntryLineDetail", JournalEntryLineDetail: { PostingType: type, AccountRef: { value: account } } });

describe("compareWithPosting", () => {
  it.each([
    ["as posted, lines reordered and a subtotal line added", receipt, asPosted, undefined, null, []],
    ["only the memo and the document number changed", receipt, { ...asPosted, SyncToken: "3", PrivateNote: "checked", DocNumber: "1043" }, undefined, null, []],
    [
      "a line's amount edited",
      receipt,
      { ...asPosted, TotalAmt: 80, Line: [line(30, "8"), line(50, "7")] },
      undefined,
      "EDITED",
      [
        { field: "TotalAmt", expected: "75.00", actual: "80.00" },
        { field: "Line.Amount", expected: ["25.00", "50.00"], actual: ["30.00", "50.00"] },
      ],
    ],
    ["an item swapped", receipt, { ...asPosted, Line: [line(25, "9"), line(50, "7")] }, undefined, "EDITED", [{ field: "Line.Ref", expected: ["Item 7", "Item 8"], actual: ["Item 7", "Item 9"] }]],
    ["voided, as the webhook says", receipt, { ...asPosted, TotalAmt: 0, Line: [line(0, "8"), line(0, "7")] }, "Void", "VOIDED", [{ field: "TotalAmt", expected: "75.00", actual: "0.00" }]],
    ["voided, as CDC shows it (zero total, Voided note)", receipt, { ...asPosted, TotalAmt: 0, PrivateNote: "Voided", Line: [line(0, "8"), line(0, "7")] }, undefined, "VOIDED", [{ field: "TotalAmt", expected: "75.00", actual: "0.00" }]],
    ["a journal entry as posted (no total compared)", journal, { Id: "9", SyncToken: "1", TotalAmt: 12.34, Line: [jeLine("Credit", 12.34, "35"), jeLine("Debit", 12.34, "60")] }, undefined, null, []],
    [
      "a journal entry's account changed",
      journal,
      { Id: "9", SyncToken: "1", Line: [jeLine("Debit", 12.34, "61"), jeLine("Credit", 12.34, "35")] },
      undefined,
      "EDITED",
      [{ field: "Line.Ref", expected: ["Account 35", "Account 60"], actual: ["Account 35", "Account 61"] }],
    ],
  ] as const)("%s", (_name, posting, entity, operation, kind, changes) => {
    expect(compareWithPosting(posting, entity, operation)).toEqual({ kind, changes });
  });

  it("reads amounts through their decimal text: 0.1 + 0.2 style floats never make drift", () => {
    const posted = { entityType: "Payment", amountMinor: 30n, currency: "USD", body: { TotalAmt: 0.3, Line: [{ Amount: 0.3 }] } };
    expect(compareWithPosting(posted, { Id: "1", SyncToken: "1", TotalAmt: 0.1 + 0.2, Line: [{ Amount: 0.30000000000000004 }] }).kind).toBeNull();
  });
});
