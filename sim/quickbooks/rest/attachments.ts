// File attachments. POST /upload takes multipart/form-data with parts `file_metadata_NN` (an Attachable as
// JSON, optional) and `file_content_NN` (the file) and answers `AttachableResponse`, one item per file: the
// created Attachable or its Fault. GET /download/{id} answers the file's temporary download URL as plain text,
// like QuickBooks; that URL (an S3 link at Intuit) is served without a token until the file is deleted.
import { randomBytes } from "node:crypto";
import type { SimCore } from "../core";
import type { SimAnswer, SimRequest } from "../http";
import { header } from "../http";
import type { RealmContext } from "./context";
import { createEntity } from "./crud";
import { entityByName } from "./entities";
import { QboFault, faults } from "./faults";
import { findRecord } from "./store";

type Part = { name: string; filename?: string; contentType?: string; data: Buffer };

/** Splits a multipart body into its parts (RFC 7578), headers read case-insensitively. */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw faults.malformedBody("multipart/form-data without a boundary");
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const chunk = body.subarray(start + 2, next - 2); // skip the CRLF after the delimiter and before the next
    const split = chunk.indexOf("\r\n\r\n");
    if (split !== -1) {
      const headers = chunk.subarray(0, split).toString("utf8");
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? "";
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      if (name !== undefined) {
        parts.push({
          name,
          filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
          contentType: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim(),
          data: chunk.subarray(split + 4),
        });
      }
    }
    at = next;
  }
  return parts;
}

function fileUrl(core: SimCore, realmId: string, id: string, key: string): string {
  return `${core.baseUrl()}/qbo-files/${encodeURIComponent(realmId)}/${id}/${key}`;
}

function uploadOne(core: SimCore, ctx: RealmContext, content: Part, metadata: Part | undefined): Record<string, unknown> {
  try {
    let fields: Record<string, unknown> = {};
    if (metadata) {
      try {
        fields = JSON.parse(metadata.data.toString("utf8")) as Record<string, unknown>;
      } catch (error) {
        throw faults.malformedBody(`${metadata.name}: ${(error as Error).message}`);
      }
    }
    const contentType = String(fields.ContentType ?? content.contentType ?? "application/octet-stream");
    const def = entityByName("Attachable")!;
    const saved = createEntity(ctx, def, { ...fields, FileName: fields.FileName ?? content.filename ?? content.name, ContentType: contentType });
    const key = randomBytes(12).toString("hex");
    (ctx.realm.attachments ??= {})[saved.Id] = { contentBase64: content.data.toString("base64"), contentType, key };
    // The stored record is the answered one: the file's fields are filled in on it, as QuickBooks answers them.
    Object.assign(saved, {
      Size: content.data.length,
      FileAccessUri: `/v3/company/${ctx.realm.realmId}/download/${saved.Id}`,
      TempDownloadUri: fileUrl(core, ctx.realm.realmId, saved.Id, key),
    });
    return { Attachable: saved };
  } catch (error) {
    if (error instanceof QboFault) return { Fault: error.item() };
    throw error;
  }
}

/** POST /upload: the `AttachableResponse` array. */
export function runUpload(core: SimCore, ctx: RealmContext, req: SimRequest): Record<string, unknown> {
  const type = header(req, "content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) throw faults.malformedBody("upload takes multipart/form-data");
  const parts = parseMultipart(req.body, type);
  const contents = parts.filter((p) => /^file_content_\d+$/.test(p.name));
  if (contents.length === 0) throw faults.requiredParam("file_content_01");
  const answers = contents.map((content) => {
    const index = content.name.slice("file_content_".length);
    return uploadOne(core, ctx, content, parts.find((p) => p.name === `file_metadata_${index}`));
  });
  return { AttachableResponse: answers };
}

/** GET /download/{id}: the temporary URL, as text. */
export function downloadUrl(core: SimCore, ctx: RealmContext, id: string): SimAnswer {
  const stored = ctx.realm.attachments?.[id];
  if (!stored || !findRecord(ctx, "Attachable", id)) throw faults.objectNotFound();
  return { status: 200, headers: { "content-type": "text/plain;charset=UTF-8" }, body: fileUrl(core, ctx.realm.realmId, id, stored.key) };
}

const FILE_PATH = /^\/qbo-files\/([^/]+)\/([^/]+)\/([^/]+)$/;

export function isFilePath(path: string): boolean {
  return FILE_PATH.test(path);
}

/** The temporary download URL itself: the bytes, or S3's 403 when the link is wrong or the file gone. */
export function serveFile(core: SimCore, path: string): SimAnswer {
  const [, realmId, id, key] = FILE_PATH.exec(path) ?? [];
  const stored = core.state.realms[decodeURIComponent(realmId ?? "")]?.attachments?.[id ?? ""];
  if (!stored || stored.key !== key) return { status: 403, headers: { "content-type": "application/xml" }, body: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>" };
  return { status: 200, headers: { "content-type": stored.contentType }, body: Buffer.from(stored.contentBase64, "base64") };
}
