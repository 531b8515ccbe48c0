// AccountList: the chart of accounts, one Data row per account (full name, type, detail type, description,
// balance; the balance for balance-sheet accounts only, as QuickBooks leaves income and expense accounts
// blank). Filters: account_type (QuickBooks' names: Bank, AccountsReceivable, OtherCurrentAsset, ...,
// comma-separated), account_status (Not_Deleted by default, or Deleted: inactive accounts) and columns.
import type { RealmContext } from "../context";
import { faults } from "../faults";
import { findRecord } from "../store";
import { booksOf, isProfitAndLoss, natural, totalsBetween, type Account } from "./chart";
import { reportHeader } from "./header";
import { basisOf } from "./params";
import { cell, dataRow, money, type Cell, type Column } from "./rows";

type ColumnDef = { title: string; value: (account: Account, balance: number) => Cell };

/** "SalesOfProductIncome" -> "Sales Of Product Income": the detail type as words. */
const words = (subType: string) => subType.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2");

function metaTime(ctx: RealmContext, account: Account, field: "CreateTime" | "LastUpdatedTime"): string {
  const meta = findRecord(ctx, "Account", account.id)?.MetaData as Record<string, unknown> | undefined;
  return typeof meta?.[field] === "string" ? String(meta[field]).slice(0, 10) : "";
}

function columnDefs(ctx: RealmContext): Record<string, ColumnDef> {
  return {
    account_name: { title: "Account", value: (a) => cell(a.fullName, a.id) },
    account_type: { title: "Type", value: (a) => cell(a.type) },
    detail_acc_type: { title: "Detail Type", value: (a) => cell(words(a.subType)) },
    account_desc: { title: "Description", value: (a) => cell(a.description) },
    account_bal: { title: "Balance", value: (a, balance) => cell(isProfitAndLoss(a) ? "" : money(natural(a, balance))) },
    create_date: { title: "Create Date", value: (a) => cell(metaTime(ctx, a, "CreateTime")) },
    last_mod_date: { title: "Last Modified", value: (a) => cell(metaTime(ctx, a, "LastUpdatedTime")) },
  };
}

const DEFAULT_COLUMNS = ["account_name", "account_type", "detail_acc_type", "account_desc", "account_bal"];
const squash = (text: string) => text.replace(/[^a-z]/gi, "").toLowerCase();

export function accountList(ctx: RealmContext, query: URLSearchParams): Record<string, unknown> {
  const defs = columnDefs(ctx);
  const keys = (query.get("columns") ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  for (const key of keys) {
    if (!Object.hasOwn(defs, key)) throw faults.invalidValue("columns", `Unsupported column: ${key}. The simulator supports: ${Object.keys(defs).join(", ")}`);
  }
  const chosen = keys.length > 0 ? keys : DEFAULT_COLUMNS;

  const books = booksOf(ctx, basisOf(ctx, query));
  const types = (query.get("account_type") ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  const known = new Set(books.accounts.map((a) => squash(a.type)));
  for (const type of types) {
    if (!known.has(squash(type)) && !["NonPosting"].includes(type)) throw faults.invalidValue("account_type", `Invalid account_type: ${type}`);
  }
  const status = query.get("account_status") ?? "Not_Deleted";
  if (status !== "Not_Deleted" && status !== "Deleted") throw faults.invalidValue("account_status", `Invalid account_status: ${status}. Supported values: Deleted, Not_Deleted`);

  const balances = totalsBetween(books, undefined, undefined);
  const accounts = books.accounts
    .filter((a) => (status === "Deleted" ? !a.active : a.active))
    .filter((a) => types.length === 0 || types.some((t) => squash(t) === squash(a.type)));
  const rows = accounts.map((a) => dataRow(chosen.map((key) => defs[key]!.value(a, balances.get(a.id) ?? 0))));
  const columns: Column[] = chosen.map((key) => ({ ColTitle: defs[key]!.title, ColType: key }));
  return {
    Header: reportHeader(ctx, { name: "AccountList", noData: rows.length === 0 }),
    Columns: { Column: columns },
    Rows: { Row: rows },
  };
}
