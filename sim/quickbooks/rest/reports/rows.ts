// The pieces every report is built from, in QuickBooks' report JSON: cells, Data rows, Sections (Header, Rows,
// Summary, type, group), columns, and money printed as strings with two decimals ("1200.00", "-10.00").
// Amounts are integer cents throughout; they become strings only here.

export type Cell = { value: string; id?: string };
export type DataRow = { ColData: Cell[]; type: "Data"; group?: string };
export type SectionRow = {
  Header?: { ColData: Cell[] };
  Rows?: { Row: ReportRow[] };
  Summary?: { ColData: Cell[] };
  type: "Section";
  group?: string;
};
export type ReportRow = DataRow | SectionRow;
export type Column = { ColTitle: string; ColType: string; MetaData?: { Name: string; Value: string }[] };

/** Cents as QuickBooks prints report money: "1200.00", "-10.00", "0.05". Integer arithmetic only. */
export function money(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** Money, or an empty cell for zero (a row's blank column, a parent account's own empty amount). */
export function moneyOrBlank(cents: number): string {
  return cents === 0 ? "" : money(cents);
}

export function cell(value: string, id?: string): Cell {
  return id === undefined ? { value } : { value, id };
}

export const blank = (): Cell => ({ value: "" });

export function dataRow(cells: Cell[], group?: string): DataRow {
  return group ? { ColData: cells, type: "Data", group } : { ColData: cells, type: "Data" };
}

export function section(parts: { header?: Cell[]; rows?: ReportRow[]; summary?: Cell[]; group?: string }): SectionRow {
  return {
    ...(parts.header ? { Header: { ColData: parts.header } } : {}),
    ...(parts.rows && parts.rows.length > 0 ? { Rows: { Row: parts.rows } } : {}),
    ...(parts.summary ? { Summary: { ColData: parts.summary } } : {}),
    type: "Section",
    ...(parts.group ? { group: parts.group } : {}),
  };
}

/** A column with QuickBooks' `ColKey` metadata (and any other metadata, e.g. StartDate/EndDate). */
export function column(title: string, type: string, key?: string, meta: { Name: string; Value: string }[] = []): Column {
  const MetaData = [...meta, ...(key === undefined ? [] : [{ Name: "ColKey", Value: key }])];
  return MetaData.length > 0 ? { ColTitle: title, ColType: type, MetaData } : { ColTitle: title, ColType: type };
}

/** Element-wise sum of equally long amount vectors. */
export function addAll(vectors: number[][], width: number): number[] {
  const total = new Array<number>(width).fill(0);
  for (const vector of vectors) for (let i = 0; i < width; i++) total[i]! += vector[i] ?? 0;
  return total;
}

export const minus = (a: number[], b: number[]): number[] => a.map((value, i) => value - (b[i] ?? 0));
export const isZero = (vector: number[]): boolean => vector.every((value) => value === 0);

/** Whether any Data row (at any depth) is present: QuickBooks' NoReportData option. */
export function hasData(rows: ReportRow[]): boolean {
  return rows.some((row) => (row.type === "Data" ? true : hasData(row.Rows?.Row ?? [])));
}
