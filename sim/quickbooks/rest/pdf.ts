// GET /{entity}/{id}/pdf: a small but valid PDF of a sales document (number, date, customer, lines, total),
// written by hand: one page, Helvetica, a content stream of text lines and a byte-exact xref table.
import type { EntityRecord } from "../state";
import { faults } from "./faults";
import { isObject, linesOf } from "./rules/common";
import { centsToAmount, toCents } from "./rules/money";

/** Documents QuickBooks renders as PDF. */
export const PDF_ENTITIES = ["Invoice", "SalesReceipt", "Estimate", "CreditMemo", "RefundReceipt"];

const TITLES: Record<string, string> = { Invoice: "INVOICE", SalesReceipt: "SALES RECEIPT", Estimate: "ESTIMATE", CreditMemo: "CREDIT MEMO", RefundReceipt: "REFUND RECEIPT" };

/** PDF string literal: Latin-1 only (the standard fonts' encoding), with ( ) \ escaped. */
function pdfText(text: string): string {
  const latin = [...text].map((c) => (c.charCodeAt(0) <= 0xff ? c : "?")).join("");
  return `(${latin.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ")})`;
}

function money(value: unknown): string {
  return centsToAmount(toCents(value) ?? 0).toFixed(2);
}

function refName(ref: unknown): string {
  return isObject(ref) ? String(ref.name ?? ref.value ?? "") : "";
}

/** The document as lines of text, top to bottom. */
export function documentLines(entity: string, record: EntityRecord, companyName: string): string[] {
  const out = [companyName, `${TITLES[entity] ?? entity.toUpperCase()} ${String(record.DocNumber ?? record.Id)}`, `Date: ${String(record.TxnDate ?? "")}`];
  const customer = refName(record.CustomerRef);
  if (customer) out.push(`Bill to: ${customer}`);
  out.push("");
  for (const line of linesOf(record.Line)) {
    if (line.DetailType === "SubTotalLineDetail") {
      out.push(`Subtotal: ${money(line.Amount)}`);
      continue;
    }
    const detail = isObject(line.SalesItemLineDetail) ? line.SalesItemLineDetail : undefined;
    const what = String(line.Description ?? (detail ? refName(detail.ItemRef) : line.DetailType === "DiscountLineDetail" ? "Discount" : ""));
    const qty = detail?.Qty !== undefined ? `  ${String(detail.Qty)} x ${String(detail.UnitPrice ?? "")}` : "";
    out.push(line.Amount === undefined ? what : `${what}${qty}  ${money(line.Amount)}`);
  }
  const tax = isObject(record.TxnTaxDetail) ? record.TxnTaxDetail.TotalTax : undefined;
  if (tax !== undefined && (toCents(tax) ?? 0) !== 0) out.push(`Tax: ${money(tax)}`);
  out.push(`Total: ${money(record.TotalAmt)}`);
  if (record.Balance !== undefined && entity === "Invoice") out.push(`Balance due: ${money(record.Balance)}`);
  return out;
}

/** A one-page PDF showing `lines`. */
export function renderPdf(lines: string[]): Buffer {
  const shown = lines.slice(0, 60);
  const stream = ["BT", "/F1 11 Tf", "14 TL", "50 790 Td", ...shown.map((l) => `${pdfText(l)} '`), "ET"].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`,
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export function documentPdf(entity: string, record: EntityRecord | undefined, companyName: string): Buffer {
  if (!record) throw faults.objectNotFound();
  return renderPdf(documentLines(entity, record, companyName));
}
