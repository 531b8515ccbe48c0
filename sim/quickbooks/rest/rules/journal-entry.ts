// JournalEntry: debit and credit lines on accounts. Debits must equal credits; a line on Accounts Receivable
// must name a customer and one on Accounts Payable a vendor (QuickBooks' own 6000 wording). TotalAmt is the
// debit total. QuickBooks numbers journal lines from Id "0" and gives them no LineNum.
import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { detailTypeOf, isObject, linesOf, numberLines, requireFields, txnDate, type Json } from "./common";
import { applyCurrency } from "./currency";
import { requiredAmount } from "./lines";
import { requireRef, resolveParty, resolveRef } from "./refs";
import { assignDocNumber, setTotal } from "./txn";
import type { EntityRules } from "./types";

const FIELDS = [
  "Line",
  "DocNumber",
  "TxnDate",
  "PrivateNote",
  "TxnTaxDetail",
  "Adjustment",
  "CurrencyRef",
  "ExchangeRate",
  "TotalAmt",
  "HomeTotalAmt",
  "TransactionLocationType",
  "TxnSource",
  "JournalCode",
  "RecurDataRef",
  "TaxRateRef",
  "GlobalTaxCalculation",
];

const DETAIL_TYPES = ["JournalEntryLineDetail", "DescriptionOnly"] as const;

/** Resolves `JournalEntryLineDetail.Entity {Type, EntityRef}`; returns the list it names. */
function lineEntity(ctx: RealmContext, detail: Json): string | undefined {
  if (!isObject(detail.Entity)) {
    delete detail.Entity;
    return undefined;
  }
  const entity: Json = { ...detail.Entity };
  const holder: Json = { EntityRef: isObject(entity.EntityRef) ? { ...entity.EntityRef, ...(typeof entity.Type === "string" ? { type: entity.Type } : {}) } : undefined };
  const party = resolveParty(ctx, holder, "EntityRef", "Line.JournalEntryLineDetail.Entity.EntityRef");
  if (!party) throw faults.requiredParam("Line.JournalEntryLineDetail.Entity.EntityRef");
  const { type: _type, ...ref } = holder.EntityRef as Json;
  detail.Entity = { Type: party.entity, EntityRef: ref };
  return party.entity;
}

function journalLine(ctx: RealmContext, line: Json): { debit: number; credit: number } {
  const type = detailTypeOf(line, DETAIL_TYPES);
  line.DetailType = type;
  if (type === "DescriptionOnly") return { debit: 0, credit: 0 };
  const cents = requiredAmount(line);
  if (cents < 0) throw faults.businessValidation("Journal entry line amounts can't be negative; use the other posting type.", "Line.Amount");
  const detail: Json = isObject(line.JournalEntryLineDetail) ? { ...line.JournalEntryLineDetail } : {};
  const posting = detail.PostingType;
  if (posting === undefined || posting === null || posting === "") throw faults.requiredParam("Line.JournalEntryLineDetail.PostingType");
  if (posting !== "Debit" && posting !== "Credit") throw faults.invalidValue("Line.JournalEntryLineDetail.PostingType", `Invalid PostingType: ${String(posting)}`);
  const account = requireRef(ctx, detail, "AccountRef", "Account", "Line.JournalEntryLineDetail.AccountRef");
  resolveRef(ctx, detail, "ClassRef", "Class", "Line.JournalEntryLineDetail.ClassRef");
  resolveRef(ctx, detail, "DepartmentRef", "Department", "Line.JournalEntryLineDetail.DepartmentRef");
  resolveRef(ctx, detail, "TaxCodeRef", "TaxCode", "Line.JournalEntryLineDetail.TaxCodeRef");
  const entity = lineEntity(ctx, detail);
  if (account.AccountType === "Accounts Receivable" && entity !== "Customer") {
    throw faults.businessValidation("When you use Accounts Receivable, you must choose a customer in the Name field.", "Line.JournalEntryLineDetail.Entity");
  }
  if (account.AccountType === "Accounts Payable" && entity !== "Vendor") {
    throw faults.businessValidation("When you use Accounts Payable, you must select a vendor in the Name field.", "Line.JournalEntryLineDetail.Entity");
  }
  line.JournalEntryLineDetail = detail;
  return posting === "Debit" ? { debit: cents, credit: 0 } : { debit: 0, credit: cents };
}

function prepareJournalEntry(ctx: RealmContext, record: Json, previous: EntityRecord | undefined): EntityRecord {
  requireFields(record, ["Line"]);
  const date = txnDate(ctx, record, previous);
  record.TxnDate = date;
  assignDocNumber(ctx, "JournalEntry", record, previous);
  const rate = applyCurrency(ctx, record, date);
  const lines = linesOf(record.Line);
  if (lines.length === 0) throw faults.requiredParam("Line");
  let debits = 0;
  let credits = 0;
  for (const line of lines) {
    const { debit, credit } = journalLine(ctx, line);
    debits += debit;
    credits += credit;
  }
  if (debits !== credits) throw faults.unbalancedJournal();
  record.Line = numberLines(lines, { firstId: 0 });
  record.Adjustment = record.Adjustment === true;
  setTotal(record, debits, rate);
  return record as EntityRecord;
}

export const journalEntryRules: EntityRules = {
  fields: FIELDS,
  required: ["Line"],
  prepare: prepareJournalEntry,
};
