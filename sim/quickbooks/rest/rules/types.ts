import type { EntityRecord } from "../../state";
import type { RealmContext } from "../context";

/** What one entity adds to the generic create/update/delete/void handling in crud.ts. */
export type EntityRules = {
  /** Top-level fields a write may carry besides Id, SyncToken, MetaData, sparse and domain (else 2010). */
  fields: readonly string[];
  /** Fields a create must carry (else 2020), checked in order: the first missing one is reported. */
  required?: readonly string[];
  /** Fields QuickBooks fills in on create when absent. */
  defaults?: (ctx: RealmContext) => Record<string, unknown>;
  /**
   * Checks references (2500/610/2020), computes derived fields (line amounts, TotalAmt, Balance, tax,
   * home-currency amounts, FullyQualifiedName) and returns the record to store. Throws QboFault.
   */
  prepare?: (ctx: RealmContext, record: EntityRecord, previous: EntityRecord | undefined) => EntityRecord;
  /** After the record is stored: keeps linked documents in step (Invoice Balance, LinkedTxn on both sides). */
  afterSave?: (ctx: RealmContext, saved: EntityRecord, previous: EntityRecord | undefined) => void;
  /** Before delete or void: refuse (e.g. 6540 deposited) or unlink from other documents. */
  beforeRemove?: (ctx: RealmContext, record: EntityRecord, mode: "delete" | "void") => void;
  /** The voided copy: amounts zeroed, lines kept (see the SalesReceipt void fixture). */
  voided?: (ctx: RealmContext, record: EntityRecord) => EntityRecord;
};
