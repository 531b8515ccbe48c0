// Attachable uploads (multipart, AttachableResponse), download URLs, and PDFs of sales documents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../test-helpers";
import { customerId, entityOf, faultOf, itemId, type Doc } from "./rules/test-kit";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

async function invoice(): Promise<Doc> {
  const res = await t.api("POST", "/invoice", {
    CustomerRef: { value: customerId(t.realm, "Northwind Outfitters") },
    Line: [{ Amount: 150, Description: "Design (work)", DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Consulting") }, Qty: 1, UnitPrice: 150 } }],
  });
  return entityOf(res.body, "Invoice");
}

function multipart(parts: { name: string; filename?: string; type: string; data: string | Buffer }[]): { body: Buffer; type: string } {
  const boundary = "sim-boundary-37";
  const chunks = parts.flatMap((p) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}\r\nContent-Type: ${p.type}\r\n\r\n`),
    Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data),
    Buffer.from("\r\n"),
  ]);
  return { body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(parts: Parameters<typeof multipart>[0]) {
  const { body, type } = multipart(parts);
  const res = await fetch(`${t.sim.url}/v3/company/${t.realm.realmId}/upload`, { method: "POST", headers: { authorization: `Bearer ${t.token}`, accept: "application/json", "content-type": type }, body: new Uint8Array(body) });
  return { status: res.status, body: (await res.json()) as Doc };
}

describe("Attachable", () => {
  it("uploads a file linked to an invoice, answers AttachableResponse, and serves it back", async () => {
    const inv = await invoice();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const res = await upload([
      { name: "file_metadata_01", type: "application/json", data: JSON.stringify({ AttachableRef: [{ EntityRef: { type: "Invoice", value: inv.Id } }], FileName: "receipt.png", ContentType: "image/png" }) },
      { name: "file_content_01", filename: "receipt.png", type: "image/png", data: bytes },
    ]);
    expect(res.status).toBe(200);
    const attachable = res.body.AttachableResponse[0].Attachable;
    expect(attachable).toMatchObject({ FileName: "receipt.png", ContentType: "image/png", Size: bytes.length, AttachableRef: [{ EntityRef: { type: "Invoice", value: inv.Id }, IncludeOnSend: false }] });
    expect(typeof res.body.time).toBe("string");

    const file = await fetch(attachable.TempDownloadUri);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
    const download = await t.api("GET", `/download/${attachable.Id}`);
    expect(download.status).toBe(200);
    expect(download.text).toBe(attachable.TempDownloadUri);

    const linked = (await t.api("GET", `/query?query=${encodeURIComponent("select * from Attachable")}`)).body as Doc;
    expect(linked.QueryResponse.Attachable.map((a: Doc) => a.Id)).toContain(attachable.Id);
    const read: Doc = entityOf((await t.api("GET", `/attachable/${attachable.Id}`)).body, "Attachable");
    const deleted = await t.api("POST", "/attachable?operation=delete", { Id: read.Id, SyncToken: read.SyncToken });
    expect(deleted.body).toMatchObject({ Attachable: { status: "Deleted" } });
    expect((await fetch(attachable.TempDownloadUri)).status).toBe(403);
  });

  it("a note needs no file; a bad link is refused per file inside AttachableResponse", async () => {
    const note = await t.api("POST", "/attachable", { Note: "Call before delivery", AttachableRef: [{ EntityRef: { type: "Customer", value: customerId(t.realm, "Northwind Outfitters") } }] });
    expect(entityOf(note.body, "Attachable")).toMatchObject({ Note: "Call before delivery" });
    expect(faultOf((await t.api("POST", "/attachable", {})).body)).toMatchObject({ code: "2020" });
    const res = await upload([
      { name: "file_metadata_01", type: "application/json", data: JSON.stringify({ AttachableRef: [{ EntityRef: { type: "Invoice", value: "99999" } }] }) },
      { name: "file_content_01", filename: "a.pdf", type: "application/pdf", data: "%PDF-1.4" },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.AttachableResponse[0].Fault.Error[0].code).toBe("2500");
  });
});

describe("GET /{entity}/{id}/pdf", () => {
  it("answers a valid PDF of an invoice with its number, customer, lines and total", async () => {
    const inv = await invoice();
    const res = await fetch(`${t.sim.url}/v3/company/${t.realm.realmId}/invoice/${inv.Id}/pdf`, { headers: { authorization: `Bearer ${t.token}`, accept: "application/pdf" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer()).toString("latin1");
    expect(pdf.startsWith("%PDF-1.4")).toBe(true);
    expect(pdf.trimEnd().endsWith("%%EOF")).toBe(true);
    for (const text of [`INVOICE ${inv.DocNumber}`, "Bill to: Northwind Outfitters", "Design \\(work\\)", "Total: 150.00"]) expect(pdf).toContain(text);
    // The xref offsets point at the objects, so a strict reader can open it.
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe("xref");
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
  });

  it("answers a sales receipt's PDF and 610 for a missing one", async () => {
    const receipt: Doc = entityOf((await t.api("POST", "/salesreceipt", { Line: [{ Amount: 9, DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: itemId(t.realm, "Services") } } }] })).body, "SalesReceipt");
    const ok = await t.api("GET", `/salesreceipt/${receipt.Id}/pdf`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("SALES RECEIPT");
    const missing = await t.api("GET", "/invoice/99999/pdf");
    expect(faultOf(missing.body).code).toBe("610");
  });
});
